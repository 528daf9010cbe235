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
    /// Tells two models apart for caches: the built-ins are single values, and every user model
    /// made is a new one.
    private let token: Token

    private final class Token: Sendable {}

    /// What the game does at each step to price it.
    enum Rules: Sendable {
        /// The AlphaGrad vertex game: its contraction table over the edge records' sparsity types
        /// and shapes (computed inside the game's elimination loop).
        case paper
        /// The peak storage of live partials, in entries (`StorageTally`).
        case memory
        /// A model that follows an attribute on every live edge (`EdgeAlgebra`), bound to each
        /// traced graph it is played on.
        case attributes(@Sendable (NumericGraph) throws(GraphError) -> any EdgeAlgebra)
        /// A function of the live edges around the vertex (a user's `.ccs` model, compiled).
        case function(EdgeCostFunction)
    }

    init(name: String, rules: Rules) {
        self.name = name
        self.rules = rules
        token = Token()
    }

    /// The AlphaGrad vertex game's multiplications (Lohoff & Neftci 2024): every published number.
    public static let paper = CostModel(name: "paper", rules: .paper)

    /// The multiplications the numeric interpreter performs (`NumericGraph.exactCost(of:)`): each
    /// live edge's partial structure is followed through the elimination. Traced graphs only.
    public static let exact = CostModel(name: "exact", rules: .attributes { numeric throws(GraphError) in
        ExactAlgebra(numeric)
    })

    /// What the generated C executes for the elimination (`CodeAlgebra`): multiplications and
    /// additions, weight 1 each, with ±1 factors and products of constants free. Traced graphs only.
    public static let code = CostModel(name: "code", rules: .attributes { numeric throws(GraphError) in
        CodeAlgebra(numeric)
    })

    /// What the generated C of every order of a traced graph executes besides the elimination: the
    /// primal values and the local partials the results need, folded as code generation folds them.
    /// The C of an order executes these plus what `code` counts for the order.
    public static func fixedOperations(of numeric: NumericGraph) -> OperationCounts { CodeAlgebra.fixedOperations(of: numeric) }

    /// What the generated C costs on this machine, in nanoseconds per point: the operations `code`
    /// finds, at prices measured once by compiling and timing small kernels (`RuntimeCalibration`,
    /// cached). Where the graph's plans are too large for straight-line code and run as table
    /// kernels, which fold nothing, the multiplications `exact` counts, each at the price of a
    /// scattered product. Traced graphs only; needs a working C compiler, and says so otherwise.
    public static let runtime = CostModel(name: "runtime", rules: .attributes { numeric throws(GraphError) in
        let table: RuntimeTable
        do {
            table = try RuntimeCalibration.table()
        } catch {
            throw .invalid("the runtime cost model times compiled C on this machine, which cannot be done here: \(error)")
        }
        return runtimeAlgebra(numeric, table)
    })

    /// The `runtime` model at given prices instead of measured ones (for tests and other machines' tables).
    public static func runtime(_ table: RuntimeTable) -> CostModel {
        CostModel(name: "runtime", rules: .attributes { numeric throws(GraphError) in runtimeAlgebra(numeric, table) })
    }

    /// The operations of straight-line code as `code` finds them, each kind at `table`'s price:
    /// what `runtime` prices where a graph's plans are straight-line code, whatever form they take
    /// (so that tests can count one kind of operation at a time).
    public static func straightLine(_ table: RuntimeTable) -> CostModel {
        CostModel(name: "straight-line", rules: .attributes { numeric throws(GraphError) in CodeAlgebra(numeric) { table.price($0) } })
    }

    /// The `runtime` model's algebra for one graph: the form its plans compile to, as the plan of
    /// its forward order does (`JacobianKernel.runsAsTable`), priced by `table`.
    private static func runtimeAlgebra(_ numeric: NumericGraph, _ table: RuntimeTable) -> any EdgeAlgebra {
        JacobianKernel.runsAsTable(numeric) ? ExactAlgebra(numeric, price: table.loopScatter) : CodeAlgebra(numeric) { table.price($0) }
    }

    /// The peak storage of live partials, in stored entries, over the elimination (see
    /// `StorageTally`): for users who trade memory for multiplications.
    public static let memory = CostModel(name: "memory", rules: .memory)

    /// The built-in models, by name.
    public static let builtins: [CostModel] = [.paper, .exact, .code, .runtime, .memory]

    /// A built-in model by name, or nil.
    public static func named(_ name: String) -> CostModel? { builtins.first { $0.name == name } }

    /// A model following its own attribute on every live edge of a traced graph: `bind` gives the
    /// algebra for one graph (its edges' starting attributes, how a step combines them, what that
    /// costs). This is how models of what generated code costs join the built-ins.
    public static func following(_ name: String, bind: @escaping @Sendable (NumericGraph) throws(GraphError) -> any EdgeAlgebra) -> CostModel {
        CostModel(name: name, rules: .attributes(bind))
    }

    /// A model computed by a function of the live edges around the vertex being eliminated.
    public static func function(_ name: String, _ function: EdgeCostFunction) -> CostModel {
        CostModel(name: name, rules: .function(function))
    }

    /// Whether this is the same model as `other` (not merely one of the same name).
    public func isSame(as other: CostModel) -> Bool { token === other.token }

    /// Whether the search's lower bound (vertex cuts, pair and chain terms over the paper's tables)
    /// holds for this model; exact search needs it.
    public var hasLowerBound: Bool {
        if case .paper = rules { return true }
        return false
    }

    /// Whether the model can price only traced graphs (it reads the partials' structures).
    public var needsTracedGraph: Bool {
        if case .attributes = rules { return true }
        return false
    }

    /// Which vertices' step costs an elimination can change: only the neighbours' for a model that
    /// reads the vertex's own live edges; every vertex's for `memory`, whose step cost also depends
    /// on the storage peak so far.
    var reach: ScoreReach {
        if case .memory = rules { return .everyVertex }
        return .incidentEdges
    }

    /// The first step a user's function priced as something other than a finite number at least 0
    /// (the game went on as if it cost 0), or nil; cleared by `clearFailure()`.
    public var failure: EdgeCostFunction.Failure? {
        if case let .function(f) = rules { return f.failure }
        return nil
    }

    /// Forgets a recorded failure, before a new use of the model.
    public func clearFailure() {
        if case let .function(f) = rules { f.clearFailure() }
    }

    public var description: String { name }
}
