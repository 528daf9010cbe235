/// The training algorithms the agent offers.
public enum TrainingAlgorithm: String, Sendable, CaseIterable {
    /// Gumbel AlphaZero: search-improved policy targets, Monte-Carlo value targets.
    case alphaZero = "alphazero"
    /// PPO: sampled rollouts, GAE advantages, clipped surrogate objective.
    case ppo
}

/// How long to train: wall-clock minutes or a number of games.
public enum TrainingBudget: Sendable, Equatable {
    case minutes(Double)
    case games(Int)
}

/// Every knob of a training run; the defaults are the scaled-down protocol ccs ships (a small
/// network, 16 simulations, 16 games per iteration) chosen for a 2-core CPU.
public struct TrainingSettings: Sendable, Equatable {
    /// The network of a fresh run (a resumed run keeps its policy's).
    public var width = 32, layers = 2, heads = 4, feedForward = 64, headHidden = 32
    /// How sharply a fresh network's policy follows the greedy cost/Markowitz heuristic.
    public var priorSharpness = 3.0
    public var search = SearchSettings()
    public var gamesPerIteration = 16
    public var learningRate = 1e-3
    public var weightDecay = 1e-4
    public var maxGradientNorm = 1.0
    public var batchSize = 64
    /// The most a run may hold, in bytes: a graph whose games, searches and replay would need more
    /// is refused before training starts.
    public var maxMemory = PlayMemory.defaultLimit
    /// How many times, on average, each new position is sampled for a gradient step (AlphaZero).
    public var replayRatio = 2.0
    /// How many iterations of games the replay buffer keeps (AlphaZero).
    public var replayIterations = 2
    /// Extra games per iteration on freshly generated random programs (AlphaZero), so that
    /// the policy learns what holds across graphs rather than only the ones it is given.
    public var randomGames = 0
    /// The random programs per iteration a user may ask for: each is a game held in memory.
    public static let allowedRandomGames = 0...1_000
    /// Rounds of annealing search on each random program whose order the policy imitates (0: none).
    public var teacherRounds = 1
    /// Whether the cheapest order found on each graph is replayed as one-hot policy targets (AlphaZero).
    public var bestOrderReplay = true
    public var valueWeight = 1.0
    public var valueTransform = ValueTransform.symlog
    /// PPO: clip range, entropy bonus, GAE λ, passes over each iteration's positions, minibatches per pass.
    public var clipRange = 0.2, entropyWeight = 0.01, gaeLambda = 0.95
    public var ppoEpochs = 2, ppoMinibatches = 4

    public init() {}

    /// The architecture a fresh run builds.
    public var architecture: Architecture {
        Architecture(features: VertexFeatures.count, width: width, layers: layers, heads: heads, feedForward: feedForward, headHidden: headHidden)
    }
}
