/// A graph's size and the `paper` cost of its baseline orders — one row of `ccs table`.
public struct BaselineCosts: Sendable, Equatable {
    public var name: String
    public var inputs: Int
    public var intermediates: Int
    public var outputs: Int
    public var forward: Int
    public var reverse: Int
    public var markowitz: Int
    /// The cheapest published order the graph carries, costed by the game (nil when it has none).
    public var bestPublished: Int?

    public init(_ graph: ComputationalGraph) throws(GraphError) {
        let game = try EliminationGame(graph)
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
    public var bestBaseline: Int { min(forward, reverse, markowitz) }
}

extension EliminationGame {
    /// The cost of an order known to be complete and valid (one this game produced).
    func playedCost(_ order: [Int]) -> Int {
        var state = start()
        for v in order { state.eliminate(v) }
        return state.cost
    }
}
