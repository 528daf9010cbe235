import Foundation

/// A status line on standard error: rewritten in place on a terminal; in a log, one line every ten
/// seconds once the work has run that long, so that brief work leaves no trace there.
final class ProgressLine {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    /// Whether the last line stays on the terminal when the work ends (`ccs train`'s final tally)
    /// or is erased (a script's `search` or `train`, whose result the script prints).
    private let keepsLastLine: Bool
    private var shown = false
    private var lastLogged: Date?

    init(keepsLastLine: Bool) {
        self.keepsLastLine = keepsLastLine
    }

    func show(_ text: String) {
        if isTerminal {
            write("\r\u{1B}[K\(text)")
            shown = true
            return
        }
        let now = Date()
        guard let last = lastLogged else {
            lastLogged = now
            return
        }
        if now.timeIntervalSince(last) >= 10 {
            write("\(text)\n")
            lastLogged = now
        }
    }

    /// Ends this piece of work; the next `show` starts a new one.
    func finish() {
        if shown { write(keepsLastLine ? "\n" : "\r\u{1B}[K") }
        shown = false
        lastLogged = nil
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
