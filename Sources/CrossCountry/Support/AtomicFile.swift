import Foundation

/// Whole-file writes that never leave a half-written file: the bytes go to a hidden temporary file
/// in the same directory (`.NAME.PID.tmp`), which then replaces the target in one rename. A write
/// that was killed midway leaves its temporary behind; the next write to the same target removes
/// every one whose process is gone.
public enum AtomicFile {
    /// Why a write failed, in plain words.
    public struct Failure: LocalizedError, CustomStringConvertible {
        public let description: String
        public var errorDescription: String? { description }
    }

    public static func write(_ text: String, to path: String) throws(Failure) { try write(Data(text.utf8), to: path) }

    public static func write(_ bytes: [UInt8], to path: String) throws(Failure) { try write(Data(bytes), to: path) }

    private static func write(_ data: Data, to path: String) throws(Failure) {
        if let problem = problem(writing: path) { throw Failure(description: problem) }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        removeAbandonedTemporaries(of: name, in: directory)
        let temporary = directory + "/" + temporaryName(of: name, process: getpid())
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw Failure(description: "cannot create a temporary file in \(directory)")
        }
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            unlink(temporary)
            throw Failure(description: error.localizedDescription)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(description: reason)
        }
    }

    /// `.NAME.PID.tmp`: hidden, beside the target, and naming the process that writes it.
    public static func temporaryName(of name: String, process: pid_t) -> String { ".\(name).\(process).tmp" }

    /// Removes temporaries of `name` left by writes whose process no longer runs (killed midway).
    static func removeAbandonedTemporaries(of name: String, in directory: String) {
        let prefix = ".\(name).", suffix = ".tmp"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(suffix) {
            let middle = entry.dropFirst(prefix.count).dropLast(suffix.count)
            guard let pid = pid_t(middle), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + entry) }
        }
    }

    /// Why `path` cannot be written now, or nil: checked by writes, and before long work whose result goes there.
    public static func problem(writing path: String) -> String? {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return "it is a directory" }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory) else { return "no such directory \(directory)" }
        guard isDirectory.boolValue else { return "\(directory) is not a directory" }
        guard manager.isWritableFile(atPath: directory) else { return "the directory \(directory) is not writable" }
        return nil
    }
}
