import Foundation
import Script
import Testing
@testable import Notebook

@Suite struct TerminalSupportTests {
    @Test func coloursOnlyOnATerminalAndWithoutNoColor() {
        #expect(Style.detect(isTerminal: true, environment: ["TERM": "xterm"]).colours)
        #expect(!Style.detect(isTerminal: false, environment: ["TERM": "xterm"]).colours)
        #expect(!Style.detect(isTerminal: true, environment: ["TERM": "xterm", "NO_COLOR": "1"]).colours)
        #expect(Style.detect(isTerminal: true, environment: ["TERM": "xterm", "NO_COLOR": ""]).colours, "an empty NO_COLOR is unset")
        #expect(!Style.detect(isTerminal: true, environment: ["TERM": "dumb"]).colours)
        #expect(Style(colours: false).inPrompt(12) == "In [12]: ")
        #expect(Style(colours: false).continuationPrompt(12) == "    ...: ")
        #expect(Style(colours: true).inPrompt(3).hasSuffix("\u{1B}[0m "), "a prompt ends in a plain space")
    }

    @Test func promptColoursAreBracketedForLibedit() {
        let prompt = Style(colours: true).inPrompt(3)
        #expect(LineEditor.bracketingEscapes(prompt) == "\u{1}\u{1B}[32m\u{1}In [\u{1}\u{1B}[0m\u{1B}[1;32m\u{1}3\u{1}\u{1B}[0m\u{1B}[32m\u{1}]:\u{1}\u{1B}[0m\u{1} ")
        #expect(LineEditor.bracketingEscapes("In [1]: ") == "In [1]: ")
    }

    @Test func columnsFillDownThenAcross() {
        #expect(Columns.format(["a", "bb", "c", "d", "e"], width: 10) == "  a   d\n  bb  e\n  c")
        #expect(Columns.format(["a", "bb", "c", "d", "e"], width: 14) == "  a   c   e\n  bb  d")
        #expect(Columns.format([], width: 80) == "")
    }

    @Test func historyIsAppendedAsEnteredAndTrimmed() throws {
        let directory = try temporaryDirectory()
        let file = HistoryFile(path: "\(directory)/h", limit: 3)
        #expect(file.load() == [])
        for k in 1...7 { file.append("line \(k)") }
        #expect(try String(contentsOfFile: file.path, encoding: .utf8).split(separator: "\n").count == 7)
        #expect(file.load() == ["line 5", "line 6", "line 7"])
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == "line 5\nline 6\nline 7\n", "trimmed past twice the limit")
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o077 } == 0, "private to the user")
    }

    @Test func aCellOfSeveralLinesLoadsAsOneEntry() throws {
        let directory = try temporaryDirectory()
        let file = HistoryFile(path: "\(directory)/h")
        let cell = "fn area(w, h) {\n  w * h\n}"
        for line in ["1 + 1", "fn area(w, h) {", "  w * h", "}"] { file.append(line) }
        file.append(cell)
        file.append("area(2, 3)")
        #expect(file.load() == ["1 + 1", cell, "area(2, 3)"], "the lines the cell repeats are dropped")
        #expect(try String(contentsOfFile: file.path, encoding: .utf8).split(separator: "\n").count == 6, "one line per entry")
        file.append(cell)
        #expect(file.load() == ["1 + 1", cell, "area(2, 3)", cell], "a cell recalled and run again is entered again")
    }

    @Test func anUnwritableHistoryWarnsOnce() {
        let file = HistoryFile(path: "/nonexistent-dir/h")
        var warnings: [String] = []
        file.append("a") { warnings.append($0) }
        file.append("b") { warnings.append($0) }
        #expect(warnings == ["cannot write the history file '/nonexistent-dir/h': No such file or directory"])
    }

    @Test func theHistoryLivesInHomeUnlessCCSHistorySaysOtherwise() {
        #expect(HistoryFile.defaultPath(environment: ["HOME": "/home/u"]) == "/home/u/.ccs_history")
        #expect(HistoryFile.defaultPath(environment: ["HOME": "/home/u/"]) == "/home/u/.ccs_history")
        #expect(HistoryFile.defaultPath(environment: ["HOME": "/home/u", "CCS_HISTORY": "/tmp/h"]) == "/tmp/h")
        #expect(HistoryFile.defaultPath(environment: ["HOME": "/home/u", "CCS_HISTORY": ""]) == nil)
        #expect(HistoryFile.defaultPath(environment: [:]) == nil)
    }

    @Test func progressIsATransientStatusLineOnATerminalOnly() {
        let screen = Screen()
        let repl = REPL(session: Session(), input: ScriptedInput(lines: [], screen: screen), console: screen.console,
                        mode: .terminal(Style(colours: false)))
        repl.session.write("partial")
        repl.session.progress("game 10 of 100")
        repl.session.progress("game 20 of 100")
        repl.session.progress("")
        repl.session.write("done\n")
        #expect(screen.text == "partial\ngame 10 of 100\r\u{1B}[Kgame 20 of 100\r\u{1B}[Kdone\n")
        let piped = Screen()
        let quiet = REPL(session: Session(), input: ScriptedInput(lines: [], screen: piped), console: piped.console, mode: .pipe)
        quiet.session.progress("game 10 of 100")
        #expect(piped.text.isEmpty)
    }
}
