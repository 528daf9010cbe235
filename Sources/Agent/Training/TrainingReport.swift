/// The cheapest order found so far for one graph, against that graph's best baseline.
public struct BestOrder: Sendable, Equatable {
    public var graph: String
    public var order: [Int]
    /// Its cost under the model the agent was trained with.
    public var cost: Double
    /// min(forward, reverse, Markowitz) on this graph, under the same model.
    public var baseline: Double
    /// How many games had been played when it was found.
    public var foundAfterGames: Int

    public init(graph: String, order: [Int], cost: Double, baseline: Double, foundAfterGames: Int) {
        self.graph = graph
        self.order = order
        self.cost = cost
        self.baseline = baseline
        self.foundAfterGames = foundAfterGames
    }

    /// (baseline − cost)/baseline: positive when the order beats every baseline.
    public var improvement: Double { (baseline - cost) / (baseline > 0 ? baseline : 1) }
}

/// A snapshot of a training run, reported after every iteration.
public struct TrainingProgress: Sendable {
    public var games: Int
    public var iterations: Int
    public var seconds: Double
    /// How much of the budget is spent, 0…1.
    public var fraction: Double
    public var best: [BestOrder]
    public var gamesPerSecond: Double { seconds > 0 ? Double(games) / seconds : 0 }
    /// Estimated seconds left.
    public var remainingSeconds: Double { fraction > 0 ? seconds * (1 - fraction) / fraction : 0 }
}

/// One row of the training curve: per graph, after an iteration.
public struct CurvePoint: Sendable, Equatable {
    public var games: Int
    public var seconds: Double
    public var graph: String
    /// The mean cost of this iteration's games on the graph (nil if it played none).
    public var meanCost: Double?
    public var bestCost: Double
    public var baseline: Double
    public var policyLoss: Double
    public var valueLoss: Double
}

/// What a training run produced.
public struct TrainingResult: Sendable {
    public var policy: Policy
    public var best: [BestOrder]
    public var curve: [CurvePoint]
    /// Whether the run ended early on a stop request.
    public var stopped: Bool
}
