import CrossCountry
import Testing
@testable import Agent

/// Players start after the dead vertices: orders stay complete, and no move is asked of the
/// network where nothing is left to decide.
@Suite struct DeadVertexPlayTests {
    @Test(arguments: [0, 4])
    func ordersBeginWithTheDeadVertices(search: Int) throws {
        let graph = TestGraphs.paper("Perceptron")
        let game = try EliminationGame(graph)
        let order = try Policy.untrained(settings: TrainingTests.tiny).order(for: graph, search: search)
        try game.validate(order)
        #expect(Array(order.prefix(3)) == [29, 30, 28])
        #expect(try game.cost(of: order).steps.prefix(3) == [0, 0, 0])
    }

    @Test(arguments: [0, 4])
    func aGraphWithOnlyDeadVerticesStillGetsItsWholeOrder(search: Int) throws {
        // x1→v3 (output); v1 (no in-edges)→v2→v3: v1 is dead, then v2.
        let unit = ShapePair(1, 1)
        func edge(_ s: Node, _ t: Int) -> Edge { Edge(source: s, target: t, type: .dense, targetShape: unit, sourceShape: unit) }
        let graph = try ComputationalGraph(
            name: "constant", inputs: [.init(name: "x1", shape: .scalar)],
            vertices: (1...3).map { _ in .init(op: "op", shape: .scalar) }, outputs: [3],
            edges: [edge(.input(1), 3), edge(.vertex(1), 2), edge(.vertex(2), 3)])
        #expect(try Policy.untrained(settings: TrainingTests.tiny).order(for: graph, search: search) == [1, 2])
    }
}
