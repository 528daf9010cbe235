/// The elementwise comparisons: 1 where they hold, else 0; no derivative.
public enum Comparison: Hashable, Sendable, CaseIterable {
    case less, lessEqual, greater, greaterEqual, equal, notEqual

    /// JAX's name.
    public var name: String {
        switch self {
        case .less: return "lt"
        case .lessEqual: return "le"
        case .greater: return "gt"
        case .greaterEqual: return "ge"
        case .equal: return "eq"
        case .notEqual: return "ne"
        }
    }

    /// Whether the comparison holds for (x, y).
    @inline(__always)
    public func holds(_ x: Double, _ y: Double) -> Bool {
        switch self {
        case .less: return x < y
        case .lessEqual: return x <= y
        case .greater: return x > y
        case .greaterEqual: return x >= y
        case .equal: return x == y
        case .notEqual: return x != y
        }
    }

    /// The C operator, which compares doubles and vectors of them alike.
    public var c: String {
        switch self {
        case .less: return "<"
        case .lessEqual: return "<="
        case .greater: return ">"
        case .greaterEqual: return ">="
        case .equal: return "=="
        case .notEqual: return "!="
        }
    }
}
