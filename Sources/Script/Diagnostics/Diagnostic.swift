/// One problem found in a `.ccs` program, with where it is and how the program got there.
public struct Diagnostic: Sendable, CustomStringConvertible {
    /// A secondary remark: a suggestion, or where a related thing was written.
    public struct Note: Sendable {
        public var message: String
        public var range: SourceRange?
    }

    /// One `.ccs` call the error passed through: the function and the call site.
    public struct Frame: Sendable {
        public var function: String
        public var callSite: SourceRange
    }

    public var message: String
    public var range: SourceRange?
    public var notes: [Note] = []
    /// Calls from the innermost outwards.
    public var traceback: [Frame] = []

    public init(_ message: String, at range: SourceRange?, notes: [Note] = []) {
        self.message = Diagnostic.shortened(message)
        self.range = range
        self.notes = notes.map { Note(message: Diagnostic.shortened($0.message), range: $0.range) }
    }

    /// The widest excerpt shown, in characters: a longer source line is cut to a window around the caret.
    static let excerptWidth = 120
    /// The longest message kept whole: messages quote names and source text, which may be huge.
    static let longestMessage = 400

    /// A message cut in the middle when longer than `longestMessage`.
    static func shortened(_ message: String) -> String {
        guard message.unicodeScalars.count > longestMessage else { return message }
        let scalars = Array(message.unicodeScalars)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[..<(longestMessage - 100)])
        view.append(contentsOf: " … ".unicodeScalars)
        view.append(contentsOf: scalars[(scalars.count - 80)...])
        return String(view)
    }

    /// `file:line:col: error: message` (or `error: message` without a location).
    public var headline: String {
        guard let range else { return "error: \(message)" }
        return "\(range.location): error: \(message)"
    }

    /// The headline, the source line with a caret under the range, the notes and the traceback.
    public var description: String {
        var lines = [headline]
        if let range { lines += Diagnostic.excerpt(range) }
        for note in notes {
            if let range = note.range {
                lines.append("\(range.location): note: \(note.message)")
                lines += Diagnostic.excerpt(range)
            } else {
                lines.append("note: \(note.message)")
            }
        }
        lines += tracebackLines
        return lines.joined(separator: "\n")
    }

    /// The traceback, innermost call first; repeats of one call site (a recursion) are counted, and
    /// a long chain shows its ends.
    var tracebackLines: [String] {
        var groups: [(text: String, count: Int)] = []
        for frame in traceback {
            let text = "  in \(frame.function), called at \(frame.callSite.location)"
            if groups.last?.text == text { groups[groups.count - 1].count += 1 } else { groups.append((text, 1)) }
        }
        var lines = groups.map { $0.count == 1 ? $0.text : "\($0.text) (\($0.count) times)" }
        if lines.count > 20 { lines = lines.prefix(10) + ["  … \(lines.count - 20) more calls …"] + lines.suffix(10) }
        return lines
    }

    /// The source line of a range and a caret line under it (`^~~~`); a line wider than
    /// `excerptWidth` is cut to a window around the caret, marked with `…` where it was cut.
    static func excerpt(_ range: SourceRange) -> [String] {
        let (line, column) = range.file.lineAndColumn(of: range.start)
        let lineScalars = Array(range.file.line(line).unicodeScalars)
        let (endLine, endColumn) = range.file.lineAndColumn(of: max(range.start, range.end - 1))
        let lastColumn = endLine == line ? min(endColumn, lineScalars.count) : lineScalars.count
        // The window: all of a short line; else from a little before the caret, excerptWidth wide.
        var first = 0, last = lineScalars.count
        if lineScalars.count > excerptWidth {
            first = min(max(0, column - 1 - excerptWidth / 3), lineScalars.count - excerptWidth)
            last = first + excerptWidth
        }
        var text = String.UnicodeScalarView(), caret = String.UnicodeScalarView()
        if first > 0 {
            text.append("…")
            caret.append(" ")
        }
        text.append(contentsOf: lineScalars[first..<last])
        if last < lineScalars.count { text.append("…") }
        for k in first..<min(max(first, column - 1), last) { caret.append(lineScalars[k] == "\t" ? "\t" : " ") }
        caret.append("^")
        let tildes = min(lastColumn, last) - column
        if tildes > 0 { caret.append(contentsOf: String(repeating: "~", count: tildes).unicodeScalars) }
        return [String(text), String(caret)]
    }
}

/// Why a `.ccs` program could not be parsed or run.
public struct ScriptError: Error, Sendable, CustomStringConvertible {
    /// When the problem was found, which decides `ccs run`'s exit status (65 or 70).
    public enum Phase: Sendable {
        /// Before running: syntax, unknown names.
        case compile
        /// While running.
        case runtime
    }

    public var phase: Phase
    /// The problems, the first being the real one; runtime errors have exactly one.
    public var diagnostics: [Diagnostic]
    /// The source ended in the middle of a construct (an open bracket, an unfinished block or
    /// expression): a REPL should read another line rather than report an error.
    public var isIncomplete: Bool = false
    /// The run was stopped through its `StopFlag`.
    public var isInterrupted: Bool = false

    public init(phase: Phase, diagnostics: [Diagnostic]) {
        self.phase = phase
        self.diagnostics = diagnostics
    }

    static func runtime(_ message: String, at range: SourceRange?, notes: [Diagnostic.Note] = []) -> ScriptError {
        ScriptError(phase: .runtime, diagnostics: [Diagnostic(message, at: range, notes: notes)])
    }

    /// The first diagnostic's message.
    public var message: String { diagnostics.first?.message ?? "error" }

    /// Every diagnostic, rendered with its source excerpt.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
