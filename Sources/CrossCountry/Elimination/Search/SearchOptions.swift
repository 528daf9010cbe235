/// What a search may spend and how it seeds its randomness.
public struct SearchOptions: Sendable {
    /// The wall-clock budget in seconds.
    public var seconds: Double
    public var method: SearchMethod
    /// The seed of every random choice: the same seed and the same amount of work give the same order.
    public var seed: UInt64
    /// Independent annealing chains, each on its own thread (part of what a seed reproduces).
    public var chains: Int
    /// A fixed number of search rounds instead of a time limit, to reproduce a result exactly
    /// (`SearchResult.rounds` reports how many a timed search completed); nil runs until `seconds`.
    public var rounds: Int?
    /// Whether `seconds` also limits a search given `rounds` (a user who gave both): a round the
    /// deadline cuts short is then dropped, as in a timed search.
    public var timeLimitsRounds = false
    /// The budget as the search's clock uses it: `seconds` kept within 0…30 days, so that no
    /// library caller can make the deadline's conversion trap (the command line and `.ccs` reject
    /// such a value with a message first).
    var budgetSeconds: Double { seconds.isNaN ? 0 : min(max(seconds, 0), Bounds.longestSeconds) }
    /// The most memory the search may hold, in bytes: each phase checks what it will need before
    /// it allocates, and takes less (sparser snapshots, no lower bound) or fails with a message.
    public var maxMemory: Int
    /// Annealing moves per chain and round, per eliminable vertex.
    var annealingMovesPerVertex = 300

    /// 4 GB: a sixth of a 24 GB machine, room for the snapshots of a 100,000-vertex graph.
    public static let defaultMaxMemory = 4_000_000_000

    public init(seconds: Double = 10, method: SearchMethod = .auto, seed: UInt64 = 1, chains: Int = 2, rounds: Int? = nil,
                maxMemory: Int = SearchOptions.defaultMaxMemory) {
        self.seconds = seconds
        self.method = method
        self.seed = seed
        self.chains = max(1, chains)
        self.rounds = rounds
        self.maxMemory = maxMemory
    }
}
