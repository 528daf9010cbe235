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
        #expect(screen.text.contains("saved 11 cells (and 1 cell as comments) to \(path)"))
        let saved = try String(contentsOfFile: path, encoding: .utf8)
        #expect(saved == """
            let g = load_graph("RoeFlux_1d")
            # %%
            cost(g, markowitz)
            let _2 = _
            #> 407
            fn sq(x) {
              x * x
            }
            # %%
            sq(4)
            let _4 = _
            #> 16
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
            # %%
            triple(_2)
            #> 1221
            cost(g, forward);
            # %%
            [[1, 2], [3, 4]]
            #> [[1  2]
            #>  [3  4]]

            """)
        let report = NotebookCheck.check(source: saved, name: path)
        #expect(report.compileError == nil)
        #expect(report.differences.isEmpty, "\(report.differences)")
        #expect(report.cells == 11, "the cells saved are the cells checked")
    }

    @Test func usePathsAreSavedRelativeToTheNotebook() throws {
        let directory = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: "\(directory)/lib", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(directory)/notes", withIntermediateDirectories: true)
        try "let answer = 42\n".write(toFile: "\(directory)/lib/m.ccs", atomically: true, encoding: .utf8)
        // As typed: relative to the REPL's working directory, and absolute.
        let typed = CellLog.relativePath(to: "\(directory)/lib/m.ccs", from: FileManager.default.currentDirectoryPath)
        let (screen, _, _) = runREPL(["let m = use(\"\(typed)\")", "m.answer + use(\"\(directory)/lib/m.ccs\").answer",
                                      ":save \(directory)/notes/n.ccs"])
        #expect(screen.text.contains("Out[2]: 84"))
        let saved = try String(contentsOfFile: "\(directory)/notes/n.ccs", encoding: .utf8)
        #expect(saved == "let m = use(\"../lib/m.ccs\")\n# %%\nm.answer + use(\"../lib/m.ccs\").answer\n#> 84\n")
        #expect(NotebookCheck.check(source: saved, name: "\(directory)/notes/n.ccs").differences.isEmpty)
    }

    @Test func relativePathsClimbToTheCommonFolder() {
        #expect(CellLog.relativePath(to: "/a/b/c.ccs", from: "/a/b") == "c.ccs")
        #expect(CellLog.relativePath(to: "/a/lib/m.ccs", from: "/a/notes/deep") == "../../lib/m.ccs")
        #expect(CellLog.relativePath(to: "/x/m.ccs", from: "/") == "x/m.ccs")
    }

    @Test func anExistingFileIsReplacedOnlyWhenAskedTo() throws {
        let directory = try temporaryDirectory()
        let path = "\(directory)/n.ccs"
        try "precious\n".write(toFile: path, atomically: true, encoding: .utf8)
        let (piped, status, _) = runREPL(["1", ":save \(path)"], mode: .pipe)
        #expect(piped.errors.contains("error: '\(path)' exists; :save! \(path) replaces it"))
        #expect(status == 1)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious\n")

        let (declined, _, _) = runREPL(["1", ":save \(path)", "n"])
        #expect(declined.text.contains("\(path) exists; replace it? [y/N] n\nnot saved"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious\n")

        let (accepted, _, _) = runREPL(["1", ":save \(path)", "y", "2", ":save \(path)"])
        #expect(accepted.text.components(separatedBy: "replace it?").count == 2, "a file this session saved is replaced without asking")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "1\n#> 1\n2\n#> 2\n")

        _ = runREPL(["3", ":save! \(path)"], mode: .pipe)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "3\n#> 3\n")
    }

    @Test func cellsAgainstTheClockAreNamedWithTheWorkThatRepeatsThem() throws {
        let directory = try temporaryDirectory()
        let (screen, _, _) = runREPL(["let g = load_graph(\"RoeFlux_1d\")", "search(g, seconds: 0.5).cost", "search(g, rounds: 1).cost",
                                      "search(load_graph(\"PropaneCombustion\"), seconds: 5).cost", ":save \(directory)/n.ccs"])
        // The searches' status lines share the error stream: the note is what follows "note: ".
        let note = try #require(screen.errors.components(separatedBy: "note: ").dropFirst().first.map { "note: " + $0.prefix { $0 != "\n" } })
        #expect(note.wholeMatch(of: /note: In \[2\] ran against the clock, so a replay may find other results; the same work is search\(…, rounds: \d+\)/) != nil,
                "\(note): a search with rounds, or one that proved its order optimal (PropaneCombustion), is the same anywhere")
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
