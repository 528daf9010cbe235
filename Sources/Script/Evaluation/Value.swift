import Agent
import CrossCountry

/// A value of the `.ccs` language.
public enum Value {
    /// The value of statements and of `()`; the REPL shows nothing for it.
    case nothing
    case number(Double)
    /// A concrete vector or matrix (a scalar is a `number`).
    case tensor(Tensor)
    /// A value being traced by `graph(f, …)`.
    case traced(Traced)
    case bool(Bool)
    case string(String)
    case tuple([Value])
    case list([Value])
    /// `a..b`: the integers a ≤ i < b, kept lazy.
    case range(Int, Int)
    case record(Record)
    case function(Function)
    case graph(GraphValue)
    case order(OrderValue)
    case model(CostModel)
    case table(TableValue)
    case jacobian(JacobianValue)
    /// A policy of the deep-RL agent (from `train` or `load`).
    case policy(Policy)

    /// The kind of value, as messages name it ("a number", "a graph").
    public var typeDescription: String {
        switch self {
        case .nothing: return "nothing"
        case .number: return "a number"
        case let .tensor(t): return t.shape.rank == 1 ? "a vector" : "a matrix"
        case let .traced(t): return "a traced \(t.shape.rank == 0 ? "number" : t.shape.rank == 1 ? "vector" : "matrix")"
        case .bool: return "a boolean"
        case .string: return "a string"
        case let .tuple(items): return "a tuple of \(items.count)"
        case .list: return "a list"
        case .range: return "a range"
        case let .record(record): return "\(record.kind.article) \(record.kind)"
        case .function: return "a function"
        case .graph: return "a graph"
        case .order: return "an order"
        case .model: return "a cost model"
        case .table: return "a table"
        case .jacobian: return "a Jacobian"
        case .policy: return "a policy"
        }
    }

    var isNothing: Bool {
        if case .nothing = self { return true }
        return false
    }

    /// The deepest nesting of tuples, lists and records a value may have: showing, comparing and
    /// freeing a value recurse through it, so a loop wrapping a value a million times over must stop.
    static let deepestNesting = 1_000

    /// How deeply tuples, lists and records nest in the value (0 for any other value), counted no
    /// further than `limit` + 1.
    func nesting(limit: Int) -> Int {
        let items: [Value]
        switch self {
        case let .tuple(x), let .list(x): items = x
        case let .record(r): items = r.fields.map(\.value)
        default: return 0
        }
        guard limit >= 0 else { return 1 }
        var deepest = 0
        for item in items {
            deepest = max(deepest, item.nesting(limit: limit - 1))
            if deepest > limit { break }
        }
        return 1 + deepest
    }

    /// Refuses to put `items` into one more tuple or list when that passes `deepestNesting`.
    static func checkNesting(_ items: [Value], at range: SourceRange) throws(ScriptError) {
        for item in items where item.nesting(limit: deepestNesting - 1) >= deepestNesting {
            throw .runtime("the value would nest tuples and lists more than \(deepestNesting) deep", at: range)
        }
    }
}

/// A value with named fields, such as an edge seen by a cost model (`e.type`, `e.from_shape`).
public struct Record {
    /// What the record describes ("edge", "vertex").
    public var kind: String
    public var fields: [(name: String, value: Value)]

    public init(kind: String, fields: [(name: String, value: Value)]) {
        self.kind = kind
        self.fields = fields
    }

    public subscript(name: String) -> Value? { fields.first { $0.name == name }?.value }
}

extension String {
    /// "a" or "an" before this word.
    var article: String { "aeiou".contains(first ?? "x") ? "an" : "a" }
}
