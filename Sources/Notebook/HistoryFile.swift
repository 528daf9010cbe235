import CrossCountry
import Foundation

/// The persistent history: one entry per line of a file in the user's home directory
/// (`~/.ccs_history`, or `$CCS_HISTORY`), appended as each line is entered so that nothing typed
/// is lost, and trimmed to the newest entries when it has grown to twice `limit`. A cell of several
/// lines is appended once more as one entry when it ends, its newlines written as U+001F (a control
/// character a line never holds); loading drops the single lines it repeats.
public final class HistoryFile {
    public let path: String
    let limit: Int
    private var warned = false

    public init(path: String, limit: Int = 1000) {
        self.path = path
        self.limit = limit
    }

    /// `$CCS_HISTORY` when set (empty turns the history off), else `.ccs_history` in `$HOME`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let path = environment["CCS_HISTORY"] { return path.isEmpty ? nil : path }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return (home.hasSuffix("/") ? home : home + "/") + ".ccs_history"
    }

    /// Stands for a newline inside a multi-line entry.
    static let newline: Character = "\u{1F}"

    /// The newest `limit` entries, oldest first; the file is rewritten (atomically) to just those
    /// when it has grown past twice that.
    public func load() -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        if lines.count > 2 * limit, (try? AtomicFile.write(lines.suffix(limit).joined(separator: "\n") + "\n", to: path)) != nil {
            chmod(path, 0o600)
        }
        var entries: [String] = []
        for line in lines.suffix(limit) {
            let cell = line.split(separator: HistoryFile.newline, omittingEmptySubsequences: false).map(String.init)
            if cell.count > 1, entries.suffix(cell.count).elementsEqual(cell) { entries.removeLast(cell.count) }
            entries.append(cell.joined(separator: "\n"))
        }
        return entries
    }

    /// Appends one entry now. A failure is reported once through `warn` and otherwise ignored:
    /// a read-only home must not stop the REPL.
    public func append(_ line: String, warn: (String) -> Void = { _ in }) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        var failure: Int32 = fd < 0 ? errno : 0
        if fd >= 0 {
            let bytes = Array((String(line.map { $0 == "\n" ? HistoryFile.newline : $0 }) + "\n").utf8)
            if bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) != bytes.count { failure = errno == 0 ? EIO : errno }
            close(fd)
        }
        if failure != 0 && !warned {
            warned = true
            warn("cannot write the history file '\(path)': \(String(cString: strerror(failure)))")
        }
    }
}
