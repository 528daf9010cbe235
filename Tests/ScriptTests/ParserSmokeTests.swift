import Testing
@testable import Script

@Test func parsesSimplePrograms() throws {
    let program = try Parser.parse(SourceFile(name: "t", text: "let x = 1 + 2 * 3^2\nfn f(a, b = 2) = a - b\nf(x, b: 3)"))
    #expect(program.statements.count == 3)
}
