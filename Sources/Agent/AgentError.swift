/// Why a training run or a policy application could not start.
public enum AgentError: Error, Equatable, Sendable, CustomStringConvertible {
    case noGraphs
    /// A graph with no vertex to eliminate: there is nothing to learn on it.
    case nothingToEliminate(graph: String)
    case unsupportedGraph(graph: String, reason: String)
    case invalidSettings(String)
    /// A number outside its allowed range (the message names it and the range).
    case invalidArgument(String)
    /// Policies that cannot decide together (none, or networks of different shapes).
    case invalidEnsemble(String)
    /// A raised stop flag (Ctrl-C) ended the work before it had a result.
    case interrupted(String)
    /// Work that would hold more memory than its limit (the message says how much and what to do).
    case tooLarge(String)

    public var description: String {
        switch self {
        case .noGraphs: return "training needs at least one graph"
        case let .nothingToEliminate(graph): return "graph \(graph) has no vertex to eliminate; there is nothing to learn on it"
        case let .unsupportedGraph(graph, reason): return "graph \(graph) cannot be played: \(reason)"
        case let .invalidSettings(message): return "invalid training settings: \(message)"
        case let .invalidArgument(message): return message
        case let .invalidEnsemble(message): return "cannot make an ensemble: \(message)"
        case let .interrupted(what): return "interrupted: \(what)"
        case let .tooLarge(message): return message
        }
    }
}

/// Why a policy file could not be read or written. Each case names the file.
public enum PolicyError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case notAPolicy(path: String)
    case unsupportedVersion(path: String, found: Int, supported: Int)
    case malformedHeader(path: String, detail: String)
    case featureSetMismatch(path: String, found: String, expected: String)
    case truncated(path: String, detail: String)
    case corrupt(path: String, detail: String)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "\(path): cannot read the policy (\(reason))"
        case let .notAPolicy(path): return "\(path): not a ccs policy file (it does not start with \"\(PolicyFile.magic)\")"
        case let .unsupportedVersion(path, found, supported):
            let readable = supported == 1 ? "version 1" : "versions 1 to \(supported)"
            return "\(path): policy format version \(found) is not supported (this ccs reads \(readable)); retrain or use a matching ccs"
        case let .malformedHeader(path, detail): return "\(path): malformed policy header: \(detail)"
        case let .featureSetMismatch(path, found, expected):
            return "\(path): the policy was trained on feature set \"\(found)\", but this ccs computes \"\(expected)\"; retrain it"
        case let .truncated(path, detail): return "\(path): truncated policy: \(detail)"
        case let .corrupt(path, detail): return "\(path): corrupt policy: \(detail)"
        case let .unwritable(path, reason): return "\(path): cannot write the policy (\(reason))"
        }
    }
}
