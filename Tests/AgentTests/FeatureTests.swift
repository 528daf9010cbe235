@testable import Agent
import CrossCountry
import Testing

/// What the network sees of a position.
@Suite struct FeatureTests {
    @Test func tokensAreTheLiveVerticesWithSaneFeatures() throws {
        let game = try EliminationGame(TestGraphs.paper("RoeFlux_3d"))
        let context = try GraphContext.make(game.graph)
        #expect(context.scale == 956)
        var state = game.start()
        for v in game.markowitzOrder().prefix(40) { state.eliminate(v) }
        let encoder = FeatureEncoder()
        let n = encoder.tokens(state, context)
        #expect(n == game.eliminable.count - 40 + game.graph.outputs.filter { !game.eliminable.contains($0) }.count)
        #expect(!encoder.vertices.contains { state.isEliminated($0) })
        #expect(zip(encoder.vertices, encoder.legal).allSatisfy { state.canEliminate($0) == $1 })
        let f = VertexFeatures.count
        var x = [Float](repeating: .nan, count: n * f)
        x.withUnsafeMutableBufferPointer { encoder.encode(state, context, into: $0.baseAddress!) }
        typealias S = VertexFeatures.Slot
        var cheapest = 0
        for t in 0..<n {
            let row = Array(x[(t * f)..<((t + 1) * f)])
            #expect(row.allSatisfy { $0.isFinite && abs($0) <= 3 }, "token \(t)")
            if state.predecessorCount(encoder.vertices[t]) > 0 {
                #expect(abs(row[S.inTypes..<S.outTypes].reduce(0, +) - 1) < 1e-5)
            }
            if encoder.legal[t] && row[S.relativeCost] == 0 { cheapest += 1 }
            if !encoder.legal[t] { #expect(row[S.cost] == 0 && row[S.legal] == 0) }
        }
        #expect(cheapest >= 1)
    }

    @Test(arguments: ["RoeFlux_1d", "f", "Encoder"])
    func edgeTypesAgreeWithTheLiveEdges(_ name: String) throws {
        let game = try EliminationGame(TestGraphs.paper(name))
        var state = game.start()
        for v in game.markowitzOrder().prefix(game.eliminable.count / 2) { state.eliminate(v) }
        for v in state.remaining {
            var incoming: [SparsityType] = [], outgoing: [SparsityType] = []
            state.forEachEdgeType(of: v, incoming: true) { incoming.append($0) }
            state.forEachEdgeType(of: v, incoming: false) { outgoing.append($0) }
            #expect(incoming == state.inEdges(of: v).map(\.type), "v\(v)")
            #expect(outgoing == state.outEdges(of: v).map(\.type), "v\(v)")
            #expect(incoming.count == state.predecessorCount(v) && !incoming.contains(.none))
            var neighbours: [Int] = []
            state.forEachNeighbour(of: v) { neighbours.append($0) }
            let expected = (state.inEdges(of: v).map(\.source) + state.outEdges(of: v).map(\.target)).compactMap { node -> Int? in
                if case let .vertex(k) = node { return k }
                return nil
            }
            #expect(neighbours == expected)
        }
    }

    @Test func positionKeysDependOnTheSetEliminatedNotItsOrder() throws {
        let game = try EliminationGame(TestGraphs.paper("RoeFlux_1d"))
        let context = try GraphContext.make(game.graph)
        let order = game.markowitzOrder()
        var a = game.start(), b = game.start()
        for v in order.prefix(10) { a.eliminate(v) }
        for v in order.prefix(10).reversed() where b.canEliminate(v) { b.eliminate(v) }
        #expect(Set(a.eliminated) == Set(b.eliminated) && a.eliminated != b.eliminated)
        #expect(context.key(a) == context.key(b))
        a.eliminate(order[10])
        #expect(context.key(a) != context.key(b))
        #expect(context.key(game.start()) == 0)
    }

    @Test func untrainedGreedyPolicyPlaysMarkowitzOnScalarGraphs() throws {
        // A fresh network's logits come from the wide prior alone: on scalar graphs, minimal Markowitz.
        let graph = TestGraphs.paper("PropaneCombustion")
        let order = try Policy.untrained(seed: 5).order(for: graph)
        #expect(order == (try EliminationGame(graph)).markowitzOrder())
    }
}
