import CrossCountry
import Foundation
import Testing
@testable import Notebook
import Script

@Suite struct CommandTests {
    @Test func parsesEveryCommand() throws {
        #expect(try REPLCommand.parse(":help") == .help(nil))
        #expect(try REPLCommand.parse("  :help  cost ") == .help("cost"))
        #expect(try REPLCommand.parse(":load \"my file.ccs\"") == .load("my file.ccs"))
        #expect(try REPLCommand.parse(":save out.ccs") == .save("out.ccs", replacing: false))
        #expect(try REPLCommand.parse(":save! out.ccs") == .save("out.ccs", replacing: true))
        #expect(try REPLCommand.parse(":time cost(g, forward)") == .time("cost(g, forward)"))
        #expect(try REPLCommand.parse(":graph g") == .graph(expression: "g", order: nil, output: .picture(nil)))
        #expect(try REPLCommand.parse(":graph load_graph(\"f\") --dot") == .graph(expression: "load_graph(\"f\")", order: nil, output: .dot(nil)))
        #expect(try REPLCommand.parse(":graph g --dot g.dot") == .graph(expression: "g", order: nil, output: .dot("g.dot")))
        #expect(try REPLCommand.parse(":graph g --order search(g, rounds: 1) --png \"a b.png\"")
            == .graph(expression: "g", order: "search(g, rounds: 1)", output: .picture("a b.png")))
        #expect(try REPLCommand.parse(":history 3") == .history(3))
        #expect(try REPLCommand.parse(":reset") == .reset)
        #expect(try REPLCommand.parse(":q") == .quit)
    }

    @Test func badCommandsSayWhatIsWrong() {
        #expect(throws: REPLCommand.Problem(message: "unknown command ':sav'; did you mean :save?")) { try REPLCommand.parse(":sav x") }
        #expect(throws: REPLCommand.Problem(message: "unknown command ':zzz'; :help lists the commands")) { try REPLCommand.parse(":zzz") }
        #expect(throws: REPLCommand.Problem(message: ":load needs a file: :load FILE")) { try REPLCommand.parse(":load") }
        #expect(throws: REPLCommand.Problem(message: ":history takes a positive number of cells, got 'x'")) { try REPLCommand.parse(":history x") }
        let usage = ":graph G [--order O] [--svg FILE | --png FILE | --dot [FILE]]"
        #expect(throws: REPLCommand.Problem(message: ":graph needs a graph before its options: \(usage)")) { try REPLCommand.parse(":graph --dot f") }
        #expect(throws: REPLCommand.Problem(message: ":graph has no option --pdf: \(usage)")) { try REPLCommand.parse(":graph g --pdf x") }
        #expect(throws: REPLCommand.Problem(message: ":graph --order needs an order: \(usage)")) {
            try REPLCommand.parse(":graph g --order")
        }
    }

    @Test func helpListsCommandsAndEveryBuiltin() {
        let (screen, _, _) = runREPL([":help"])
        for command in REPLCommand.all { #expect(screen.text.contains(command.usage)) }
        let listed = Set(screen.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
        for builtin in Session.builtins { #expect(listed.contains(builtin.name), "\(builtin.name) is missing from :help") }
    }

    @Test func helpForANameShowsItsExample() {
        var lines = Session.builtins.map { ":help \($0.name)" }
        lines += ["fn mine(a, b = 2) = a", ":help mine", ":help :save", ":help nothing_here"]
        let (screen, _, _) = runREPL(lines)
        for builtin in Session.builtins { #expect(screen.text.contains(builtin.help), "\(builtin.name)") }
        #expect(screen.text.contains("example: cost(g, markowitz)"))
        #expect(screen.text.contains("mine: a function — fn mine(a, b = 2)"))
        #expect(screen.text.contains(":save[!] FILE\n  write the session as a notebook"))
        #expect(screen.errors.contains("error: no help for 'nothing_here'"))
    }

    @Test func aQuestionMarkAsksForHelpAsIPythonDoes() throws {
        #expect(try REPLCommand.parse("?cost") == .help("cost"))
        #expect(try REPLCommand.parse("  ? cost ") == .help("cost"))
        #expect(try REPLCommand.parse("?") == .help(nil))
        let (screen, _, _) = runREPL(["?cost", "fn f(x) {", "?x", "}"])
        #expect(screen.text.contains(Session.help("cost")!))
        #expect(screen.errors.contains("error: unexpected"), "inside a cell, ? is not a command")
    }

    @Test func exitAndQuitLeaveUnlessTheSessionDefinesThem() {
        for word in ["exit", "quit", "exit()", " quit() "] {
            let (screen, _, _) = runREPL(["1", word, "2"])
            #expect(!screen.text.contains("Out[2]"), "\(word)")
        }
        let (screen, _, _) = runREPL(["let exit = 5", "exit", "7"])
        #expect(screen.text.contains("Out[2]: 5") && screen.text.contains("Out[3]: 7"))
    }

    @Test func graphTakesAShippedGraphsNameUnlessTheSessionDefinesIt() throws {
        let directory = try temporaryDirectory()
        let (screen, _, _) = runREPL([":graph RoeFlux_1d --dot \(directory)/r.dot", ":graph PropaneCombustion --svg \(directory)/p.svg",
                                      "let f = 2", ":graph f", ":graph nope"])
        #expect(try String(contentsOfFile: "\(directory)/r.dot", encoding: .utf8).hasPrefix("digraph \"RoeFlux_1d\""))
        #expect(screen.text.contains("graph PropaneCombustion: 11 inputs, 62 vertices (51 eliminable), 11 outputs"))
        #expect(screen.errors.contains("error: :graph needs a graph, a shipped graph's name or a graph file, got a number"), "the session's f wins")
        #expect(screen.errors.contains(":graph:1:1: error: unknown name 'nope'"))
    }

    @Test(.enabled(if: Graphviz.executable != nil, "needs Graphviz's dot"))
    func graphDrawsAPictureColouredByAnOrder() throws {
        let directory = try temporaryDirectory()
        let (screen, _, _) = runREPL(["let g = load_graph(\"PropaneCombustion\")", ":graph g --order markowitz --svg \(directory)/p.svg",
                                      ":graph g --order nope --svg \(directory)/q.svg"])
        #expect(screen.text.contains("wrote \(directory)/p.svg (62 vertices, coloured by the step of each elimination)"))
        let svg = try String(contentsOfFile: "\(directory)/p.svg", encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains("step 51, cost "))
        #expect(screen.errors.contains("error: unknown name 'nope'"))
        #expect(REPL.pictureName(of: "RoeFlux_1d") == "RoeFlux_1d.svg" && REPL.pictureName(of: "a/b c") == "a_b_c.svg")
    }

    @Test func historyListsThisSessionsCells() {
        let (screen, _, _) = runREPL(["1", "fn f(x) {\n  x\n}", "2", ":history", ":history 1"])
        #expect(screen.text.contains("In [4]: :history\nIn [1]: 1\nIn [2]: fn f(x) {\n   ...:   x\n   ...: }\nIn [3]: 2\n"))
        #expect(screen.text.contains("In [4]: :history 1\nIn [3]: 2\n"))
    }

    @Test func resetForgetsDefinitionsAndRestartsNumbering() {
        let (screen, _, _) = runREPL(["let a = 1", "a", ":reset", "a", "_"])
        #expect(screen.text.contains("every definition and output is forgotten"))
        #expect(screen.errors.contains("In[1]:1:1: error: unknown name 'a'"))
        #expect(screen.text.contains("In [2]: _\n\n"), "_ is nothing again")
    }

    @Test func quitStopsReading() {
        let (screen, status, _) = runREPL(["1", ":quit", "2"])
        #expect(status == 0)
        #expect(!screen.text.contains("Out[2]"))
    }

    @Test func timeRunsACellAndReportsTheTime() {
        let (screen, _, repl) = runREPL([":time cost(load_graph(\"RoeFlux_1d\"), forward)", "_1"])
        #expect(screen.text.contains("Out[1]: 620\ntime: wall "))
        #expect(screen.text.contains(", cpu "))
        #expect(screen.text.contains("Out[2]: 620"))
        #expect(repl.session.value(of: "_1") != nil)
        #expect(REPL.duration(0.000_012_34) == "12.3 µs")
        #expect(REPL.duration(0.5) == "500 ms")
        #expect(REPL.duration(2.5) == "2.50 s")
    }

    @Test func graphShowsASummaryOrWritesDOT() throws {
        let directory = try temporaryDirectory()
        let (screen, _, _) = runREPL(["let g = load_graph(\"RoeFlux_1d\")", "cost(g, forward)", ":graph g --svg \(directory)/g.svg",
                                      ":graph g --dot \(directory)/g.dot",
                                      ":graph 1 + 1", "_"])
        #expect(screen.text.contains("graph RoeFlux_1d: 6 inputs, 101 vertices (98 eliminable), 3 outputs, 177 edges"))
        let dot = try String(contentsOfFile: "\(directory)/g.dot", encoding: .utf8)
        #expect(dot.hasPrefix("digraph"))
        #expect(screen.errors.contains("error: :graph needs a graph, a shipped graph's name or a graph file, got a number"))
        #expect(screen.text.contains("In [3]: _\nOut[3]: 620"), ":graph does not move _ nor take a cell number")
    }

    @Test func loadRunsAFileAsACell() throws {
        let directory = try temporaryDirectory()
        try "fn double(x) = 2 * x\ndouble(4)\n#> 8\n".write(toFile: "\(directory)/lib.ccs", atomically: true, encoding: .utf8)
        let (screen, status, _) = runREPL([":load \(directory)/lib.ccs", "double(_1)", ":load \(directory)/missing.ccs"], mode: .pipe)
        #expect(screen.text.contains("8\n"))
        #expect(screen.text.contains("16\n"))
        #expect(screen.errors.contains("error: cannot read '\(directory)/missing.ccs': no such file"))
        #expect(status == 66)
    }
}
