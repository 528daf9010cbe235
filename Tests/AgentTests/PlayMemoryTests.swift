@testable import Agent
import CrossCountry
import Testing

/// Policy-guided search and training estimate what they will hold before the first move and refuse
/// a graph that would pass their memory limit, instead of growing until the machine runs out.
struct PlayMemoryTests {
    /// The estimate of one evaluated position against what the network's buffers really hold after
    /// evaluating it: never below, and not far above (the n² attention scores dominate both).
    @Test(arguments: ["RoeFlux_3d", "Perceptron", "chain600"])
    func aPositionsEstimateBoundsTheWorkspace(graphName: String) throws {
        let graph = graphName == "chain600" ? try LargeGraphPolicyTests.chain(600) : TestGraphs.paper(graphName)
        let context = try GraphContext.make(graph)
        let policy = Policy.untrained()
        let evaluator = BatchEvaluator(members: policy.members, transform: policy.valueTransform)
        _ = evaluator.evaluate([(context.start(), context)])
        let tokens = evaluator.workspace.tokenCount
        #expect(tokens > 1 && tokens <= graph.vertexCount)
        let estimate = try #require(PlayMemory.position(tokens: tokens, policy.architecture))
        let held = evaluator.workspace.bytes
        #expect(held <= estimate, "\(held) bytes held, \(estimate) estimated")
        #expect(Double(held) >= 0.9 * Double(estimate), "\(held) bytes held, \(estimate) estimated")
    }

    @Test func aSearchTooLargeForTheLimitIsRefusedBeforeItsFirstMove() throws {
        // 12,000 vertices: each evaluation alone would hold 12,000² scores for each of 4 heads and 2 layers.
        let graph = try LargeGraphPolicyTests.chain(12_000)
        do {
            _ = try Policy.untrained().order(for: graph, search: 2)
            Issue.record("a search needing over 4 GB ran")
        } catch {
            guard case let .tooLarge(message) = error else { throw error }
            #expect(message.hasPrefix("policy-guided search on chain12000 would hold about "), "\(message)")
            #expect(message.contains("(the network attends over every pair of its 12000 vertices, the tree keeps 2 positions a move), "
                                     + "more than the memory limit of 4.0 GB (raise it with --max-memory, or max_memory: in a script); without search"),
                    "\(message)")
        }
        // The same graph greedily plays through its window of candidates (other tests play it through).
        #expect(PlayMemory.search(try GraphContext.make(graph), simulations: 2, games: 1, Policy.untrained().architecture)! > 4_000_000_000)
    }

    @Test func aTightLimitRefusesSearchAndTrainingOnAPaperGraph() throws {
        let graph = TestGraphs.paper("RoeFlux_1d")
        let policy = Policy.untrained()
        #expect(throws: AgentError.self) { try policy.order(for: graph, search: 4, maxMemory: 1_000_000) }
        _ = try policy.order(for: graph, search: 4)
        var settings = TrainingSettings()
        settings.maxMemory = 1_000_000
        do {
            _ = try train([graph], budget: .games(1), seed: 1, settings: settings)
            Issue.record("training past its memory limit started")
        } catch {
            guard case let .tooLarge(message) = error else { throw error }
            #expect(message.hasPrefix("training on RoeFlux_1d would hold about "), "\(message)")
            #expect(message.hasSuffix("more than the memory limit of 1 MB (raise it with --max-memory, or max_memory: in a script); train on smaller graphs of the same kind"), "\(message)")
        }
    }

    /// Every shipped graph trains under the default limit, with room to spare.
    @Test func paperGraphsTrainWellInsideTheDefaultLimit() throws {
        for name in PaperGraphs.names {
            let context = try GraphContext.make(TestGraphs.paper(name))
            let bytes = try #require(PlayMemory.training(context, TrainingSettings(), TrainingSettings().architecture))
            #expect(bytes < PlayMemory.defaultLimit / 4, "\(name): \(bytes) bytes")
        }
    }
}
