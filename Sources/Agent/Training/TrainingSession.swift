import CrossCountry
import Foundation

/// What both training algorithms share: the graphs and their contexts, the network and optimiser,
/// one evaluator per worker thread, the budget and stop request, the cheapest order found per
/// graph, the training curve, and progress reports.
final class TrainingSession {
    let graphs: [ComputationalGraph]
    /// What the games cost: the reward, the baselines and the best orders follow it.
    let model: CostModel
    let contexts: [GraphContext]
    let settings: TrainingSettings
    let algorithm: TrainingAlgorithm
    let seed: UInt64
    let budget: TrainingBudget
    let stop: StopFlag
    private let progress: ((TrainingProgress) -> Void)?

    private(set) var network: PolicyValueNetwork<Float>
    private var optimizer: AdamW
    let learner: Learner
    let evaluators: [BatchEvaluator]
    let transform: ValueTransform
    var random: SplitMix64

    /// Worker threads for games and gradients: the cores, at most 8.
    static let threads = max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))

    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private let deadline: ContinuousClock.Instant?
    private var record: TrainingRecord
    private(set) var games = 0
    private(set) var iterations = 0
    private(set) var best: [BestOrder?]
    private(set) var curve: [CurvePoint] = []

    init(
        graphs: [ComputationalGraph], traced: [NumericGraph?] = [], model: CostModel = .paper, algorithm: TrainingAlgorithm, budget: TrainingBudget,
        seed: UInt64, resume: Policy?,
        settings: TrainingSettings, stop: StopFlag, progress: ((TrainingProgress) -> Void)?
    ) throws(AgentError) {
        guard !graphs.isEmpty else { throw .noGraphs }
        do throws(Bounds.Violation) {
            switch budget {
            case let .minutes(m): _ = try Bounds.duration(m, "minutes", secondsPerUnit: 60, unit: "minutes")
            case let .games(n): _ = try Bounds.whole(n, "games", in: Bounds.repetitions)
            }
            _ = try Bounds.whole(settings.search.simulations, "simulations", in: 1...SearchSettings.allowedSimulations.upperBound)
            _ = try Bounds.whole(settings.randomGames, "random programs", in: TrainingSettings.allowedRandomGames)
            _ = try Bounds.whole(settings.teacherRounds, "teacher rounds", in: 0...Bounds.repetitions.upperBound)
        } catch {
            throw .invalidSettings(error.description)
        }
        let s = settings
        guard s.search.simulations >= 1, s.search.consideredActions >= 1, s.gamesPerIteration >= 1, s.batchSize >= 1,
              s.replayIterations >= 1, s.ppoEpochs >= 1, s.ppoMinibatches >= 1, s.learningRate > 0 else {
            throw .invalidSettings("simulations, considered actions, games per iteration, batch size, replay, epochs, minibatches and the learning rate must be positive")
        }
        var contexts: [GraphContext] = []
        for (k, graph) in graphs.enumerated() {
            let context = try GraphContext.make(graph, traced: k < traced.count ? traced[k] : nil, model: model)
            guard !context.game.eliminable.isEmpty else { throw .nothingToEliminate(graph: graph.name) }
            contexts.append(context)
        }
        if let resume, let problem = resume.architecture.problem { throw .invalidSettings("the resumed policy: \(problem)") }
        if let resume, resume.memberCount > 1 {
            throw .invalidSettings("cannot resume an ensemble (\(resume.memberCount) networks); resume the policies it joins and join them again")
        }
        if resume == nil, let problem = settings.architecture.problem { throw .invalidSettings(problem) }
        if let resume, resume.record.games > 0, resume.record.model != model.name {
            throw .invalidSettings("the resumed policy was trained under the cost model '\(resume.record.model)'; resume it under that model, not '\(model.name)'")
        }
        for context in contexts {
            let bytes = PlayMemory.training(context, settings, resume?.architecture ?? settings.architecture)
            try PlayMemory.check(bytes, limit: settings.maxMemory, "training on \(context.game.graph.name)",
                                 reason: "the network attends over every pair of its \(context.game.vertexCount) vertices, "
                                    + "the replay keeps every position played", otherwise: "train on smaller graphs of the same kind")
        }

        self.graphs = graphs
        self.model = model
        self.contexts = contexts
        self.settings = settings
        self.algorithm = algorithm
        self.seed = seed
        self.budget = budget
        self.stop = stop
        self.progress = progress
        random = SplitMix64(seed: seed)
        let policy = resume ?? Policy.untrained(settings: settings, seed: seed)
        let net = policy.network, valueTransform = policy.valueTransform
        network = net
        transform = valueTransform
        record = policy.record
        optimizer = AdamW(layout: net.layout, learningRate: settings.learningRate, weightDecay: settings.weightDecay,
                          maxGradientNorm: settings.maxGradientNorm)
        learner = Learner(architecture: net.architecture, threads: Self.threads, transform: valueTransform, valueWeight: settings.valueWeight)
        evaluators = (0..<Self.threads).map { _ in BatchEvaluator(network: net, transform: valueTransform) }

        // A resumed run keeps the orders it had found on the same graphs.
        best = contexts.map { context in
            guard let old = policy.record.best.first(where: { $0.graph == context.game.graph.name }),
                  (try? context.game.cost(of: old.order).total) == old.cost else { return nil }
            return BestOrder(graph: old.graph, order: old.order, cost: old.cost, baseline: context.scale, foundAfterGames: old.foundAfterGames)
        }
        start = clock.now
        if case let .minutes(m) = budget { deadline = start + .milliseconds(Int64(m * 60_000)) } else { deadline = nil }
    }

    var seconds: Double {
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// How much of the budget is spent, 0…1.
    var fraction: Double {
        switch budget {
        case let .minutes(m): return min(1, seconds / (m * 60))
        case let .games(n): return min(1, Double(games) / Double(n))
        }
    }

    var isFinished: Bool { stop.isRaised || fraction >= 1 }

    /// Games to play next: at most `gamesPerIteration`, never past a games budget; graphs in turn.
    func nextGames() -> [(graph: Int, seed: UInt64)] {
        var count = settings.gamesPerIteration
        if case let .games(n) = budget { count = min(count, n - games) }
        return (0..<count).map { i in ((games + i) % graphs.count, random.next()) }
    }

    /// For worker threads: whether to abandon the games in progress.
    var shouldStopNow: @Sendable () -> Bool {
        let stop = self.stop, deadline = self.deadline, clock = self.clock
        return { stop.isRaised || (deadline.map { clock.now >= $0 } ?? false) }
    }

    /// Plays `games` split over the worker threads (thread t takes every t-th game), with `play`
    /// running one thread's share on its evaluator; returns all finished games in a fixed order and
    /// records every complete order reached. Graph indices past the session's graphs are extra
    /// (random) graphs: they count neither as games nor for the best orders.
    func playInParallel(
        _ games: [(graph: Int, seed: UInt64)],
        _ play: ([(graph: Int, seed: UInt64)], BatchEvaluator, (Int, EliminationState) -> Void) -> [PlayedGame]
    ) -> [PlayedGame] {
        let threads = min(evaluators.count, games.count)
        let graphCount = games.map(\.graph).max().map { max($0 + 1, graphs.count) } ?? graphs.count
        var results = [(played: [PlayedGame], found: [(cost: Double, order: [Int])?])](repeating: ([], []), count: threads)
        Parallel.forEach(&results) { t, result in
            let share = stride(from: t, to: games.count, by: threads).map { games[$0] }
            var found = [(cost: Double, order: [Int])?](repeating: nil, count: graphCount)
            let played = play(share, self.evaluators[t]) { graph, state in
                if let current = found[graph], current.cost <= state.cost { return }
                found[graph] = (state.cost, state.eliminated)
            }
            result = (played, found)
        }
        let played = results.flatMap(\.played)
        self.games += played.filter { $0.graph < graphs.count }.count
        for (_, found) in results {
            for (g, f) in found.enumerated() where g < graphs.count {
                if let f { offer(graph: g, order: f.order, cost: f.cost, afterGames: self.games) }
            }
        }
        return played
    }

    private func offer(graph g: Int, order: [Int], cost: Double, afterGames: Int) {
        if let current = best[g], current.cost <= cost { return }
        best[g] = BestOrder(graph: graphs[g].name, order: order, cost: cost, baseline: contexts[g].scale, foundAfterGames: afterGames)
    }

    /// One optimiser step on a minibatch, at the cosine-decayed learning rate.
    func step(_ batch: [TrainingExample], objective: Loss.PolicyObjective) -> Loss.Totals {
        let (gradient, totals) = learner.gradient(network, batch: batch, objective: objective)
        let rate = 0.1 + 0.9 * 0.5 * (1 + Foundation.cos(Double.pi * fraction))
        optimizer.step(&network.parameters, gradient: gradient, rate: rate)
        return totals
    }

    /// Hands the new weights to the players.
    func publish() { for e in evaluators { e.update(network) } }

    /// Closes an iteration: curve rows per graph and a progress report.
    func endIteration(_ played: [PlayedGame], losses: Loss.Totals) {
        iterations += 1
        let n = Double(max(losses.count, 1))
        for (g, graph) in graphs.enumerated() {
            guard let b = best[g] else { continue }
            let costs = played.filter { $0.graph == g }.map(\.cost)
            curve.append(CurvePoint(games: games, seconds: seconds, graph: graph.name,
                                    meanCost: costs.isEmpty ? nil : costs.reduce(0, +) / Double(costs.count),
                                    bestCost: b.cost, baseline: b.baseline, policyLoss: losses.policy / n, valueLoss: losses.value / n))
        }
        progress?(TrainingProgress(games: games, iterations: iterations, seconds: seconds, fraction: fraction, best: best.compactMap { $0 }))
    }

    func result() -> TrainingResult {
        record.algorithm = record.algorithm.isEmpty || record.algorithm == algorithm.rawValue ? algorithm.rawValue : record.algorithm + "+" + algorithm.rawValue
        record.graphs = Array(Set(record.graphs + graphs.map(\.name))).sorted()
        record.games += games
        record.seconds += seconds
        if record.sessions == 0 { record.seed = seed }
        record.sessions += 1
        record.model = model.name
        let found = best.compactMap { $0 }
        record.best = found + record.best.filter { old in !found.contains { $0.graph == old.graph } }
        var policy = Policy(network: network, valueTransform: transform, record: record)
        policy.costModel = model
        return TrainingResult(policy: policy, best: found, curve: curve, stopped: stop.isRaised)
    }
}
