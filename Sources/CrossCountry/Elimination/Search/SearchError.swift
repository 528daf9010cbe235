import Foundation

/// Why a search could not run at all.
public enum SearchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The least the search needs is more than its memory limit allows.
    case memory(needed: Int, limit: Int, what: String)

    public var description: String {
        switch self {
        case let .memory(needed, limit, what):
            return "\(what) needs \(SearchError.bytes(needed)), more than the memory limit of \(SearchError.bytes(limit)) "
                + "(raise it with --max-memory, or max_memory: in a script)"
        }
    }

    /// `512 MB`, `3.2 GB`: a byte count for messages.
    public static func bytes(_ n: Int) -> String {
        let x = Double(n)
        if x >= 1e9 { return String(format: "%.1f GB", x / 1e9) }
        if x >= 1e6 { return String(format: "%.0f MB", x / 1e6) }
        return String(format: "%.0f kB", x / 1e3)
    }
}
