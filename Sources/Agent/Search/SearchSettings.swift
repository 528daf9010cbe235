/// The knobs of Gumbel tree search (Danihelka et al. 2022, as the paper ran it through mctx).
public struct SearchSettings: Sendable, Equatable {
    /// The simulations per move a user may ask for: each keeps a copy of the position in the tree.
    public static let allowedSimulations = 0...10_000

    /// Simulations per move.
    public var simulations: Int
    /// How many root actions Gumbel top-k considers (m).
    public var consideredActions: Int
    /// The scale of the root's Gumbel noise; 0 makes the search deterministic.
    public var gumbelScale: Double
    /// σ(q̂) = (maxVisitInit + max visits) · valueScale · q̂ with q̂ the min-max normalised completed Q.
    public var maxVisitInit: Double
    public var valueScale: Double
    /// λ: a new leaf's value is (1 − λ)·network value + λ·(minus the cost of finishing the game by
    /// the cheapest baseline from there). 0 is pure AlphaZero; AlphaGo mixed its rollouts in at ½.
    public var rolloutWeight: Double

    public init(simulations: Int = 16, consideredActions: Int = 8, gumbelScale: Double = 1, maxVisitInit: Double = 50, valueScale: Double = 0.1,
                rolloutWeight: Double = 0.5) {
        self.simulations = simulations
        self.consideredActions = consideredActions
        self.gumbelScale = gumbelScale
        self.maxVisitInit = maxVisitInit
        self.valueScale = valueScale
        self.rolloutWeight = rolloutWeight
    }
}
