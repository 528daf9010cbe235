/// One position of a played game, as the network will learn from it: the encoded tokens, which
/// may be eliminated, the policy target over tokens, and what the rest of the game cost.
struct TrainingExample: Sendable {
    var features: [Float]
    var legal: [Bool]
    /// Per token; zero for tokens that may not be eliminated.
    var policy: [Float]
    /// Minus the remaining cost from this position to the end of the game, divided by the graph's scale.
    var normalizedReturn: Double
    /// PPO only: the move taken (token index), its log-probability and the value estimate then.
    var action = -1
    var logProbability = 0.0
    var valueEstimate = 0.0
    var advantage = 0.0

    var tokenCount: Int { legal.count }
}

/// A finished game: which graph, its order and cost, and its positions for training.
struct PlayedGame: Sendable {
    var graph: Int
    var order: [Int]
    var cost: Double
    var stepCosts: [Double]
    var examples: [TrainingExample]
}
