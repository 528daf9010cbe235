import Agent
import CrossCountry

/// An elimination order as a language value: a strategy that produces the vertex sequence for a
/// given graph (`forward`, `markowitz`, `greedy(model)`), or an explicit list of vertex numbers,
/// perhaps found on a graph (by `search`) with its cost there.
public struct OrderValue {
    /// How displays name the order.
    public let name: String
    /// How it was made: the strategy's name, the search method that found it, "policy", "list".
    let method: String
    /// The vertices of the graph in elimination order; `Arguments` locates any error.
    let resolve: (GraphValue, Interpreter, SourceRange) throws(ScriptError) -> [Int]
    /// The vertex list of an explicit order.
    let explicit: [Int]?
    /// Where an explicit order was found, and what it cost there.
    let origin: Origin?

    /// The graph a search found an order on, the model it searched under, its cost there and the
    /// lower bound it proved (if its model has one).
    struct Origin {
        var graph: String
        var model: String
        var cost: Double
        var lowerBound: Double?
    }

    public init(name: String, resolve: @escaping (GraphValue, Interpreter, SourceRange) throws(ScriptError) -> [Int]) {
        self.init(name: name, method: name, resolve: resolve)
    }

    init(name: String, method: String, resolve: @escaping (GraphValue, Interpreter, SourceRange) throws(ScriptError) -> [Int]) {
        self.name = name
        self.method = method
        self.resolve = resolve
        explicit = nil
        origin = nil
    }

    /// An explicit order; `note` (what found it) replaces the list in displays. On a graph other
    /// than the one it was found on, an order that does not fit says where it came from.
    static func vertices(_ order: [Int], note: String? = nil, method: String = "list", origin: Origin? = nil) -> OrderValue {
        OrderValue(name: note ?? OrderValue.listName(order), method: method, explicit: order, origin: origin)
    }

    private init(name: String, method: String, explicit: [Int], origin: Origin?) {
        self.name = name
        self.method = method
        self.explicit = explicit
        self.origin = origin
        resolve = { g, _, range throws(ScriptError) in
            if let origin, origin.graph != g.graph.name {
                let game = try g.game()
                do throws(OrderError) {
                    try game.validate(explicit)
                } catch {
                    throw .runtime("invalid order: \(error); the order was found on graph '\(origin.graph)', not '\(g.graph.name)'",
                                   at: range)
                }
            }
            return explicit
        }
    }

    static func listName(_ order: [Int]) -> String {
        let shown = order.prefix(8).map(String.init).joined(separator: ", ")
        return "[" + shown + (order.count > 8 ? ", … (\(order.count))]" : "]")
    }

    /// A short name for a table row when the source gives none: a strategy's name, what found an
    /// order ("search (annealing)"), or the list shortened.
    var label: String {
        guard let explicit else { return name }
        if origin != nil { return "search (\(method))" }
        return OrderValue.listName(explicit)
    }

    /// `o.order`, `o.method`, `o.graph`, `o.model`, `o.cost` (and `o.lower_bound` of a search's): an explicit
    /// order's; a strategy has only its method until it is applied to a graph.
    var fields: [(name: String, value: Value)] {
        guard let explicit else { return [("method", .string(method))] }
        var fields: [(name: String, value: Value)] = [
            ("order", .list(explicit.map { .number(Double($0)) })), ("method", .string(method)),
            ("graph", origin.map { .string($0.graph) } ?? .nothing), ("model", origin.map { .string($0.model) } ?? .nothing),
            ("cost", origin.map { .number($0.cost) } ?? .nothing),
        ]
        if let bound = origin?.lowerBound { fields.append(("lower_bound", .number(bound))) }
        return fields
    }

    static var forward: OrderValue { OrderValue(name: "forward") { g, _, _ throws(ScriptError) in try g.game().forwardOrder } }
    static var reverse: OrderValue { OrderValue(name: "reverse") { g, _, _ throws(ScriptError) in try g.game().reverseOrder } }
    static var markowitz: OrderValue { OrderValue(name: "markowitz") { g, _, _ throws(ScriptError) in try g.game().markowitzOrder() } }

    /// Repeatedly eliminates the remaining vertex that the model prices cheapest now (ties: lowest).
    static func greedy(_ model: CostModel) -> OrderValue {
        OrderValue(name: "greedy(\(model.name))") { g, interpreter, range throws(ScriptError) in
            try model.greedyOrder(on: g, at: range)
        }
    }
}

extension Value {
    /// The order this value denotes: an order value, or a list of whole vertex numbers.
    var asOrder: OrderValue? {
        switch self {
        case let .order(order): return order
        case let .policy(policy):
            return OrderValue(name: "policy", method: "policy") { g, interpreter, range throws(ScriptError) in
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
    /// A policy's order for a graph, chosen under the cost model it was trained under, with the
    /// status line showing its moves and Ctrl-C stopping it.
    func apply(_ policy: Policy, to g: GraphValue, search: Int = 0, maxMemory: Int = PlayMemory.defaultLimit,
               at range: SourceRange) throws(ScriptError) -> [Int] {
        guard let model = policy.costModel else {
            let name = policy.record.model
            throw .runtime("the policy was trained under the cost model '\(name)', which is not built in; load it with load(path, model: \(name)) after defining \(name)", at: range)
        }
        let progress = self.progress
        defer { progress("") }
        let order: [Int]
        do throws(AgentError) {
            order = try policy.order(for: g.graph, traced: g.numeric, model: model, search: search, stop: stop, maxMemory: maxMemory) { done, total in
                if done % max(1, total / 200) == 0 { progress("policy · move \(done) of \(total) · Ctrl-C stops") }
            }
        } catch {
            model.clearFailure()
            if case .interrupted = error { try checkInterrupt(at: range) }
            throw .runtime("\(error)", at: range)
        }
        try model.checked(at: range)
        return order
    }
}
