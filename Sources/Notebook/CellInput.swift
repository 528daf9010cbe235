/// Where the REPL's lines come from: the line editor on a terminal, standard input when piped, or a
/// test's script.
public protocol CellInput: AnyObject {
    /// Reads one line (without its newline), showing `prompt` where there is someone to see it. A
    /// cell recalled from the history whole comes as one text with newlines.
    func readLine(prompt: String) -> InputEvent

    /// The lines read since the last cell formed this cell (a history keeps it as one entry).
    func cellEnded(_ cell: String)

    /// The answer to a question (such as whether to replace a file), which no history keeps; nil
    /// at the end of input.
    func answer(_ question: String) -> String?
}

extension CellInput {
    public func cellEnded(_ cell: String) {}

    public func answer(_ question: String) -> String? {
        if case let .line(text) = readLine(prompt: question) { return text }
        return nil
    }
}

/// What reading a line gave.
public enum InputEvent: Equatable, Sendable {
    case line(String)
    /// Ctrl-C while editing: the line is dropped.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case end
}

/// Lines from standard input when it is not a terminal: no prompts, no editing.
public final class PipeInput: CellInput {
    public init() {}

    public func readLine(prompt: String) -> InputEvent {
        guard let line = Swift.readLine(strippingNewline: true) else { return .end }
        return .line(line.hasSuffix("\r") ? String(line.dropLast()) : line)
    }
}
