/// A node of a computational graph: an input (1…I, never eliminated) or a vertex (1…N, one per
/// primitive operation in program order).
public enum Node: Hashable, Sendable, Comparable, CustomStringConvertible {
    case input(Int)
    case vertex(Int)

    /// `x3` for input 3, `v7` for vertex 7 — the names ccs's files and messages use.
    public var description: String {
        switch self {
        case let .input(i): return "x\(i)"
        case let .vertex(k): return "v\(k)"
        }
    }

    /// Parses `x3` or `v7` (also a bare vertex number, `7`).
    public init?(_ text: Substring) {
        if let first = text.first, first == "x" || first == "v", let n = Int(text.dropFirst()), n > 0 {
            self = first == "x" ? .input(n) : .vertex(n)
        } else if let n = Int(text), n > 0 {
            self = .vertex(n)
        } else {
            return nil
        }
    }
}
