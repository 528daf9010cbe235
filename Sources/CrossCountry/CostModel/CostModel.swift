/// A way of pricing the vertex elimination game: what eliminating one vertex costs, given the live
/// edges around it in the current position. A game is played under one model (`EliminationGame(g,
/// model:)`), so orders, heuristics, search and the agent's reward all follow it; `paper` is the
/// default.
///
/// A step's cost must be finite and not negative: searches stop re-playing an order as soon as its
/// running cost passes a limit, which is exact only when costs never fall.
public struct CostModel: Sendable, CustomStringConvertible {
    /// How the model appears in tables, messages and policy files.
    public let name: String
    let rules: Rules

    /// What the game does at each step to price it.
    enum Rules: Sendable {
        /// The AlphaGrad vertex game: its contraction table over the edge records' sparsity types
        /// and shapes (computed inside the game's elimination loop).
        case paper
    }

    init(name: String, rules: Rules) {
        self.name = name
        self.rules = rules
    }

    /// The AlphaGrad vertex game's multiplications (Lohoff & Neftci 2024): every published number.
    public static let paper = CostModel(name: "paper", rules: .paper)

    /// The built-in models by name.
    public static let builtins: [CostModel] = [.paper]

    /// A built-in model by name, or nil.
    public static func named(_ name: String) -> CostModel? { builtins.first { $0.name == name } }

    /// Whether the search's lower bound (vertex cuts, pair and chain terms over the paper's tables)
    /// holds for this model; exact search needs it.
    public var hasLowerBound: Bool {
        switch rules {
        case .paper: return true
        }
    }

    public var description: String { name }
}
