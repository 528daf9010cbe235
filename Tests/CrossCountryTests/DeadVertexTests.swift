import CrossCountry
import Testing

/// Dead vertices (no in-edges or no out-edges): found as the edge lists say, free to eliminate,
/// and never dearer to take first.
@Suite struct DeadVertexTests {
    static func game(_ name: String) throws -> EliminationGame {
        try EliminationGame(try #require(TestVectors.graphs.first { $0.name == name }))
    }

    /// The eliminable vertices no edge enters or leaves, counted straight from the edge list.
    static func deadByEdgeList(_ graph: ComputationalGraph) -> [Int] {
        var inDegree = [Int](repeating: 0, count: graph.vertexCount + 1)
        var outDegree = inDegree
        for edge in graph.edges {
            inDegree[edge.target] += 1
            if case let .vertex(k) = edge.source { outDegree[k] += 1 }
        }
        return graph.eliminableVertices.filter { inDegree[$0] == 0 || outDegree[$0] == 0 }
    }

    @Test(arguments: PaperGraphs.names)
    func theStartingPositionKnowsItsDeadVertices(name: String) throws {
        let game = try Self.game(name)
        let start = game.start()
        #expect(game.eliminable.filter { start.isDead($0) } == Self.deadByEdgeList(game.graph))
    }

    @Test func perceptronsDeadVerticesAreTheStoppedMaximumAndWhatOnlyItRead() throws {
        // The softmax's maximum (29) is read only by stop_gradient (30), which has no in-edges;
        // once 29 is gone, 28, read only by it, has no out-edges.
        let game = try Self.game("Perceptron")
        let start = game.start()
        #expect((1...39).filter { start.isDead($0) } == [29, 30])
        #expect(game.startWithoutDeadVertices().eliminated == [29, 30, 28])
    }

    @Test(arguments: PaperGraphs.names)
    func takingTheDeadFirstNeverCostsMoreAndLeavesNoneBehind(name: String) throws {
        let game = try Self.game(name)
        var orders = [game.forwardOrder, game.reverseOrder, game.markowitzOrder()] + game.graph.publishedOrders.map(\.order)
        var random = SplitMix64(seed: 7)
        for _ in 0..<20 { orders.append(game.eliminable.shuffled(using: &random)) }
        let deadCount = game.startWithoutDeadVertices().eliminated.count
        for order in orders {
            let reordered = game.deadVerticesFirst(order)
            #expect(reordered.sorted() == order.sorted())
            let before = try game.cost(of: order), after = try game.cost(of: reordered)
            #expect(after.total <= before.total)
            #expect(after.steps.prefix(deadCount).allSatisfy { $0 == 0 })
            var state = game.startWithoutDeadVertices()
            for v in reordered.dropFirst(deadCount) {
                #expect(!game.eliminable.contains { state.isDead($0) })
                state.eliminate(v)
            }
        }
    }

    @Test func reverseModeOnPerceptronGetsCheaper() throws {
        let game = try Self.game("Perceptron")
        #expect(try game.cost(of: game.deadVerticesFirst(game.reverseOrder)).total < game.cost(of: game.reverseOrder).total)
    }

    @Test func deathSpreadsToWhatOnlyTheDeadFed() throws {
        // x1→v1→v4; v2 (a constant, no in-edges)→v3→v4; output v4. v3 dies once v2 is gone.
        let unit = ShapePair(1, 1)
        func edge(_ s: Node, _ t: Int) -> Edge { Edge(source: s, target: t, type: .dense, targetShape: unit, sourceShape: unit) }
        let graph = try ComputationalGraph(
            name: "constant", inputs: [.init(name: "x1", shape: .scalar)],
            vertices: (1...4).map { _ in .init(op: "op", shape: .scalar) }, outputs: [4],
            edges: [edge(.input(1), 1), edge(.vertex(1), 4), edge(.vertex(2), 3), edge(.vertex(3), 4)])
        let game = try EliminationGame(graph)
        #expect(game.start().isDead(3) == false)
        let state = game.startWithoutDeadVertices()
        #expect(state.eliminated == [2, 3])
        #expect(state.cost == 0)
        #expect(game.deadVerticesFirst([3, 1, 2]) == [2, 3, 1])
    }
}
