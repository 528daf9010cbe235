import CrossCountry
import Foundation
import Testing
@testable import Script

/// What values look like to a user: large vectors and matrices elided as NumPy prints them, every
/// element on request, Jacobians of functions to one number as a number or a row, and help.
@Suite struct DisplayTests {
    /// The 40×40 matrix of 0…1599, row-major.
    static let square = "let A = reshape(map(fn(i) = i, 0..1600), (40, 40))\n"

    @Test func aLargeMatrixShowsItsCornersAndHowToSeeItAll() {
        let lines = output(Self.square + "A").split(separator: "\n").map(String.init)
        #expect(lines.count == 8, "three rows, the ellipsis, three rows and the note: \(lines)")
        // Every shown row holds the first and last three entries of that row of A, in order.
        for (line, row) in zip(lines[0..<3] + lines[4..<7], [0, 1, 2, 37, 38, 39]) {
            let numbers = line.split { !$0.isNumber }.compactMap { Int($0) }
            #expect(numbers == [0, 1, 2, 37, 38, 39].map { row * 40 + $0 }, "\(line)")
            #expect(line.contains("  ...  "))
        }
        #expect(lines[3] == " ...")
        #expect(lines[7] == "(40×40; show(x, all: true) shows every element)")
    }

    @Test func showAllPrintsEveryElementAndSmallValuesAreNotElided() {
        let lines = output(Self.square + "show(A, all: true)").split(separator: "\n")
        #expect(lines.count == 40)
        let numbers = lines.flatMap { $0.split { !$0.isNumber }.compactMap { Int($0) } }
        #expect(numbers == Array(0..<1600))
        #expect(!output("reshape(map(fn(i) = i, 0..1000), (40, 25))").contains("..."), "1,000 elements are shown whole")
        #expect(output("map(fn(i) = i, 0..1001)").hasPrefix("[0, 1, 2, ..., 998, 999, 1000]\n(1001 elements;"))
        #expect(output("print(map(fn(i) = i, 0..2000))") == "[0, 1, 2, ..., 1997, 1998, 1999]", "print elides without the note")
        #expect(output("len(str(map(fn(i) = i, 0..5)))") == "15")
    }

    @Test func theJacobianOfAFunctionToOneNumberIsANumberOrARow() {
        // x³ at 2: 3·2² = 12; x·y² at (2, 3): (y², 2xy) = (9, 12); Σx² at (1, 2, 3): 2x.
        #expect(output("fn h(x) = x^3\njacobian(h)(2)") == "12")
        #expect(output("fn f(x, y) = x * y^2\njacobian(f)(2, 3)") == "[9, 12]")
        #expect(output("fn k(x) = sum(x * x)\njacobian(k)([1, 2, 3])") == "[2, 4, 6]")
        #expect(output("fn p(x, y) = (x * y, x + y)\njacobian(p)(2, 3)") == "[[3  2]\n [1  1]]", "several outputs stay a matrix")
        #expect(output("fn h(x) = x^3\njacobian(h)(2)[0, 0] + 1") == "13", "the value is still a Jacobian")
    }

    @Test func helpPrintsABuiltinsDocumentationOrAValuesSignature() throws {
        #expect(output("help(cost)") == Session.help("cost"))
        #expect(output("help(\"softmax\")") == Session.help("softmax"))
        #expect(output("help(softmax)") == Session.help("softmax"), "a prelude function is documented as a builtin")
        #expect(output("fn mine(a, b = 2) = a\nhelp(mine)") == "fn mine(a, b = 2)\n  defined at t.ccs:1:1")
        #expect(output("fn cost(x) = x\nhelp(cost)") == "fn cost(x)\n  defined at t.ccs:1:1", "a user's function shadowing a builtin is the user's")
        #expect(output("help(2)") == "a number: 2")
        #expect(output("help(\"nope\")") == "no builtin is called 'nope'")
        #expect(output("help()").contains("jacobian"))
    }

    @Test func ansIsTheLastValueShownAsUnderscoreIs() {
        var shown: [String] = []
        let session = Session(write: { _ in })
        session.show = { shown.append(Display.text($0)) }
        session.bindLastValue()
        _ = session.run("6 * 7", name: "In[1]")
        _ = session.run("ans + 1", name: "In[2]")
        _ = session.run("_ + ans", name: "In[3]")
        #expect(shown == ["42", "43", "86"])
    }

    @Test func completionSeesFieldsAndParametersWithoutEvaluating() throws {
        let session = Session(write: { _ in })
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccs-fields-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "let point = (1, 2)\nfn area(width, height) = width * height\n".write(to: directory.appendingPathComponent("m.ccs"), atomically: true, encoding: .utf8)
        _ = session.run("let g = load_graph(\"RoeFlux_1d\")\nlet m = use(\"\(directory.path)/m.ccs\")", name: "In[1]")
        let graphFields = try #require(session.fieldNames(of: "g"))
        #expect(graphFields == Value.graph(GraphValue(try PaperGraphs.load("RoeFlux_1d"))).fields.map(\.name))
        #expect(session.fieldNames(of: "m") == ["area", "point"])
        #expect(session.parameterNames(of: "m.area") == ["width", "height"])
        #expect(session.parameterNames(of: "search") == ["g", "seconds", "method", "seed", "rounds", "max_memory", "model"])
        #expect(session.parameterNames(of: "print") == [], "a variadic parameter takes no keyword")
        #expect(session.fieldNames(of: "m.point") == nil && session.fieldNames(of: "nope") == nil)
        #expect(session.parameterNames(of: "g") == nil)
    }
}
