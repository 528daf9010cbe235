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
        self.init(try EliminationGame(graph))
    }

    /// The baselines of a game, under its cost model.
    public init(_ game: EliminationGame) {
        // Never stopped, so never nil.
        self.init(game, shouldStop: { false })!
    }

    /// The baselines of a game, or nil when `shouldStop` (asked every 1,024 steps of each play:
    /// on a 100,000-vertex graph the three take a few tenths of a second) says so.
    public init?(_ game: EliminationGame, shouldStop: () -> Bool) {
        let graph = game.graph
        name = graph.name
        inputs = graph.inputCount
        intermediates = game.eliminable.count
        outputs = graph.outputCount
        var state = game.start()
        func cost(_ heuristic: Heuristic) -> Double? {
            state.reset()
            return game.complete(&state, with: heuristic, shouldStop: shouldStop) ? state.cost : nil
        }
        guard let forward = cost(.forward), let reverse = cost(.reverse), let markowitz = cost(.markowitz) else { return nil }
        self.forward = forward
        self.reverse = reverse
        self.markowitz = markowitz
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
