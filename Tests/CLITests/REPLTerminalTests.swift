import Foundation
import Testing

/// The notebook REPL as a user meets it: the real `ccs` on a pseudo-terminal, keys typed in,
/// the screen read back; then `ccs check` on the notebook it saved.
@Suite struct REPLTerminalTests {
    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccs-repl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private func start(home: URL, colours: Bool = true, directory: URL = CLI.packageRoot) throws -> PseudoTerminal {
        var environment = [
            "HOME": home.path, "TERM": "xterm", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "CCS_STDLIB": CLI.packageRoot.appendingPathComponent("stdlib").path,
        ]
        if !colours { environment["NO_COLOR"] = "1" }
        return try PseudoTerminal(arguments: [], environment: environment, directory: directory.path)
    }

    /// A cell applying the shipped policy to a traced 10,000-vertex chain shows its moves in the
    /// status line and stops on Ctrl-C; the session goes on.
    @Test func ctrlCStopsAPolicyCellOnALargeGraph() throws {
        let terminal = try start(home: try temporaryDirectory(), colours: false)
        try terminal.expect("In [1]: ")
        terminal.type("fn chain(x) { let s = x; for i in 0..2500 { s = sin(s) * x + cos(s) }; sum(s * s) }\r")
        try terminal.expect("In [2]: ")
        terminal.type("let g = graph(chain, ones(5))\r")
        try terminal.expect("In [3]: ")
        terminal.type("order(load(\"paper-joint\"), g)\r")
        try terminal.expect("policy · move")
        terminal.type("\u{03}")
        try terminal.expect("interrupted")
        try terminal.expect("In [4]: ")
        terminal.type("1 + 1\r")
        try terminal.expect("Out[4]: 2")
    }

    @Test func aSessionOfCellsSavesANotebookThatChecks() throws {
        let home = try temporaryDirectory()
        let notebook = home.appendingPathComponent("session.ccs").path
        let terminal = try start(home: home)
        // Each line is typed once its prompt shows, as a person would.
        func cell(_ number: Int, _ line: String) throws {
            try terminal.expect("In [\(number)]: ")
            terminal.type(line)
        }
        try cell(1, "let g = load_graph(\"RoeFlux_1d\")\r")
        try cell(2, "cost(g, markowitz)\r")
        try terminal.expect("Out[2]: 407")

        // A function over several lines: the parser asks for more until the block closes.
        try cell(3, "fn area(w, h) {\r")
        try terminal.expect("...: ")
        terminal.type("  let a = w * h\r")
        try terminal.expect("...: ")
        terminal.type("  a / 2\r")
        try terminal.expect("...: ")
        terminal.type("}\r")
        try cell(4, "area(6, 7)\r")
        try terminal.expect("Out[4]: 21")
        try cell(5, "_ + 1\r")
        try terminal.expect("Out[5]: 22")

        // An error, then a cell that needs the earlier definitions and outputs.
        try cell(6, "area(6, nope)\r")
        try terminal.expect("In[6]:1:9: error: unknown name 'nope'")
        try cell(7, "area(2, 3) * _4\r")
        try terminal.expect("Out[7]: 63")

        // Tab completes a builtin: "rever" becomes "reverse".
        try cell(8, "cost(g, rever\t")
        try terminal.expect("reverse")
        terminal.type(")\r")
        try terminal.expect("Out[8]: 364")

        // Ctrl-C stops a long search, which keeps its best order; the next cell works. The key
        // waits for the search's status line: earlier, Ctrl-C stops the cell before the search starts.
        try cell(9, "print(\"searching\"); search(g, seconds: 60)\r")
        try terminal.expect("searching\n")
        try terminal.expect("Ctrl-C keeps the best")
        terminal.type("\u{03}")
        try terminal.expect("Out[9]: search: cost ")
        try terminal.expect("interrupted")
        try cell(10, "cost(g, forward)\r")
        try terminal.expect("Out[10]: 620")

        // Ctrl-C while editing drops the line (it stays in the history); the number stays.
        try cell(11, "let unfinished = ")
        try terminal.expect("let unfinished = ")
        terminal.type("\u{03}")
        try terminal.expect("^C\n")
        try cell(11, "area(1, \"x\")\r")
        try terminal.expect("error: cannot apply '*' to a number and a string")

        // Ctrl-R finds an earlier line by a piece of it.
        try cell(12, "\u{12}markow")
        try terminal.expect("cost(g, markowitz)")
        terminal.type("\r")
        try terminal.expect("Out[12]: 407")

        try cell(13, ":save \(notebook)\r")
        try terminal.expect("saved 10 cells (and 2 cells as comments) to \(notebook)")
        try cell(13, "\u{04}")
        let status = try terminal.waitForExit()
        #expect(status == 0, "\(terminal.screen.suffix(500))")
        #expect(String(decoding: terminal.raw, as: UTF8.self).contains("\u{1B}[32mIn ["), "prompts are coloured on a terminal")

        let saved = try String(contentsOfFile: notebook, encoding: .utf8)
        #expect(saved.contains("fn area(w, h) {\n  let a = w * h\n  a / 2\n}\n# %%\narea(6, 7)\nlet _4 = _\n#> 21\n"))
        #expect(saved.contains("# In [9] was interrupted (Ctrl-C); kept as a comment so that the notebook replays:\n# print(\"searching\"); search(g, seconds: 60)\n"))
        #expect(saved.contains("# In [6] did not compile (unknown name 'nope'):\n# area(6, nope)\n"))
        let check = try CLI.run(["check", notebook])
        #expect(check.status == 0, "\(check.error)\n\(saved)")
        #expect(check.output == "\(notebook): 10 cells ok\n", "the cells saved are the cells checked")

        let history = try String(contentsOfFile: home.appendingPathComponent(".ccs_history").path, encoding: .utf8)
        let lines = history.split(separator: "\n").map(String.init)
        #expect(lines.contains("fn area(w, h) {") && lines.contains("  a / 2"))
        #expect(lines.contains("let unfinished = "), "a line dropped with Ctrl-C is kept in the history")
        #expect(lines.contains("cost(g, reverse)"), "the completed line is what the history keeps")
        #expect(lines.last == ":save \(notebook)")
    }

    /// What a newcomer from IPython or Julia reaches for: ?help, Tab after a dot and inside a call, a
    /// cell of several lines recalled whole, ans, a large matrix elided, and a saved session that
    /// uses a file by a relative path and replays from another working directory.
    @Test func aNewcomersSessionReplaysFromAnotherFolder() throws {
        let home = try temporaryDirectory()
        let work = home.appendingPathComponent("work")
        for folder in ["lib", "notes"] {
            try FileManager.default.createDirectory(at: work.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try "fn area(w, h) = w * h\nlet unit = 1\n".write(to: work.appendingPathComponent("lib/shapes.ccs"), atomically: true, encoding: .utf8)
        let terminal = try start(home: home, colours: false, directory: work)
        try terminal.expect("In [1]: ")
        terminal.type("?cost\r")
        try terminal.expect("cost(g, order, model: ")
        try terminal.expect("example: cost(g, markowitz)")
        try terminal.expect("In [1]: ")
        terminal.type("let g = load_graph(\"RoeFlux_1d\")\r")

        // Tab after a dot lists the graph's fields; a few letters more complete one.
        try terminal.expect("In [2]: ")
        terminal.type("g.\t")
        try terminal.expect("best_published")
        try terminal.expect("eliminable")
        terminal.type("na\t\r")
        try terminal.expect("Out[2]: \"RoeFlux_1d\"")

        // Tab inside a call completes a keyword argument.
        try terminal.expect("In [3]: ")
        terminal.type("search(g, sec\t")
        try terminal.expect("search(g, seconds: ")
        terminal.type("60, rounds: 1).cost\r")
        try terminal.expect("Out[3]: 295")

        // A cell of three lines, then Up: the whole cell comes back and runs as one cell.
        try terminal.expect("In [4]: ")
        for line in ["fn half(x) {", "  x / 2", "}"] {
            terminal.type(line + "\r")
        }
        try terminal.expect("In [5]: ")
        terminal.type("\u{1B}[A")
        try terminal.expect("  x / 2")
        terminal.type("\r")
        try terminal.expect("In [6]: ")
        terminal.type(":history 1\r")
        try terminal.expect("In [5]: fn half(x) {\n   ...:   x / 2\n   ...: }\n")

        // ans is the last value, as in Julia.
        try terminal.expect("In [6]: ")
        terminal.type("half(84)\r")
        try terminal.expect("Out[6]: 42")
        try terminal.expect("In [7]: ")
        terminal.type("ans + 1\r")
        try terminal.expect("Out[7]: 43")

        // A 40×40 matrix shows its corners.
        try terminal.expect("In [8]: ")
        terminal.type("reshape(map(fn(i) = i, 0..1600), (40, 40))\r")
        try terminal.expect("[[   0     1     2  ...    37    38    39]")
        try terminal.expect("\n ...\n")
        try terminal.expect("[1560  1561  1562  ...  1597  1598  1599]]\n(40×40; show(x, all: true) shows every element)")

        // A module by a path relative to the working directory, completed after its dot.
        try terminal.expect("In [9]: ")
        terminal.type("let m = use(\"lib/shapes.ccs\")\r")
        try terminal.expect("In [10]: ")
        terminal.type("m.ar\t")
        try terminal.expect("m.area")
        terminal.type("(3, 4)\r")
        try terminal.expect("Out[10]: 12")

        try terminal.expect("In [11]: ")
        terminal.type(":save notes/session.ccs\r")
        try terminal.expect("saved 10 cells to notes/session.ccs")
        try terminal.expect("In [11]: ")
        terminal.type("\u{04}")
        #expect(try terminal.waitForExit() == 0)

        let notebook = work.appendingPathComponent("notes/session.ccs").path
        let saved = try String(contentsOfFile: notebook, encoding: .utf8)
        #expect(saved.contains("let m = use(\"../lib/shapes.ccs\")\n"), "\(saved)")
        // Replayed from the checkout's root, another working directory.
        let check = try CLI.run(["check", notebook])
        #expect(check.status == 0, "\(check.error)\n\(saved)")
        #expect(check.output == "\(notebook): 10 cells ok\n")
    }

    @Test func noColourWhenNoColorIsSet() throws {
        let home = try temporaryDirectory()
        let terminal = try start(home: home, colours: false)
        try terminal.expect("In [1]: ")
        terminal.type("2 ^ 10\r")
        try terminal.expect("Out[1]: 1024")
        terminal.type(":quit\r")
        #expect(try terminal.waitForExit() == 0)
        #expect(!String(decoding: terminal.raw, as: UTF8.self).contains("\u{1B}[3"), "no colour sequences")
    }
}
