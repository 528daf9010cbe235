import CrossCountry

/// A trained agent: the network's weights — or, for an ensemble, several networks of one
/// architecture that decide together —, the feature set and value transform they expect, and a
/// record of how they were trained. Apply it to any graph — including ones it never saw — with
/// `order(for:search:)`; save and load it with `save(to:)` / `Policy.load(from:)`.
public struct Policy: Sendable {
    public var architecture: Architecture { members[0].architecture }
    /// The feature set the weights were trained on (always this ccs's once loaded).
    public var featureSet: String { VertexFeatures.setName }
    public var valueTransform: ValueTransform
    public var record: TrainingRecord
    /// The cost model the policy was trained under, when this ccs has it: a built-in named by the
    /// record, or the model itself for a policy trained in this process (a `.ccs` model is not
    /// saved with the weights, only its name).
    public var costModel: CostModel?
    /// The networks, one or more, all of `architecture`.
    var members: [PolicyValueNetwork<Float>]

    /// The first (for a trained policy, the only) network.
    var network: PolicyValueNetwork<Float> {
        get { members[0] }
        set { members[0] = newValue }
    }

    /// How many networks decide together: 1, or the size of an ensemble.
    public var memberCount: Int { members.count }

    init(members: [PolicyValueNetwork<Float>], valueTransform: ValueTransform, record: TrainingRecord) {
        // Unreachable from input: policy files and `ensemble` check the networks' architectures first.
        precondition(!members.isEmpty && members.allSatisfy { $0.architecture == members[0].architecture },
                     "an ensemble needs members of one architecture")
        self.members = members
        self.valueTransform = valueTransform
        self.record = record
        costModel = CostModel.named(record.model)
    }

    init(network: PolicyValueNetwork<Float>, valueTransform: ValueTransform, record: TrainingRecord) {
        self.init(members: [network], valueTransform: valueTransform, record: record)
    }

    /// An untrained policy: a fresh network whose policy is the sharp greedy heuristic it starts from.
    public static func untrained(settings: TrainingSettings = TrainingSettings(), seed: UInt64 = 1) -> Policy {
        Policy(network: PolicyValueNetwork(architecture: settings.architecture, seed: seed,
                                           widePolicy: VertexFeatures.greedyPrior(sharpness: settings.priorSharpness)),
               valueTransform: settings.valueTransform, record: TrainingRecord())
    }

    /// An elimination order for `graph`: greedy (`search` 0 — the most likely legal vertex at every
    /// step, one network evaluation per step and member), or with `search` simulations of
    /// deterministic Gumbel search before every move, returning the cheapest complete order the
    /// search met, or the greedy one if that is cheaper. An ensemble's members vote by their mean
    /// log-probabilities and mean values; greedily it also plays each member alone and returns the
    /// cheapest of these orders.
    ///
    /// A raised `stop` (Ctrl-C) ends it with `AgentError.interrupted`; `progress` hears, on the
    /// calling thread, how many of the greedy games' moves are done out of how many. A search that
    /// would hold more than `maxMemory` bytes is refused before the first move.
    public func order(for graph: ComputationalGraph, traced: NumericGraph? = nil, model: CostModel = .paper, search: Int = 0, stop: StopFlag = .never,
                      maxMemory: Int = PlayMemory.defaultLimit, progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws(AgentError) -> [Int] {
        let context = try GraphContext.make(graph, traced: traced, model: model, stop: stop)
        if search > 0 {
            try PlayMemory.check(PlayMemory.search(context, simulations: search, games: 1, architecture), limit: maxMemory,
                                 "policy-guided search on \(graph.name)",
                                 reason: "the network attends over every pair of its \(graph.vertexCount) vertices, the tree keeps \(search) positions a move",
                                 otherwise: "without search the policy chooses among a window of candidates on large graphs")
        }
        let greedy = try greedyGames(context, stop: stop, progress: progress).min { $0.cost < $1.cost }!
        guard search > 0 else { return greedy.order }
        var best = (order: greedy.order, cost: greedy.cost)
        let evaluator = BatchEvaluator(members: members, transform: valueTransform)
        let settings = SearchSettings(simulations: search, consideredActions: min(8, max(2, search)), gumbelScale: 0)
        _ = GumbelPlayer(settings: settings, recordExamples: false)
            .play([(0, 0)], contexts: [context], evaluator: evaluator, shouldStop: { stop.isRaised }) { _, state in
                if state.cost < best.cost { best = (state.eliminated, state.cost) }
            }
        if stop.isRaised { throw .interrupted("policy-guided search on \(graph.name)") }
        return best.order
    }

    /// The greedy games a policy chooses among: the members' vote first, then — for an
    /// ensemble — each member's own. Costs are exact and cheap, so returning the cheapest order
    /// of these K + 1 costs K more greedy games and never a worse order than the vote's; it
    /// keeps the vote's strength (a member's blunder is outvoted) without its weakness (a
    /// compromise worse than what one member plays alone).
    func greedyGames(_ context: GraphContext, stop: StopFlag = .never,
                     progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws(AgentError) -> [PlayedGame] {
        let voters = members.count > 1 ? [members] + members.map { [$0] } : [members]
        let moves = context.game.eliminable.count
        var games: [PlayedGame] = []
        for (k, networks) in voters.enumerated() {
            let played = PolicyPlayer(sample: false, recordExamples: false)
                .play([(0, 0)], contexts: [context], evaluator: BatchEvaluator(members: networks, transform: valueTransform),
                      shouldStop: { stop.isRaised }, progress: progress.map { report in { report(k * moves + $0, voters.count * moves) } })
            guard let game = played.first else { throw .interrupted("applying the policy to \(context.game.graph.name)") }
            games.append(game)
        }
        return games
    }
}

/// Applies a policy to a graph: greedily, or with `search` simulations per move.
public func order(_ policy: Policy, _ graph: ComputationalGraph, model: CostModel = .paper, search: Int = 0, stop: StopFlag = .never,
                  maxMemory: Int = PlayMemory.defaultLimit, progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws(AgentError) -> [Int] {
    try policy.order(for: graph, model: model, search: search, stop: stop, maxMemory: maxMemory, progress: progress)
}

/// How a policy came to be: the algorithm, the graphs, games and time spent, the seed, and the
/// cheapest order found per graph.
public struct TrainingRecord: Sendable, Equatable {
    public var algorithm = ""
    public var graphs: [String] = []
    public var games = 0
    public var seconds = 0.0
    public var seed: UInt64 = 0
    /// The name of the cost model the games were priced under (`paper` in files without one).
    public var model = CostModel.paper.name
    /// Training sessions so far (a resumed run adds one).
    public var sessions = 0
    public var best: [BestOrder] = []

    public init() {}
}

extension GraphContext {
    /// The context of a graph the agent can play, or why it cannot; `traced`, the graph with its
    /// traced values, lets models that read the partials (`exact`, `code`, `runtime`) price it.
    /// A raised `stop` ends the baselines' plays (a few tenths of a second on large graphs).
    static func make(_ graph: ComputationalGraph, traced: NumericGraph? = nil, model: CostModel = .paper,
                     stop: StopFlag = .never) throws(AgentError) -> GraphContext {
        let game: EliminationGame
        do throws(GraphError) {
            game = if let traced { try EliminationGame(traced, model: model) } else { try EliminationGame(graph, model: model) }
        } catch {
            throw .unsupportedGraph(graph: graph.name, reason: error.description)
        }
        guard let baselines = BaselineCosts(game, shouldStop: { stop.isRaised }) else {
            throw .interrupted("applying the policy to \(graph.name)")
        }
        return GraphContext(game, baseline: baselines.bestBaseline)
    }
}

extension Policy: CustomStringConvertible {
    /// One line: the network and what it was trained on.
    public var description: String {
        let trained = record.games > 0
            ? "trained with \(record.algorithm) on \(record.graphs.joined(separator: ", ")) for \(record.games) games"
                + (record.model == CostModel.paper.name ? "" : " under the \(record.model) cost model")
            : "untrained"
        let networks = members.count == 1 ? "" : "ensemble of \(members.count) networks, each "
        return "policy (\(networks)\(architecture.width)-wide, \(architecture.layers) layers, \(network.parameters.count) weights), \(trained)"
    }
}
