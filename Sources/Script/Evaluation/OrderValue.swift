import Agent
import CrossCountry

/// An elimination order as a language value: a strategy that produces the vertex sequence for a
/// given graph (`forward`, `markowitz`, `greedy(model)`), or an explicit list of vertex numbers.
public struct OrderValue {
    /// How tables and messages name the order.
    public let name: String
    /// The vertices of the graph in elimination order; `Arguments` locates any error.
    let resolve: (GraphValue, Interpreter, SourceRange) throws(ScriptError) -> [Int]
    /// The vertex list of an explicit order.
    let explicit: [Int]?

    public init(name: String, resolve: @escaping (GraphValue, Interpreter, SourceRange) throws(ScriptError) -> [Int]) {
        self.name = name
        self.resolve = resolve
        explicit = nil
    }

    /// An explicit order; `note` (what found it) replaces the list in tables and displays.
    static func vertices(_ order: [Int], note: String? = nil) -> OrderValue {
        OrderValue(name: note ?? OrderValue.listName(order), explicit: order)
    }

    private init(name: String, explicit: [Int]) {
        self.name = name
        self.explicit = explicit
        resolve = { _, _, _ throws(ScriptError) in explicit }
    }

    static func listName(_ order: [Int]) -> String {
        let shown = order.prefix(8).map(String.init).joined(separator: ", ")
        return "[" + shown + (order.count > 8 ? ", … (\(order.count))]" : "]")
    }

    static var forward: OrderValue { OrderValue(name: "forward") { g, _, _ throws(ScriptError) in try g.game().forwardOrder } }
    static var reverse: OrderValue { OrderValue(name: "reverse") { g, _, _ throws(ScriptError) in try g.game().reverseOrder } }
    static var markowitz: OrderValue { OrderValue(name: "markowitz") { g, _, _ throws(ScriptError) in try g.game().markowitzOrder() } }

    /// Repeatedly eliminates the remaining vertex that the model prices cheapest now (ties: lowest).
    static func greedy(_ model: CostModel) -> OrderValue {
        OrderValue(name: "greedy(\(model.name))") { g, interpreter, range throws(ScriptError) in
            try model.greedyOrder(on: g, interpreter: interpreter, at: range)
        }
    }
}

extension Value {
    /// The order this value denotes: an order value, or a list of whole vertex numbers.
    var asOrder: OrderValue? {
        switch self {
        case let .order(order): return order
        case let .policy(policy):
            return OrderValue(name: "policy") { g, interpreter, range throws(ScriptError) in
                try interpreter.apply(policy, to: g, at: range)
            }
        case let .tensor(t) where t.shape.rank == 1:
            let vertices = t.scalars.compactMap { Int(exactly: $0) }
            return vertices.count == t.scalars.count ? .vertices(vertices) : nil
        case let .list(items), let .tuple(items):
            var vertices: [Int] = []
            for item in items {
                guard case let .number(x) = item, let v = Int(exactly: x) else { return nil }
                vertices.append(v)
            }
            return .vertices(vertices)
        default: return nil
        }
    }
}

extension Interpreter {
    /// A policy's order for a graph, with the status line showing its moves and Ctrl-C stopping it.
    func apply(_ policy: Policy, to g: GraphValue, search: Int = 0, at range: SourceRange) throws(ScriptError) -> [Int] {
        let progress = self.progress
        defer { progress("") }
        do throws(AgentError) {
            return try policy.order(for: g.graph, search: search, stop: stop) { done, total in
                if done % max(1, total / 200) == 0 { progress("policy · move \(done) of \(total) · Ctrl-C stops") }
            }
        } catch {
            if case .interrupted = error { try checkInterrupt(at: range) }
            throw .runtime("\(error)", at: range)
        }
    }
}
