@testable import CrossCountry
import Testing

/// Costing a changed order from snapshots (and stopping once the re-play rejoins the old one)
/// gives exactly the cost of playing the whole order, on scalar and structured graphs.
@Suite struct SnapshotTrailTests {
    static func check(_ game: EliminationGame, seed: UInt64, moves: Int) {
        var rng = SplitMix64(seed: seed)
        var order = game.eliminable.shuffled(using: &rng)
        var trail = SnapshotTrail(game: game, order: order, interval: 1 + Int(seed % 4))!
        #expect(trail.cost == game.playedCost(order))
        let n = order.count
        for _ in 0..<moves {
            var candidate = order
            let i = Int(rng.next() % UInt64(n)), j = Int(rng.next() % UInt64(n))
            if rng.next() & 1 == 0 { candidate.swapAt(i, j) } else { candidate.insert(candidate.remove(at: i), at: j) }
            let truth = game.playedCost(candidate)
            #expect(trail.evaluate(candidate, changedFrom: min(i, j), through: max(i, j), limit: .infinity) == truth)
            if truth > 0 {
                #expect(trail.evaluate(candidate, changedFrom: min(i, j), through: max(i, j), limit: truth - 1) == nil)
            }
            if rng.next() % 3 == 0 {
                trail.replace(with: candidate, changedFrom: min(i, j), through: max(i, j))
                order = candidate
                #expect(trail.order == order)
                #expect(trail.cost == truth)
            }
        }
    }

    @Test(arguments: ["RoeFlux_1d", "RoeFlux_3d", "Encoder", "BlackScholes_Jacobian"])
    func paperGraphs(name: String) throws {
        let game = try EliminationGame(try #require(TestVectors.graphs.first { $0.name == name }))
        Self.check(game, seed: UInt64(name.count), moves: 60)
    }

    /// Under `memory` a re-play may rejoin a stored position with another peak (its total is then
    /// worked out from the peaks), and under a function model it rejoins as under `paper`.
    @Test(arguments: ["RoeFlux_1d", "Encoder", "BlackScholes_Jacobian"])
    func otherModels(name: String) throws {
        let graph = try #require(TestVectors.graphs.first { $0.name == name })
        let touched = CostModel.function("touched", EdgeCostFunction { Double($0.inCount + $0.outCount) })
        for model in [CostModel.memory, touched] {
            Self.check(try EliminationGame(graph, model: model), seed: UInt64(name.count), moves: 60)
        }
        for seed in UInt64(1)...30 {
            Self.check(try EliminationGame(RandomGraphs.make(seed: seed, eliminable: 4 + Int(seed % 6), tensor: true), model: .memory),
                       seed: seed, moves: 30)
        }
    }

    @Test func randomTensorGraphs() throws {
        for seed in UInt64(1)...40 {
            let game = try EliminationGame(RandomGraphs.make(seed: seed, eliminable: 4 + Int(seed % 6), tensor: true))
            Self.check(game, seed: seed, moves: 30)
        }
    }
}
