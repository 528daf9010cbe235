import Foundation
import Testing
@testable import Notebook
import Script

@Suite struct SaveTests {
    @Test func aSavedSessionReplaysUnderCheck() throws {
        let directory = try temporaryDirectory()
        let path = "\(directory)/session.ccs"
        try "fn triple(x) = 3 * x\n".write(toFile: "\(directory)/lib.ccs", atomically: true, encoding: .utf8)
        let lines = [
            "let g = load_graph(\"RoeFlux_1d\")",
            "cost(g, markowitz)",
            "fn sq(x) {\n  x * x\n}",
            "sq(4)",
            "print(\"between\")\nsq(5)",
            "_ + _4",
            "nope + 1",
            "sq(\"a\")",
            ":load \(directory)/lib.ccs",
            "triple(_2)",
            "cost(g, forward);",
            "[[1, 2], [3, 4]]",
            ":save \(path)",
        ]
        let (screen, _, _) = runREPL(lines)
        #expect(screen.text.contains("saved 12 cells to \(path)"))
        let saved = try String(contentsOfFile: path, encoding: .utf8)
        #expect(saved == """
            let g = load_graph("RoeFlux_1d")
            cost(g, markowitz)
            #> 407
            let _2 = _
            fn sq(x) {
              x * x
            }
            sq(4)
            #> 16
            let _4 = _
            print("between")
            sq(5)
            #> between
            #> 25
            _ + _4
            #> 41
            # In [7] did not compile (unknown name 'nope'):
            # nope + 1
            sq("a")
            #> error: cannot apply '*' to a string and a string
            # :load \(directory)/lib.ccs
            fn triple(x) = 3 * x
            triple(_2)
            #> 1221
            cost(g, forward);
            [[1, 2], [3, 4]]
            #> [[1  2]
            #>  [3  4]]

            """)
        let report = NotebookCheck.check(source: saved, name: path)
        #expect(report.compileError == nil)
        #expect(report.differences.isEmpty, "\(report.differences)")
        #expect(report.cells == 7)
    }

    @Test func anUnwritableFileIsAnErrorAndTheSessionGoesOn() {
        let (screen, status, _) = runREPL(["1", ":save /nonexistent-dir/x.ccs", "2"], mode: .pipe)
        #expect(screen.errors.contains("error: cannot write '/nonexistent-dir/x.ccs'"))
        #expect(screen.text.contains("2\n2\n"))
        #expect(status == 1)
    }

    @Test func outputNumbersAreFoundAsWholeNames() {
        #expect(CellLog.outputNumbers(namedIn: "_3 + _12 * a_4 + _5x + __6 + (_7)") == [3, 12, 7])
        #expect(CellLog.outputNumbers(namedIn: "_ + _x") == [])
    }
}
