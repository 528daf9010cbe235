import CrossCountry

/// A cost model as a language value: what eliminating one vertex costs in the current position.
/// `paper` is the AlphaGrad vertex game; a user model is a `.ccs` function of the vertex's in- and
/// out-edges (`fn(ins, outs)` or `fn(v, ins, outs)`), called at every step of the game.
public final class CostModel {
    enum Kind {
        case paper
        /// The multiplications the numeric elimination performs (traced graphs only).
        case exact
        case user(Function)
    }

    public let name: String
    let kind: Kind

    init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    static var paper: CostModel { CostModel(name: "paper", kind: .paper) }
    static var exact: CostModel { CostModel(name: "exact", kind: .exact) }

    /// The cost of every step of a complete order, and their sum.
    struct Costing {
        var total: Double
        var steps: [Double]
    }

    /// Plays `order` on the graph, pricing each step; rejects an invalid order naming the vertex.
    /// Errors point at the order (`orderRange`) or at the model (`modelRange`).
    func cost(of order: [Int], on graph: GraphValue, interpreter: Interpreter, orderRange: SourceRange,
              modelRange: SourceRange) throws(ScriptError) -> Costing {
        let game = try graph.game()
        do {
            try game.validate(order)
        } catch {
            throw .runtime("invalid order: \(error)", at: orderRange)
        }
        switch kind {
        case .paper:
            var state = game.start()
            let steps = order.map { state.eliminate($0) }
            return Costing(total: state.cost, steps: steps)
        case .exact:
            guard let numeric = graph.numeric else {
                throw .runtime("the exact model needs a traced graph (graph(f, …)); a loaded graph has no values", at: modelRange)
            }
            do {
                let cost = try numeric.exactCost(of: order)
                return Costing(total: cost.total, steps: cost.steps)
            } catch {
                throw .runtime("invalid order: \(error)", at: orderRange)
            }
        case .user:
            var state = game.start()
            var steps: [Double] = []
            for v in order {
                try interpreter.checkInterrupt(at: modelRange)
                steps.append(try stepCost(v, in: state, interpreter: interpreter, at: modelRange))
                state.eliminate(v)
            }
            return Costing(total: steps.reduce(0, +), steps: steps)
        }
    }

    /// What eliminating v costs in this position.
    func stepCost(_ v: Int, in state: EliminationState, interpreter: Interpreter, at range: SourceRange) throws(ScriptError) -> Double {
        switch kind {
        case .paper:
            return state.costOfEliminating(v)
        case .exact:
            throw .runtime("the exact model prices whole orders, not single steps; greedy(exact) is not available", at: range)
        case let .user(function):
            let ins = Value.list(state.inEdges(of: v).map(Value.edge))
            let outs = Value.list(state.outEdges(of: v).map(Value.edge))
            let vertex = state.game.graph.vertices[v - 1]
            let arguments: [Value] = function.accepts(positionalCount: 3)
                ? [.record(Record(kind: "vertex", fields: [
                    ("number", .number(Double(v))), ("op", .string(vertex.op)), ("shape", Value.shape(vertex.shape)),
                ])), ins, outs]
                : [ins, outs]
            let result = try interpreter.call(function, arguments, at: range)
            guard case let .number(cost) = result, cost.isFinite else {
                throw .runtime("the cost model '\(name)' must return a finite number, got \(result.typeDescription)", at: range)
            }
            return cost
        }
    }

    /// Repeatedly eliminates the remaining vertex this model prices lowest now, ties to the lowest number.
    func greedyOrder(on graph: GraphValue, interpreter: Interpreter, at range: SourceRange) throws(ScriptError) -> [Int] {
        let game = try graph.game()
        if case .paper = kind { return game.greedyOrder { state, v in state.costOfEliminating(v) } }
        var state = game.start()
        var remaining = game.eliminable
        while !remaining.isEmpty {
            try interpreter.checkInterrupt(at: range)
            var best = 0, bestCost = Double.infinity
            for (i, v) in remaining.enumerated() {
                let cost = try stepCost(v, in: state, interpreter: interpreter, at: range)
                if cost < bestCost { (best, bestCost) = (i, cost) }
            }
            state.eliminate(remaining.remove(at: best))
        }
        return state.eliminated
    }
}

extension Value {
    /// A shape as a tuple of its extents (`()` for a scalar).
    static func shape(_ shape: Shape) -> Value {
        shape.dims.isEmpty ? .tuple([]) : .tuple(shape.dims.map { .number(Double($0)) })
    }

    /// The model this value denotes: a model, or a `.ccs` function used as one.
    var asCostModel: CostModel? {
        switch self {
        case let .model(model): return model
        case let .function(function): return CostModel(name: function.name, kind: .user(function))
        default: return nil
        }
    }
}
