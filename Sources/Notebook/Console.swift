import Foundation

/// Where the REPL writes: standard output and error, or a test's buffers. It remembers whether the
/// last text ended a line, so that a prompt or an `Out[n]` never starts in the middle of one.
public final class Console {
    private let output: (String) -> Void
    private let error: (String) -> Void
    private(set) var atLineStart = true
    /// Whether a status line is showing, to be cleared before anything else is written.
    private var statusShown = false

    public init(output: @escaping (String) -> Void, error: @escaping (String) -> Void) {
        self.output = output
        self.error = error
    }

    /// The process's standard output and error, unbuffered.
    public static func standard() -> Console {
        Console(output: { FileHandle.standardOutput.write(Data($0.utf8)) },
                error: { FileHandle.standardError.write(Data($0.utf8)) })
    }

    func write(_ text: String) {
        guard !text.isEmpty else { return }
        clearStatus()
        output(text)
        atLineStart = text.hasSuffix("\n")
    }

    func writeError(_ text: String) {
        guard !text.isEmpty else { return }
        clearStatus()
        error(text)
        atLineStart = text.hasSuffix("\n")
    }

    /// Shows a transient status line on a line of its own (on the error stream), replacing the
    /// previous one; "" clears it.
    func status(_ text: String) {
        clearStatus()
        guard !text.isEmpty else { return }
        if !atLineStart { output("\n") }
        error(text)
        atLineStart = true
        statusShown = true
    }

    private func clearStatus() {
        guard statusShown else { return }
        statusShown = false
        error("\r\u{1B}[K")
    }

    /// Ends the current line if something was written on it.
    func finishLine() {
        if !atLineStart { write("\n") }
    }
}
