@testable import Agent
import CrossCountry
import Testing

/// Whole training runs, kept tiny: reproducible from the seed, orders valid and priced right,
/// stops that keep a usable policy, resumption.
@Suite struct TrainingTests {
    static var tiny: TrainingSettings {
        var s = TrainingSettings()
        s.width = 8
        s.layers = 1
        s.heads = 2
        s.feedForward = 8
        s.headHidden = 8
        s.search.simulations = 4
        s.search.consideredActions = 2
        s.gamesPerIteration = 4
        s.batchSize = 16
        return s
    }

    static let graphs = [TestGraphs.random(seed: 11), TestGraphs.random(seed: 12, vertices: 9)]

    static func check(_ result: TrainingResult) throws {
        #expect(result.best.count == graphs.count)
        for (best, graph) in zip(result.best, graphs) {
            let game = try EliminationGame(graph)
            #expect(try game.cost(of: best.order).total == best.cost)
            #expect(best.baseline == (try BaselineCosts(graph)).bestBaseline)
            // The search's baseline rollouts alone reach the best baseline.
            #expect(best.cost <= best.baseline)
        }
    }

    @Test(arguments: TrainingAlgorithm.allCases)
    func reproducibleFromTheSeed(_ algorithm: TrainingAlgorithm) throws {
        let settings = Self.tiny
        let a = try train(Self.graphs, algorithm: algorithm, budget: .games(8), seed: 42, settings: settings)
        let b = try train(Self.graphs, algorithm: algorithm, budget: .games(8), seed: 42, settings: settings)
        #expect(a.policy.network.parameters == b.policy.network.parameters)
        #expect(a.best == b.best)
        #expect(a.policy.record.games == 8 && a.policy.record.algorithm == algorithm.rawValue)
        #expect(a.curve.count == 2 * Self.graphs.count)
        // Training moved the weights.
        #expect(a.policy.network.parameters != Policy.untrained(settings: settings, seed: 42).network.parameters)
        if algorithm == .alphaZero { try Self.check(a) }
    }

    @Test func aRaisedStopEndsAtOnceWithAUsablePolicy() throws {
        let stop = StopFlag()
        stop.raise()
        let result = try train(Self.graphs, budget: .minutes(10), seed: 1, settings: Self.tiny, stop: stop)
        #expect(result.stopped)
        #expect(result.policy.record.games == 0)
        let order = try result.policy.order(for: Self.graphs[0])
        try (try EliminationGame(Self.graphs[0])).validate(order)
    }

    @Test func stoppingMidwayKeepsTheBestSoFar() throws {
        let stop = StopFlag()
        var reports = 0
        let result = try train(Self.graphs, budget: .games(1000), seed: 3, settings: Self.tiny, stop: stop) { progress in
            reports += 1
            #expect(progress.games == 4 * reports)
            if reports == 2 { stop.raise() }
        }
        #expect(result.stopped && reports == 2)
        #expect(result.policy.record.games == 8)
        try Self.check(result)
    }

    @Test func resumingContinuesTheRecord() throws {
        let first = try train(Self.graphs, budget: .games(4), seed: 5, settings: Self.tiny)
        let second = try train(Self.graphs, budget: .games(4), seed: 6, resume: first.policy, settings: Self.tiny)
        #expect(second.policy.record.games == 8)
        #expect(second.policy.record.sessions == 2)
        #expect(second.policy.record.seed == 5)
        for (a, b) in zip(first.best, second.best) { #expect(b.cost <= a.cost) }
    }

    @Test func randomProgramGamesDoNotCountTowardsWhenAnOrderWasFound() throws {
        var settings = Self.tiny
        settings.randomGames = 3
        let result = try train(Self.graphs, budget: .games(8), seed: 4, settings: settings)
        #expect(result.policy.record.games == 8)
        // Orders are found in iterations of 4 games on the given graphs, whatever the extra programs.
        for best in result.best { #expect(best.foundAfterGames % 4 == 0 && (4...8).contains(best.foundAfterGames), "\(best.foundAfterGames)") }
    }

    @Test func badRequestsAreTypedErrors() throws {
        #expect(throws: AgentError.noGraphs) { try train([], budget: .games(1)) }
        #expect(throws: AgentError.invalidSettings("games must be a whole number from 1 to 1,000,000,000, got 0")) { try train(Self.graphs, budget: .games(0)) }
        var settings = Self.tiny
        settings.heads = 3
        #expect(throws: AgentError.invalidSettings("the width 8 is not a multiple of the 3 heads")) {
            try train(Self.graphs, budget: .games(1), settings: settings)
        }
    }

    @Test func searchAppliesToUnseenGraphs() throws {
        let graph = TestGraphs.random(seed: 99, vertices: 10)
        let game = try EliminationGame(graph)
        let policy = Policy.untrained(settings: Self.tiny)
        let greedy = try policy.order(for: graph)
        let searched = try policy.order(for: graph, search: 4)
        try game.validate(greedy)
        try game.validate(searched)
        // The search keeps the cheapest complete order it meets, rollouts included.
        #expect(try game.cost(of: searched).total <= (try BaselineCosts(graph)).bestBaseline)
        #expect(try policy.order(for: graph, search: 4) == searched)
    }
}

/// The random programs that broaden joint training.
@Suite struct RandomProgramTests {
    @Test func theTeacherWalksACompleteOrderAtMostTheBestBaseline() throws {
        var settings = TrainingTests.tiny
        settings.teacherRounds = 1
        let session = try TrainingSession(graphs: TrainingTests.graphs, algorithm: .alphaZero, budget: .games(1), seed: 3,
                                          resume: nil, settings: settings, stop: StopFlag(), progress: nil)
        var random = SplitMix64(seed: 8)
        for program in RandomPrograms.contexts(6, random: &random) {
            let examples = AlphaZeroTraining.teacherExamples([program], session)
            // One example per move, the dead vertices (taken before play starts) excepted.
            #expect(examples.count == program.game.eliminable.count - program.start().eliminated.count)
            // Every target is one legal move; the first position's return is minus the order's whole cost.
            for e in examples { #expect(e.policy.reduce(0, +) == 1 && zip(e.policy, e.legal).allSatisfy { $1 || $0 == 0 }) }
            let cost = -examples[0].normalizedReturn * program.scale
            #expect(cost <= program.scale + 1e-9 && cost > 0)
        }
        settings.teacherRounds = 0
        let without = try TrainingSession(graphs: TrainingTests.graphs, algorithm: .alphaZero, budget: .games(1), seed: 3,
                                          resume: nil, settings: settings, stop: StopFlag(), progress: nil)
        #expect(AlphaZeroTraining.teacherExamples(RandomPrograms.contexts(2, random: &random), without).isEmpty)
    }

    @Test func programsAreValidVariedAndReproducible() throws {
        var typesSeen = Set<SparsityType>(), scalar = 0, tensor = 0
        for seed in UInt64(1)...30 {
            let graph = try #require(RandomPrograms.program(seed: seed, tensors: seed % 2 == 0))
            let again = try #require(RandomPrograms.program(seed: seed, tensors: seed % 2 == 0))
            #expect(graph.edges == again.edges)
            let game = try EliminationGame(graph)
            #expect(game.eliminable.count >= 10, "seed \(seed)")
            // Every vertex reaches an output: no dead code.
            var live = Set(graph.outputs)
            for v in graph.topologicalVertexOrder.reversed() where graph.edges.contains(where: { $0.source == .vertex(v) && live.contains($0.target) }) {
                live.insert(v)
            }
            #expect(live.count == graph.vertexCount, "seed \(seed)")
            for edge in graph.edges { typesSeen.insert(edge.type) }
            if game.isScalar { scalar += 1 } else { tensor += 1 }
        }
        #expect(scalar >= 5 && tensor >= 5)
        #expect(typesSeen.count >= 5, "types \(typesSeen.sorted())")
    }

    @Test func networksAreValidVariedAndReproducible() throws {
        var outputs: [Int: Int] = [:], attention = 0, layerNorm = 0, softmaxes = 0
        for seed in UInt64(1)...40 {
            let graph = try #require(RandomNetworks.graph(seed: seed), "seed \(seed)")
            #expect(graph.edges == (try #require(RandomNetworks.graph(seed: seed))).edges)
            #expect(try EliminationGame(graph).eliminable.count >= 3, "seed \(seed)")
            #expect(graph.outputCount == 1)
            #expect(graph.inputs.count >= 3, "seed \(seed): weights are inputs")
            #expect(graph.vertices.contains { $0.op == "dot_general" })
            let sizes = Set(graph.outputs.map { graph.vertices[$0 - 1].shape.count })
            outputs[sizes.first!, default: 0] += 1
            // Every vertex reaches the output — no dead code — but a softmax's maximum, whose
            // derivative the stop_gradient after it cuts off.
            var live = Set(graph.outputs)
            for v in graph.topologicalVertexOrder.reversed() where graph.edges.contains(where: { $0.source == .vertex(v) && live.contains($0.target) }) {
                live.insert(v)
            }
            let ops = graph.vertices.map(\.op)
            let stopped = ops.filter { $0 == "stop_gradient" }.count
            #expect(stopped == ops.filter { $0 == "reduce_max" }.count && stopped == ops.filter { $0 == "exp" }.count, "seed \(seed)")
            #expect(graph.vertexCount - live.count == 2 * stopped, "seed \(seed): only each maximum and its broadcast are cut off")
            if stopped > 0 { softmaxes += 1 }
            if ops.filter({ $0 == "dot_general" }).count >= 4 && ops.contains("exp") { attention += 1 }
            if ops.contains("sqrt") { layerNorm += 1 }
        }
        // Scalar losses and wider outputs, layer norms and attention blocks all occur.
        #expect(outputs[1, default: 0] >= 10 && outputs.count >= 3, "output sizes \(outputs)")
        #expect(layerNorm >= 5 && attention >= 3 && softmaxes >= 8, "layer norms \(layerNorm), attention \(attention), softmaxes \(softmaxes)")
    }
}
