/// A graph's size and the cost of its baseline orders under one model — one row of `ccs table`.
public struct BaselineCosts: Sendable, Equatable {
    public var name: String
    public var inputs: Int
    public var intermediates: Int
    public var outputs: Int
    public var forward: Double
    public var reverse: Double
    public var markowitz: Double
    /// The cheapest published order the graph carries, costed by the game (nil when it has none).
    public var bestPublished: Double?

    public init(_ graph: ComputationalGraph) throws(GraphError) {
        try self.init(try EliminationGame(graph))
    }

    /// The baselines of a game, under its cost model.
    public init(_ game: EliminationGame) {
        let graph = game.graph
        name = graph.name
        inputs = graph.inputCount
        intermediates = game.eliminable.count
        outputs = graph.outputCount
        // Baseline orders are complete by construction, so costing them cannot fail.
        forward = game.playedCost(game.forwardOrder)
        reverse = game.playedCost(game.reverseOrder)
        markowitz = game.playedCost(game.markowitzOrder())
        bestPublished = graph.publishedOrders.compactMap { try? game.cost(of: $0.order).total }.min()
    }

    /// The best of forward, reverse and Markowitz.
    public var bestBaseline: Double { min(forward, reverse, markowitz) }
}

extension EliminationGame {
    /// The cost of an order known to be complete and valid (one this game produced).
    func playedCost(_ order: [Int]) -> Double {
        var state = start()
        for v in order { state.eliminate(v) }
        return state.cost
    }
}
