import Foundation

/// The whole content of a file a user names — a graph, a policy, a script — read in bounded memory,
/// or why it cannot be, in plain words. Devices and pipes read like files (`/dev/null` is empty, not
/// "permission denied"), and an endless one (`/dev/zero`) stops at `largest` bytes.
public enum FileBytes {
    /// The most bytes ccs reads from one file unless told fewer.
    public static let largest = 256 << 20

    /// Why a file cannot be read.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case missing
        case directory
        case unreadable(String)
        /// Larger than the limit, in bytes.
        case tooLarge(Int)

        public var description: String {
            switch self {
            case .missing: return "no such file"
            case .directory: return "it is a directory"
            case let .unreadable(reason): return reason
            case let .tooLarge(limit): return "it is larger than \(limit >> 20) MB, the most ccs reads"
            }
        }
    }

    /// The file's bytes, at most `limit` of them.
    public static func read(_ path: String, limit: Int = largest) throws(Failure) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .missing }
        guard !isDirectory.boolValue else { throw .directory }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable("permission denied") }
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 20)
            } catch {
                throw .unreadable(error.localizedDescription)
            }
            guard let chunk, !chunk.isEmpty else { return bytes }
            bytes.append(contentsOf: chunk)
            if bytes.count > limit { throw .tooLarge(limit) }
        }
    }
}
