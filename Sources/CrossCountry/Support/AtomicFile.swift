import Foundation

/// Whole-file writes that never leave a half-written file: the text goes to a temporary file in the
/// same directory, which then replaces the target in one rename.
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
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw Failure(description: error.localizedDescription)
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
