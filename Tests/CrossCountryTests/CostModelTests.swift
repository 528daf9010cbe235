@testable import CrossCountry
import Testing

/// The built-in cost models against independent recomputations: an order's total is the sum of its
/// steps, each step is what `costOfEliminating` predicted just before it, and the totals agree with
/// what a second implementation counts (the plan compiler for `exact`, an event-by-event tally over
/// the live edges for `memory`, Swift functions over the live edges for function models).
@Suite struct CostModelTests {
    /// Forward, reverse, Markowitz and two random orders of a game.
    static func orders(_ game: EliminationGame, seed: UInt64) -> [(String, [Int])] {
        var rng = SplitMix64(seed: seed)
        return [("forward", game.forwardOrder), ("reverse", game.reverseOrder), ("Markowitz", game.markowitzOrder()),
                ("random", game.eliminable.shuffled(using: &rng)), ("random", game.eliminable.shuffled(using: &rng))]
    }

    /// Plays `order`, checking at every step that the predicted cost is the cost charged; returns
    /// the steps.
    static func played(_ game: EliminationGame, _ order: [Int], _ label: String) -> [Double] {
        var state = game.start()
        return order.map { v in
            let predicted = state.costOfEliminating(v)
            let charged = state.eliminate(v)
            #expect(predicted == charged, "\(label): v\(v) predicted \(predicted), charged \(charged)")
            return charged
        }
    }

    @Test func exactIsWhatThePlanCompilerCounts() throws {
        for seed in 0..<UInt64(RandomGraphs.count(60)) {
            var generator = RandomPrograms(seed: 20_000 + seed)
            let g = generator.make().graph
            for adjacency in [EliminationGame.Adjacency.bitsets, .lists] {
                let game = try EliminationGame(g, model: .exact, adjacency: adjacency)
                for (name, order) in Self.orders(game, seed: seed) {
                    let label = "seed \(seed), \(adjacency), \(name)"
                    let steps = Self.played(game, order, label)
                    let cost = try game.cost(of: order)
                    let sum: Double = steps.reduce(0, +)
                    #expect(cost.steps == steps, "\(label)")
                    #expect(cost.total == sum, "\(label)")
                    #expect(cost == (try g.exactCost(of: order)), "\(label)")
                }
            }
        }
    }

    @Test func exactNeedsATracedGraph() {
        let graph = RandomGraphs.make(seed: 1, eliminable: 4, tensor: true)
        #expect(throws: GraphError.self) { try EliminationGame(graph, model: .exact) }
        #expect(CostModel.exact.needsTracedGraph && !CostModel.paper.needsTracedGraph)
    }

    /// The peak of stored entries, counted event by event over the live edges: before a step every
    /// live partial is stored; during it the live partials after it are stored together with v's
    /// own edges that the step then drops.
    static func peakEntries(_ game: EliminationGame, _ order: [Int]) -> Double {
        var state = game.start()
        func entries(_ edges: [LiveEdge]) -> Int { edges.reduce(0) { $0 + game.storedEntries($1.record) } }
        func stored(_ state: EliminationState) -> Int { (1...game.vertexCount).reduce(0) { $0 + entries(state.inEdges(of: $1)) } }
        var peak = 0
        for v in order {
            let before = stored(state)
            let dropped = entries(state.outEdges(of: v)) + (game.keepsInEdges[v - 1] ? 0 : entries(state.inEdges(of: v)))
            state.eliminate(v)
            peak = max(peak, before, stored(state) + dropped)
        }
        return Double(peak)
    }

    @Test func memoryIsThePeakOfStoredEntries() throws {
        for seed in 0..<UInt64(RandomGraphs.count(80)) {
            let graph = RandomGraphs.make(seed: 30_000 + seed, eliminable: 3 + Int(seed % 8), tensor: seed % 4 != 0)
            for adjacency in [EliminationGame.Adjacency.bitsets, .lists] {
                let game = try EliminationGame(graph, model: .memory, adjacency: adjacency)
                for (name, order) in Self.orders(game, seed: seed) {
                    let label = "seed \(seed), \(adjacency), \(name)"
                    let steps = Self.played(game, order, label)
                    #expect(steps.allSatisfy { $0 >= 0 }, "\(label)")
                    let cost = try game.cost(of: order)
                    let sum: Double = steps.reduce(0, +)
                    #expect(cost.steps == steps, "\(label)")
                    #expect(cost.total == sum, "\(label)")
                    #expect(cost.total == Self.peakEntries(game, order), "\(label)")
                }
            }
        }
    }

    @Test func memoryCountsWhatEachSparsityTypeStores() throws {
        // x (3) → v1 = sin(x) (elementwise: 3 entries) → v2 = W·v1 (dense 2×3: 6 entries) → output.
        let graph = try ComputationalGraph(
            name: "stored", inputs: [.init(name: "x", shape: .vector(3))],
            vertices: [.init(op: "sin", shape: .vector(3)), .init(op: "dot", shape: .vector(2))], outputs: [2],
            edges: [Edge(source: .input(1), target: 1, type: SparsityType(rawValue: 6)!, targetShape: Shape.vector(3).pair, sourceShape: Shape.vector(3).pair),
                    Edge(source: .vertex(1), target: 2, type: .dense, targetShape: Shape.vector(2).pair, sourceShape: Shape.vector(3).pair)])
        let game = try EliminationGame(graph, model: .memory)
        // Eliminating v1 forms x→v2 (dense, 6 entries) while both partials (3 + 6) still exist.
        #expect(try game.cost(of: [1]).total == 15)
    }

    @Test func functionModelsReadTheLiveEdges() throws {
        let products = CostModel.function("products", EdgeCostFunction { Double($0.inCount * $0.outCount) })
        let pairs = CostModel.function("pairs", EdgeCostFunction { step in
            var total = 0
            step.forEachIn { i in step.forEachOut { o in total += step.paperCost(i, o) } }
            return Double(total)
        })
        for seed in 0..<UInt64(RandomGraphs.count(40)) {
            let scalar = RandomGraphs.make(seed: 40_000 + seed, eliminable: 6, tensor: false)
            let tensor = RandomGraphs.make(seed: 40_000 + seed, eliminable: 6, tensor: true)
            let paperScalar = try EliminationGame(scalar), paperTensor = try EliminationGame(tensor)
            let productGame = try EliminationGame(scalar, model: products), pairGame = try EliminationGame(tensor, model: pairs)
            for (name, order) in Self.orders(paperTensor, seed: seed) {
                _ = Self.played(pairGame, order, "pairs, seed \(seed), \(name)")
                #expect(try pairGame.cost(of: order) == paperTensor.cost(of: order), "seed \(seed), \(name)")
            }
            for (name, order) in Self.orders(paperScalar, seed: seed) {
                #expect(try productGame.cost(of: order) == paperScalar.cost(of: order), "seed \(seed), \(name)")
            }
        }
    }

    @Test func aFunctionsWrongStepIsRecordedAndCountsNothing() throws {
        let graph = RandomGraphs.make(seed: 5, eliminable: 5, tensor: false)
        let negative = CostModel.function("negative", EdgeCostFunction { $0.vertex == 3 ? -1 : 1 })
        let game = try EliminationGame(graph, model: negative)
        let cost = try game.cost(of: game.forwardOrder)
        #expect(cost.total == Double(game.eliminable.count - (game.eliminable.contains(3) ? 1 : 0)))
        #expect(negative.failure == (game.eliminable.contains(3) ? EdgeCostFunction.Failure(vertex: 3, value: -1) : nil))
        negative.clearFailure()
        #expect(negative.failure == nil)
    }

    @Test func searchUnderAModelNeverLosesToItsOwnBaselines() throws {
        for model in [CostModel.memory, .function("touched", EdgeCostFunction { Double($0.inCount + $0.outCount) })] {
            for seed in 0..<8 as Range<UInt64> {
                let graph = RandomGraphs.make(seed: 50_000 + seed, eliminable: 10, tensor: true)
                let game = try EliminationGame(graph, model: model)
                let result = try game.search(SearchOptions(seed: seed, rounds: 2))
                let greedy = try game.cost(of: game.order(.lowestCost)).total
                #expect(result.cost == (try game.cost(of: result.order).total))
                #expect(result.cost <= min(greedy, try game.cost(of: game.forwardOrder).total, try game.cost(of: game.reverseOrder).total),
                        "\(model), seed \(seed)")
                #expect(result.lowerBound == nil, "\(model) has no lower bound")
            }
        }
    }
}
