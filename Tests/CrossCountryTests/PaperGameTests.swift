@testable import CrossCountry
import Testing

/// The `paper` cost model against every number the published test vectors hold.
@Suite struct PaperGameTests {
    static let names = PaperGraphs.names

    @Test func allTenGraphsImport() {
        #expect(TestVectors.graphs.map(\.name) == Self.names)
    }

    @Test(arguments: names)
    func baselineCostsAndStepCosts(name: String) throws {
        let graph = try #require(TestVectors.graphs.first { $0.name == name })
        let expected = TestVectors.task(name)["expected"]
        let game = try EliminationGame(graph)
        #expect(game.eliminable.count == TestVectors.task(name)["num_intermediates"]?.intValue)

        let forward = try game.cost(of: game.forwardOrder)
        #expect(forward.total == expected?["forward"]?.intValue.map(Double.init))
        #expect(forward.steps == TestVectors.costs(expected?["forward_step_costs"]))

        let reverse = try game.cost(of: game.reverseOrder)
        #expect(reverse.total == expected?["reverse"]?.intValue.map(Double.init))
        #expect(reverse.steps == TestVectors.costs(expected?["reverse_step_costs"]))

        let markowitzOrder = game.markowitzOrder()
        #expect(markowitzOrder == TestVectors.ints(expected?["markowitz_order"]))
        let markowitz = try game.cost(of: markowitzOrder)
        #expect(markowitz.total == expected?["markowitz"]?.intValue.map(Double.init))
        #expect(markowitz.steps == TestVectors.costs(expected?["markowitz_step_costs"]))
    }

    @Test(arguments: names)
    func everyPublishedOrder(name: String) throws {
        let graph = try #require(TestVectors.graphs.first { $0.name == name })
        let game = try EliminationGame(graph)
        let orders = try #require(TestVectors.task(name)["orders"]?.arrayValue)
        #expect(!orders.isEmpty)
        for published in orders {
            let cost = try game.cost(of: TestVectors.ints(published["order"]))
            #expect(cost.total == published["cost_vertexgame"]?.intValue.map(Double.init), "\(published["name"]?.stringValue ?? "")")
            #expect(cost.steps == TestVectors.costs(published["step_costs"]))
        }
    }

    /// Highest-index tie-breaking changes Markowitz a lot on tensor graphs (paper §4.3).
    @Test func markowitzTieBreakingMatters() throws {
        let expectations = ["RoeFlux_3d": 857, "Encoder": 37828, "Perceptron": 2440]
        for (name, cost) in expectations {
            let game = try EliminationGame(try #require(TestVectors.graphs.first { $0.name == name }))
            #expect(try game.cost(of: game.markowitzOrder(tieBreak: .highest)).total == Double(cost), "\(name)")
        }
    }

    /// The fast path for scalar graphs and the general record path agree step by step.
    @Test func scalarFastPathMatchesStructuredPath() throws {
        for graph in TestVectors.graphs {
            let fast = try EliminationGame(graph)
            let general = try EliminationGame(graph, scalarFastPath: false)
            #expect(!general.isScalar)
            var rng = SplitMix64(seed: 7)
            for _ in 0..<5 {
                let order = fast.eliminable.shuffled(using: &rng)
                #expect(try fast.cost(of: order) == general.cost(of: order), "\(graph.name)")
            }
        }
    }

    /// The optimized game against a direct transcription of the paper's rules, on random orders:
    /// step costs, the cost of every candidate before each step, and Markowitz degrees.
    @Test(arguments: names)
    func matchesReferenceGameOnRandomOrders(name: String) throws {
        let graph = try #require(TestVectors.graphs.first { $0.name == name })
        let game = try EliminationGame(graph)
        var rng = SplitMix64(seed: 2024)
        for round in 0..<10 {
            let order = game.eliminable.shuffled(using: &rng)
            var reference = ReferenceGame(graph)
            var state = game.start()
            for (i, v) in order.enumerated() {
                if round == 0 && i % 10 == 0 {
                    for u in order[i...] {
                        #expect(state.costOfEliminating(u) == Double(reference.cost(of: u)))
                        #expect(state.markowitzDegree(u) == reference.markowitzDegree(u))
                    }
                }
                #expect(state.eliminate(v) == Double(reference.eliminate(v)), "\(name) step \(i + 1), vertex \(v)")
            }
        }
    }
}
