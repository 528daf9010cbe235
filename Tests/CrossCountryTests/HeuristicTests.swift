import CrossCountry
import Testing

/// The heuristic orders: figures the paper reports for two of them, and hand-checked scores.
@Suite struct HeuristicTests {
    static func game(_ name: String) throws -> EliminationGame {
        try EliminationGame(try #require(TestVectors.graphs.first { $0.name == name }))
    }

    /// alphagrad.md §4.3: greedy lowest immediate cost, lowest-index ties.
    @Test(arguments: [("f", 8845), ("Encoder", 11880), ("Perceptron", 494), ("RoeFlux_3d", 1050), ("BlackScholes_Jacobian", 350)])
    func lowestCostMatchesThePaper(name: String, cost: Int) throws {
        let game = try Self.game(name)
        #expect(try game.cost(of: game.order(.lowestCost)).total == Double(cost))
    }

    /// alphagrad.md §4.3 and the issue: Markowitz with highest-index ties.
    @Test(arguments: [("RoeFlux_3d", 857), ("Encoder", 37828), ("Perceptron", 2440), ("RobotArm_6DOF", 221)])
    func markowitzHighestTiesMatchesThePaper(name: String, cost: Int) throws {
        let game = try Self.game(name)
        #expect(try game.cost(of: game.order(.markowitz, tieBreak: .highest)).total == Double(cost))
    }

    @Test(arguments: PaperGraphs.names)
    func everyHeuristicGivesAValidOrder(name: String) throws {
        let game = try Self.game(name)
        let results = game.heuristicOrders()
        #expect(results.count == 12)
        for result in results {
            #expect(try game.cost(of: result.order).total == result.cost, "\(result.heuristic)")
        }
        #expect(game.order(.forward) == game.forwardOrder)
        #expect(game.order(.reverse) == game.reverseOrder)
        #expect(game.order(.markowitz) == game.markowitzOrder())
    }

    /// x1→v1, x2→v1, x1→v2, v1→v2, v1→v3, v2→v4, v3→v4; output v4.
    static func diamond() throws -> EliminationGame {
        let unit = ShapePair(1, 1)
        func edge(_ s: Node, _ t: Int) -> Edge { Edge(source: s, target: t, type: .dense, targetShape: unit, sourceShape: unit) }
        let graph = try ComputationalGraph(
            name: "diamond", inputs: [.init(name: "x1", shape: .scalar), .init(name: "x2", shape: .scalar)],
            vertices: (1...4).map { _ in .init(op: "op", shape: .scalar) }, outputs: [4],
            edges: [edge(.input(1), 1), edge(.input(2), 1), edge(.input(1), 2), edge(.vertex(1), 2), edge(.vertex(1), 3),
                    edge(.vertex(2), 4), edge(.vertex(3), 4)])
        return try EliminationGame(graph)
    }

    @Test func scoresOnAHandCheckedGraph() throws {
        let state = try Self.diamond().start()
        // v1: predecessors x1, x2; successors v2, v3; x1→v2 exists, so 3 new edges.
        #expect(state.fillIn(1) == 3)
        #expect(state.markowitzDegree(1) == 4)
        #expect(state.relativeMarkowitzDegree(1) == 0)
        #expect(state.costOfEliminating(1) == 4)
        // v2: predecessors x1, v1; successor v4: both edges new.
        #expect(state.fillIn(2) == 2)
        #expect(state.relativeMarkowitzDegree(2) == 2 - 2 - 1)
        #expect(state.successorCount(1) == 2 && state.predecessorCount(2) == 2)
    }

    @Test func singleUseVerticesGoFirstInDescendingOrder() throws {
        // x1→v1; v1→v2, v1→v3; v2→v4; v3→v4, v3→v5; outputs v4, v5. Only v2 is used once; after it
        // goes, v1 still feeds v3 and v4.
        let unit = ShapePair(1, 1)
        func edge(_ s: Node, _ t: Int) -> Edge { Edge(source: s, target: t, type: .dense, targetShape: unit, sourceShape: unit) }
        let graph = try ComputationalGraph(
            name: "fan", inputs: [.init(name: "x1", shape: .scalar)],
            vertices: (1...5).map { _ in .init(op: "op", shape: .scalar) }, outputs: [4, 5],
            edges: [edge(.input(1), 1), edge(.vertex(1), 2), edge(.vertex(1), 3), edge(.vertex(2), 4),
                    edge(.vertex(3), 4), edge(.vertex(3), 5)])
        let game = try EliminationGame(graph)
        #expect(game.order(.singleUseThenForward) == [2, 1, 3])
        #expect(game.order(.singleUseThenReverse) == [2, 3, 1])
        // On the diamond every vertex becomes single-use as the sweep goes down.
        #expect(try Self.diamond().order(.singleUseThenReverse) == [3, 2, 1])
    }
}
