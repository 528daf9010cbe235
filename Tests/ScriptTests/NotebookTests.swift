import Testing
@testable import Script

@Suite struct NotebookTests {
    @Test func aRenderedSessionChecksClean() {
        let text = Notebook.render([
            .init(source: "let a = 2", output: []),
            .init(source: "fn f(x) {\n  x * a\n}", output: []),
            .init(source: "f(3)\nprint(\"two\")\n(1, \"b\")", output: ["6", "two", "(1, \"b\")"]),
            .init(source: "f(\"x\")", output: ["error: cannot apply '*' to a string and a number"]),
            .init(source: "print(\"\")", output: [""]),
        ])
        #expect(text.contains("#> 6\n#> two\n#> (1, \"b\")\n"))
        #expect(text.contains("print(\"\")\n#>\n"))
        #expect(text.hasPrefix("let a = 2\n# %%\nfn f(x) {\n  x * a\n}\n# %%\nf(3)"), "a cell without output ends at a break")
        let report = NotebookCheck.check(source: text, name: "n.ccs")
        #expect(report.compileError == nil)
        #expect(report.differences.isEmpty)
        #expect(report.cells == 5, "the cells rendered are the cells checked")
    }

    @Test func aCellBreakEndsACellWithoutOutput() {
        let text = "let a = 1\n# %%\nlet b = a / \"x\"\n#> error: cannot apply '/' to a number and a string\nfn f() {\n  # %% inside a body is a comment\n  a\n}\nf()\n#> 1\n"
        let report = NotebookCheck.check(source: text, name: "n")
        #expect(report.differences.isEmpty, "\(report.differences)")
        #expect(report.cells == 3)
    }

    @Test func anEditedOutputIsADifference() throws {
        let text = "let g = load_graph(\"RoeFlux_1d\")\ncost(g, forward)\n#> 620\ncost(g, reverse)\n#> 365\n"
        let report = NotebookCheck.check(source: text, name: "n.ccs")
        let difference = try #require(report.differences.first)
        #expect(report.differences.count == 1)
        #expect(difference.line == 4)
        #expect(difference.expected == ["365"] && difference.actual == ["364"])
        #expect(NotebookCheck.render(difference, path: "n.ccs") == "n.ccs:4: output differs (- recorded, + now)\n- 365\n+ 364\n")
    }

    @Test func missingAndExtraOutputsDiffer() {
        #expect(NotebookCheck.check(source: "1 + 1\n", name: "n").differences.first?.actual == ["2"])
        #expect(NotebookCheck.check(source: "let x = 1\n#> 1\n", name: "n").differences.first?.expected == ["1"])
    }

    @Test func outputMarksInsideAFunctionAreComments() {
        let text = "fn f(x) {\n  #> not an output\n  x + 1\n}\nf(1)\n#> 2\n"
        #expect(NotebookCheck.check(source: text, name: "n").differences.isEmpty)
    }

    @Test func aCompileErrorStopsTheCheck() {
        #expect(NotebookCheck.check(source: "let x = (\n", name: "n").compileError?.phase == .compile)
    }

    @Test func updateRecordsOutputsAfterEachStatement() throws {
        let text = "# header\nlet a = 1\na + 1\n#> 5\nprint(a)\nlet b = 2\n"
        let updated = try NotebookCheck.update(source: text, name: "n").get()
        #expect(updated == "# header\nlet a = 1\na + 1\n#> 2\nprint(a)\n#> 1\nlet b = 2\n")
        #expect(NotebookCheck.check(source: updated, name: "n").differences.isEmpty)
    }

    @Test func lineDiffKeepsCommonLines() {
        #expect(NotebookCheck.diff(["a", "b", "c"], ["a", "x", "c", "d"]) == ["  a", "- b", "+ x", "  c", "+ d"])
    }
}
