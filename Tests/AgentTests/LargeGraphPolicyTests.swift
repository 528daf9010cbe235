@testable import Agent
import CrossCountry
import Testing

/// A policy on a graph above `GraphContext.windowThreshold` eliminable vertices: the network
/// chooses among the greedy prior's first candidates, plays a complete valid order, reports its
/// progress and stops on a raised flag; paper-sized graphs keep seeing every live vertex.
struct LargeGraphPolicyTests {
    /// A scalar chain of `length` vertices, each fed by the previous one and the input.
    static func chain(_ length: Int) throws -> ComputationalGraph {
        let vertices = (0..<length).map { _ in ComputationalGraph.Vertex(op: "op", shape: .scalar) }
        var edges = [Edge(source: .input(1), target: 1, type: .dense, targetShape: ShapePair(1, 1), sourceShape: ShapePair(1, 1))]
        for k in 2...length {
            edges.append(Edge(source: .vertex(k - 1), target: k, type: .dense, targetShape: ShapePair(1, 1), sourceShape: ShapePair(1, 1)))
            if k % 3 == 0 { edges.append(Edge(source: .input(1), target: k, type: .dense, targetShape: ShapePair(1, 1), sourceShape: ShapePair(1, 1))) }
        }
        return try ComputationalGraph(name: "chain\(length)", inputs: [.init(name: "x", shape: .scalar)], vertices: vertices,
                                      outputs: [length], edges: edges)
    }

    @Test func largeGraphsPlayThroughAWindowOfCandidates() throws {
        let graph = try Self.chain(800)
        let context = try GraphContext.make(graph)
        #expect(context.window == GraphContext.windowSize)
        #expect(try GraphContext.make(TestGraphs.paper("RoeFlux_3d")).window == nil)
        let policy = Policy.untrained()
        var reports: [(Int, Int)] = []
        let order = try policy.order(for: graph) { reports.append(($0, $1)) }
        let game = try EliminationGame(graph)
        try game.validate(order)
        #expect(reports.last.map { $0.0 == $0.1 } == true)
        #expect(reports.count >= 799)
    }

    @Test func aRaisedFlagInterruptsTheGreedyGames() throws {
        let stop = StopFlag()
        stop.raise()
        #expect(throws: AgentError.interrupted("applying the policy to chain800")) {
            try Policy.untrained().order(for: try Self.chain(800), stop: stop)
        }
    }
}
