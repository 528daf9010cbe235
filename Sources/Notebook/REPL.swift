import CrossCountry
import Foundation
import Script

/// The notebook REPL: reads cells and `:commands`, runs each cell in one persistent session, shows
/// its values as `Out[n]`, and keeps what it ran for `:history` and `:save`.
public final class REPL {
    /// Who is on the other end.
    public enum Mode: Sendable {
        /// A person at a terminal: a banner, `Out[n]:` before values, a blank line after each cell.
        case terminal(Style)
        /// Piped input: values as `ccs run` shows them, errors on standard error, and an exit status.
        case pipe
    }

    public let session: Session
    private let input: CellInput
    private let console: Console
    private let mode: Mode
    private let style: Style
    /// Shown by `:help`.
    private let historyPath: String?
    var interrupts: InterruptWatcher?
    private var log = CellLog()
    private var number = 1
    /// The first failure, which is the exit status in pipe mode.
    private var status = ScriptRunner.Status.success
    private var quitting = false
    /// The number of the running cell, for its `Out[n]`.
    private var currentNumber = 0
    /// The output of the running cell, recorded for `:save`.
    private var transcript: Notebook.Transcript?
    /// While evaluating a `:graph` argument: values are not shown.
    private var muted = false
    /// The notebooks this session wrote, which `:save` replaces without asking.
    private var savedPaths: Set<String> = []

    public init(session: Session, input: CellInput, console: Console, mode: Mode, historyPath: String? = nil) {
        self.session = session
        self.input = input
        self.console = console
        self.mode = mode
        self.historyPath = historyPath
        if case let .terminal(style) = mode { self.style = style } else { style = Style(colours: false) }
        session.write = { [unowned self] text in
            console.write(text)
            transcript?.append(text)
        }
        session.show = { [unowned self] value in shown(value) }
        session.progress = { [unowned self] text in progress(text) }
        session.note = { [unowned self] text in console.writeError(style.note("note: \(text)") + "\n") }
        session.bindLastValue()
    }

    private var isTerminal: Bool {
        if case .terminal = mode { return true }
        return false
    }

    /// Reads and runs cells until `:quit` or the end of input; the exit status: 0 on a terminal, and
    /// in pipe mode 0 or that of the first failure (65 a cell that did not compile, 70 a runtime error or an
    /// interrupted cell, 66 a file `:load` cannot read, 1 a command that failed).
    public func run() -> Int32 {
        if isTerminal {
            console.write(style.note("ccs notebook · ?name or :help for help · Tab completes · Ctrl-D quits") + "\n\n")
        }
        while !quitting, let cell = readCell() {
            if REPLCommand.isCommand(cell) {
                command(cell)
            } else if REPL.quitWords.contains(cell.trimmingSpaces), session.value(of: cell.trimmingSpaces) == nil {
                quitting = true
            } else {
                runCell(cell)
            }
            if isTerminal && !quitting {
                console.finishLine()
                console.write("\n")
            }
        }
        return isTerminal ? 0 : status.rawValue
    }

    // MARK: Reading cells

    /// One cell: lines until the parser finds the input complete, or a `:command` line; nil at the end.
    /// Two empty continuation lines end an incomplete cell anyway, so that its error shows.
    private func readCell() -> String? {
        var lines: [String] = []
        var emptyLines = 0
        while true {
            let prompt = lines.isEmpty ? style.inPrompt(number) : style.continuationPrompt(number)
            switch input.readLine(prompt: prompt) {
            case .end:
                if isTerminal { console.write("\n") }
                return lines.isEmpty ? nil : lines.joined(separator: "\n")
            case .interrupted:
                console.write("^C\n")
                lines = []
            case let .line(line):
                let blank = line.trimmingSpaces.isEmpty
                if lines.isEmpty {
                    if blank { continue }
                    if REPLCommand.isCommand(line) { return line }
                }
                // A cell recalled whole from the history brings its lines at once.
                for piece in line.split(separator: "\n", omittingEmptySubsequences: false) {
                    lines.append(String(piece))
                    emptyLines = piece.trimmingSpaces.isEmpty ? emptyLines + 1 : 0
                }
                let text = lines.joined(separator: "\n")
                if !Session.isIncomplete(text) || emptyLines >= 2 {
                    input.cellEnded(text)
                    return text
                }
            }
        }
    }

    // MARK: Running cells

    /// Runs a cell as `In [n]`, shows its values and error, and records it.
    @discardableResult
    private func runCell(_ source: String, loadedFrom path: String? = nil) -> Session.CellResult {
        let cellNumber = number
        number += 1
        let recording = Notebook.Transcript()
        transcript = recording
        currentNumber = cellNumber
        let result = interruptible { session.run(source, name: path.map(expandingTilde) ?? "In[\(cellNumber)]") }
        transcript = nil
        let interrupted = session.stop.isRaised || result.error?.isInterrupted == true
        var outcome = interrupted ? CellLog.Outcome.interrupted : .ran
        if let error = result.error {
            console.finishLine()
            console.writeError(style.error(error.description) + "\n")
            recording.appendLine(Notebook.line(of: error))
            if error.phase == .compile && !interrupted { outcome = .notCompiled(error.message) }
            fail(error.phase == .compile ? .compileError : .runtimeError)
        } else if interrupted {
            console.finishLine()
            console.writeError(style.note("interrupted: a search or a training run keeps the best it found so far") + "\n")
            fail(.runtimeError)
        }
        if let value = result.values.last { session.define("_\(cellNumber)", value) }
        log.append(CellLog.Entry(number: cellNumber, source: source, loadedFrom: path, output: recording.lines,
                                 outcome: outcome, showedValue: !result.values.isEmpty, modules: result.modules,
                                 timedCalls: result.timedCalls))
        return result
    }

    private func shown(_ value: Value) {
        guard !muted else { return }
        for line in Notebook.lines(of: value) { transcript?.appendLine(line) }
        let text = Display.text(value)
        console.finishLine()
        guard isTerminal else { return console.write(text + "\n") }
        let prefix = style.outPrefix(currentNumber)
        console.write(text.contains("\n") ? String(prefix.dropLast()) + "\n" + text + "\n" : prefix + text + "\n")
    }

    private func interruptible<T>(_ body: () -> T) -> T {
        interrupts.map { $0.running(body) } ?? body()
    }

    /// A long builtin's progress (`train`, `search`): a status line rewritten in place on a terminal and
    /// cleared when it ends ("" ), never part of the cell's output; nothing when piped.
    private func progress(_ text: String) {
        guard isTerminal else { return }
        console.status(text.isEmpty ? "" : style.note(text))
    }

    private func fail(_ failure: ScriptRunner.Status) {
        if status == .success { status = failure }
    }

    private func report(_ message: String, status failure: ScriptRunner.Status = .failed) {
        console.finishLine()
        console.writeError(style.error("error: " + message) + "\n")
        fail(failure)
    }

    // MARK: Commands

    /// Words that leave the REPL on their own, as in Python and Julia (unless the session defines them).
    static let quitWords: Set<String> = ["exit", "quit", "exit()", "quit()"]

    private func command(_ line: String) {
        let parsed: REPLCommand
        do {
            parsed = try REPLCommand.parse(line)
        } catch {
            return report(error.message)
        }
        switch parsed {
        case let .help(name): help(name)
        case let .load(path): load(path)
        case let .save(path, replacing): save(path, replacing: replacing)
        case let .time(expression): time(expression)
        case let .graph(expression, order, output): graph(expression, order: order, output: output)
        case let .history(count): history(count)
        case .reset:
            session.reset()
            session.forgetLastValue()
            log = CellLog()
            number = 1
            console.write(style.note("every definition and output is forgotten") + "\n")
        case .quit:
            quitting = true
        }
    }

    private func load(_ path: String) {
        switch ScriptRunner.read(expandingTilde(path)) {
        case let .failure(problem): report(problem.description, status: .unreadable)
        case let .success(source): runCell(source, loadedFrom: path)
        }
    }

    private func save(_ path: String, replacing: Bool) {
        let file = URL(fileURLWithPath: expandingTilde(path)).standardizedFileURL.path
        if FileManager.default.fileExists(atPath: file) && !replacing && !savedPaths.contains(file) {
            guard isTerminal else { return report("'\(path)' exists; :save! \(path) replaces it") }
            let answer = input.answer("\(path) exists; replace it? [y/N] ")?.trimmingSpaces.lowercased()
            guard answer == "y" || answer == "yes" else { return console.write(style.note("not saved") + "\n") }
        }
        let text = log.notebook(at: file)
        do {
            try AtomicFile.write(text, to: file)
        } catch {
            return report("cannot write '\(path)': \(error.localizedDescription)")
        }
        savedPaths.insert(file)
        let (replayed, commented) = log.counts
        let comments = commented == 0 ? "" : " (and \(counted(commented, "cell")) as comments)"
        console.write(style.note("saved \(counted(replayed, "cell"))\(comments) to \(path); ccs check \(path) replays it") + "\n")
        let timed = log.timedCells
        if !timed.isEmpty {
            let cells = timed.map { "In [\($0.number)]" }.joined(separator: ", ")
            let calls = timed.flatMap(\.timedCalls).joined(separator: ", ")
            let note = "note: \(cells) ran against the clock, so a replay may find other results; the same work is \(calls)"
            console.writeError(style.note(note) + "\n")
        }
        if let problem = Session.compileError(ofNotebook: text, name: path) {
            let note = "note: it does not run on its own (\(problem.message)): interrupted cells and cells that did not compile are saved as comments"
            console.writeError(style.note(note) + "\n")
        }
    }

    private func time(_ expression: String) {
        let wall = ContinuousClock.now
        let cpu = clock()
        runCell(expression)
        let elapsed = ContinuousClock.now - wall
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let cpuSeconds = Double(clock() - cpu) / Double(CLOCKS_PER_SEC)
        console.finishLine()
        console.write(style.note("time: wall \(REPL.duration(seconds)), cpu \(REPL.duration(cpuSeconds))") + "\n")
    }

    /// A duration with three significant digits, in the unit that suits it.
    static func duration(_ seconds: Double) -> String {
        func three(_ x: Double) -> String { String(format: x < 10 ? "%.2f" : x < 100 ? "%.1f" : "%.0f", x) }
        if seconds < 1e-3 { return three(seconds * 1e6) + " µs" }
        if seconds < 1 { return three(seconds * 1e3) + " ms" }
        return three(seconds) + " s"
    }

    private func graph(_ expression: String, order: String?, output: REPLCommand.GraphOutput) {
        guard let (graph, source) = graphValue(expression) else { return }
        switch output {
        case let .dot(file):
            let text = DOTExport.text(of: graph.graph)
            guard let file else { return console.write(text.hasSuffix("\n") ? text : text + "\n") }
            do {
                try AtomicFile.write(text, to: expandingTilde(file))
                console.write(style.note("wrote the graph's DOT text to \(file)") + "\n")
            } catch {
                report("cannot write '\(file)': \(error.localizedDescription)")
            }
        case let .picture(file):
            console.write(Display.text(.graph(graph)) + "\n")
            let path = file.map(expandingTilde) ?? REPL.pictureName(of: graph.graph.name)
            // The render builtin draws it, so that the order is resolved and reported as in a cell.
            _ = evaluate("render(\(source), \(Display.inline(.string(path), quoted: true))\(order.map { ", order: \($0)" } ?? ""))",
                         for: ":graph", needsValue: false)
        }
    }

    /// The file a picture of a graph goes to when none is named: its name, made safe, with `.svg`.
    static func pictureName(of graph: String) -> String {
        let safe = String(graph.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "_" })
        return (safe.isEmpty ? "graph" : safe) + ".svg"
    }

    /// The graph a command names, with source that gives it: an expression giving one, or — when
    /// no name of the session is meant — a shipped graph's name or a graph file (`:graph RoeFlux_1d`).
    private func graphValue(_ expression: String) -> (GraphValue, source: String)? {
        let reference = expression.trimmingSpaces
        if session.value(of: reference) == nil, let graph = try? GraphFile.resolve(reference) {
            return (GraphValue(graph), "load_graph(\(Display.inline(.string(reference), quoted: true)))")
        }
        guard let value = evaluate(expression, for: ":graph") else { return nil }
        guard case let .graph(graph) = value else {
            report(":graph needs a graph, a shipped graph's name or a graph file, got \(value.typeDescription)")
            return nil
        }
        return (graph, "(\(expression))")
    }

    /// The value of an expression a command names, without showing it, recording it or moving `_`;
    /// nil after an error, or when it has no value and one is needed.
    private func evaluate(_ expression: String, for command: String, needsValue: Bool = true) -> Value? {
        let last = Session.lastValueNames.map { session.value(of: $0) }
        muted = true
        let result = interruptible { session.run(expression, name: command) }
        muted = false
        for (name, value) in zip(Session.lastValueNames, last) { if let value { session.define(name, value) } }
        if let error = result.error {
            console.finishLine()
            console.writeError(style.error(error.description) + "\n")
            fail(error.phase == .compile ? .compileError : .runtimeError)
            return nil
        }
        guard let value = result.values.last ?? (needsValue ? nil : .nothing) else {
            report("\(command) needs an expression with a value")
            return nil
        }
        return value
    }

    private func history(_ count: Int?) {
        let entries = log.entries.suffix(count ?? log.entries.count)
        guard !entries.isEmpty else { return console.write(style.note("no cells yet") + "\n") }
        for entry in entries {
            let lines = entry.source.split(separator: "\n", omittingEmptySubsequences: false)
            let prompt = style.inPrompt(entry.number)
            let text = entry.loadedFrom.map { ":load \($0)" } ?? lines.first.map(String.init) ?? ""
            console.write(prompt + text + "\n")
            guard entry.loadedFrom == nil else { continue }
            for line in lines.dropFirst() { console.write(style.continuationPrompt(entry.number) + line + "\n") }
        }
    }

    private func help(_ name: String?) {
        guard let name else { return console.write(helpText() + "\n") }
        if let command = REPLCommand.all.first(where: { $0.name == name }) {
            return console.write("\(command.usage)\n  \(command.summary)\n")
        }
        if let text = Session.help(name) { return console.write(text + "\n") }
        if let value = session.value(of: name) {
            var text = "\(name): \(value.typeDescription)"
            if case .function = value { text += " — " + Display.text(value) }
            return console.write(text + "\n")
        }
        report("no help for '\(name)': it is not a builtin, a command or a name in this session")
    }

    private func helpText() -> String {
        let width = Terminal.columns
        let usageWidth = REPLCommand.all.map(\.usage.count).max() ?? 0
        var text = style.heading("Commands") + "\n"
        for command in REPLCommand.all {
            text += "  " + command.usage + String(repeating: " ", count: usageWidth - command.usage.count + 2) + command.summary + "\n"
        }
        text += style.heading("Cells") + "\n"
        text += """
              A cell runs when it is complete: an open bracket or block continues on the next line
              (two empty lines end it anyway). Out[n] shows its value; _ is the last value shown, _n
              the value of In [n]; a trailing ; hides it. An error keeps every earlier definition.

            """
        text += style.heading("Keys") + "\n"
        text += """
              Tab completes names, builtins, :commands and file paths (in strings, after :load/:save)
              Up/Down search the history for lines starting with what is typed; Ctrl-R searches it
              Ctrl-C stops a running cell (a search keeps its best order) or drops the line; Ctrl-D quits
              Emacs keys: Ctrl-A/E start/end, Ctrl-K kill, Ctrl-Y yank, Alt-B/F words

            """
        if let historyPath { text += "  History: \(historyPath) (written as lines are entered)\n" }
        text += style.heading("Builtins") + " (:help NAME shows one with an example)\n"
        text += Columns.format(Session.builtins.map(\.name).sorted(), width: width)
        return text
    }

    private func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] else { return path }
        return home + path.dropFirst()
    }
}
