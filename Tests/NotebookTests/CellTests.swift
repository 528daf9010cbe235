import Testing
@testable import Notebook
import Script

@Suite struct CellTests {
    @Test func cellsAreNumberedAndShowTheirValues() {
        let (screen, status, _) = runREPL(["let x = 20", "x + 1", "x - 10", "x * 2;", "_ + 1", "_2"])
        #expect(status == 0)
        #expect(screen.text.contains("In [1]: let x = 20\n\nIn [2]: x + 1\nOut[2]: 21\n\nIn [3]: x - 10\nOut[3]: 10\n\n"))
        #expect(screen.text.contains("In [4]: x * 2;\n\nIn [5]: _ + 1\nOut[5]: 11\n"), "a trailing ; hides the value, and _ skips it")
        #expect(screen.text.contains("In [6]: _2\nOut[6]: 21\n"), "_2 is the value of In [2]")
    }

    @Test func underscoreIsTheLastValueShownNotTheLastCell() {
        let (screen, _, _) = runREPL(["7", "let y = 1", "_ * 6"])
        #expect(screen.text.contains("Out[3]: 42"))
    }

    @Test func incompleteInputContinuesUntilTheParserIsSatisfied() {
        let (screen, _, _) = runREPL(["fn f(x) {", "  let y = x +", "    1", "  y * 2", "}", "f(3)", "[1,", " 2]"])
        #expect(screen.text.contains("In [1]: fn f(x) {\n   ...:   let y = x +\n   ...:     1\n   ...:   y * 2\n   ...: }\n"))
        #expect(screen.text.contains("Out[2]: 8"))
        #expect(screen.text.contains("In [3]: [1,\n   ...:  2]\nOut[3]: [1, 2]"))
    }

    /// Lines typed, and the cells the REPL reports as ended (what a history makes one entry of).
    final class CellRecordingInput: CellInput {
        var lines: [String]
        var cells: [String] = []
        init(_ lines: [String]) { self.lines = lines }
        func readLine(prompt: String) -> InputEvent { lines.isEmpty ? .end : .line(lines.removeFirst()) }
        func cellEnded(_ cell: String) { cells.append(cell) }
    }

    @Test func everyCellEndsOnceAndARecalledCellRunsWhole() {
        let input = CellRecordingInput(["fn f(x) {", "  x * 2", "}", "f(4)", "fn f(x) {\n  x * 3\n}", "f(4)", ":help cost"])
        let screen = Screen()
        _ = REPL(session: Session(), input: input, console: screen.console, mode: .terminal(Style(colours: false))).run()
        #expect(input.cells == ["fn f(x) {\n  x * 2\n}", "f(4)", "fn f(x) {\n  x * 3\n}", "f(4)"], "commands are not cells")
        #expect(screen.text.contains("Out[2]: 8") && screen.text.contains("Out[4]: 12"))
    }

    @Test func twoEmptyLinesEndAnIncompleteCell() {
        let (screen, _, _) = runREPL(["let x = (1 +", "", "", "x"])
        #expect(screen.errors.contains("In[1]:"))
        #expect(screen.errors.contains("error: unknown name 'x'"), "the broken cell defined nothing")
    }

    @Test func anErrorKeepsEveryEarlierDefinition() {
        let (screen, _, _) = runREPL(["let a = 2", "fn g(x) = x * a", "let b = g(1)\nlet c = b / \"no\"", "b", "c", "g(5)"])
        #expect(screen.errors.contains("In[3]:2:9: error: cannot apply '/' to a number and a string"))
        #expect(screen.text.contains("Out[4]: 2"), "definitions made before the error are kept")
        #expect(screen.errors.contains("In[5]:1:1: error: unknown name 'c'"))
        #expect(screen.text.contains("Out[6]: 10"))
    }

    @Test func printedTextComesBeforeTheValue() {
        let (screen, _, _) = runREPL(["print(\"hi\")\n3"])
        #expect(screen.text.contains("In [1]: print(\"hi\")\n3\nhi\nOut[1]: 3\n"))
    }

    @Test func multiLineValuesStartOnTheirOwnLine() {
        let (screen, _, _) = runREPL(["[[1, 2], [3, 4]]"])
        #expect(screen.text.contains("Out[1]:\n[[1  2]\n [3  4]]\n"))
    }

    @Test func ctrlCWhileEditingDropsThePendingCell() {
        let screen = Screen()
        let input = ScriptedInput([.line("let x = (1 +"), .interrupted, .line("2 + 2")], screen: screen)
        let repl = REPL(session: Session(), input: input, console: screen.console, mode: .terminal(Style(colours: false)))
        #expect(repl.run() == 0)
        #expect(screen.text.contains("^C\nIn [1]: 2 + 2\nOut[1]: 4"))
    }

    @Test func anInterruptedCellSaysSoAndIsSavedAsAComment() throws {
        let directory = try temporaryDirectory()
        let session = Session()
        let screen = Screen()
        // The cell prints before its endless loop; seeing that, the "user" presses Ctrl-C.
        let console = Console(output: { text in
            screen.text += text
            if text.contains("looping") { session.stop.raise() }
        }, error: { screen.text += $0; screen.errors += $0 })
        let lines = ["let g = load_graph(\"RoeFlux_1d\")", "print(\"looping\")\nlet n = 5\nfor i in 0..1000000000 { let k = i }",
                     "cost(g, forward)", ":save \(directory)/n.ccs", "n + 1", ":save \(directory)/m.ccs"]
        let repl = REPL(session: session, input: ScriptedInput(lines: lines, screen: screen), console: console,
                        mode: .terminal(Style(colours: false)))
        _ = repl.run()
        #expect(screen.errors.contains("error: interrupted"))
        #expect(screen.text.contains("Out[3]: 620"))
        let saved = try String(contentsOfFile: "\(directory)/n.ccs", encoding: .utf8)
        #expect(saved == """
            let g = load_graph("RoeFlux_1d")
            # %%
            # In [2] was interrupted (Ctrl-C); kept as a comment so that the notebook replays:
            # print("looping")
            # let n = 5
            # for i in 0..1000000000 { let k = i }
            cost(g, forward)
            #> 620

            """)
        #expect(screen.errors.components(separatedBy: "note: it does not run on its own").count == 2, "only the second save needs n")
        #expect(screen.text.contains("Out[4]: 6"), "the interrupted cell's definitions are kept")
        #expect(screen.errors.contains("note: it does not run on its own (unknown name 'n'): interrupted cells and cells that did not compile are saved as comments"))
    }

    @Test func pipeModeShowsPlainValuesAndReportsTheFirstFailure() {
        let (screen, status, _) = runREPL(["1 + 1", "nope", "3 / \"x\"", "4"], mode: .pipe)
        #expect(status == 65)
        #expect(screen.text.hasPrefix("In [1]: 1 + 1\n2\n"), "no Out[n] in pipe mode (the scripted input echoes lines)")
        #expect(!screen.text.contains("Out["))
        #expect(screen.text.contains("4\n4\n"))
        let (_, runtime, _) = runREPL(["3 / \"x\"", "nope"], mode: .pipe)
        #expect(runtime == 70)
        let (_, clean, _) = runREPL(["1", ":help cost"], mode: .pipe)
        #expect(clean == 0)
    }
}
