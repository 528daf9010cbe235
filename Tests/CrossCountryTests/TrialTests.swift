@testable import CrossCountry
import Testing

/// Trials on a position (`startTrial`, `rollBack`): steps played in a trial cost what they cost
/// played plainly, and rolling back restores the position exactly — every word of its adjacency,
/// its records, attributes, tally, flags, order and cost — so that it plays on as if the trial had
/// never happened, at both representations, on scalar and tensor-typed graphs, under every kind of
/// cost model.
@Suite struct TrialTests {
    /// Whether two states of one game hold exactly the same data (storage the adjacency left
    /// unused included).
    static func identical(_ a: EliminationState, _ b: EliminationState) -> Bool {
        a.bits.records == b.bits.records && a.bits.predecessors == b.bits.predecessors && a.bits.successors == b.bits.successors
            && a.lists.inEdges.storage == b.lists.inEdges.storage && a.lists.inEdges.spans == b.lists.inEdges.spans
            && a.lists.successors.storage == b.lists.successors.storage && a.lists.successors.spans == b.lists.successors.spans
            && a.attributes.inEdges.storage == b.attributes.inEdges.storage && a.attributes.inEdges.spans == b.attributes.inEdges.spans
            && a.computed == b.computed && a.storage == b.storage && a.eliminatedFlags == b.eliminatedFlags && a.eliminated == b.eliminated && a.cost == b.cost
    }

    /// Along a random order: at random points a trial plays a random stretch of other moves, whose
    /// steps must cost what a fresh play of the same sequence charges, then rolls back.
    static func check(_ game: EliminationGame, seed: UInt64, label: String) {
        var rng = SplitMix64(seed: seed)
        let order = game.eliminable.shuffled(using: &rng)
        var state = game.start()
        for (position, v) in order.enumerated() {
            for _ in 0..<Int(rng.next() % 3) {
                let before = state
                var tried = Array(order[position...]).shuffled(using: &rng)
                tried.removeLast(Int(rng.next() % UInt64(tried.count)))
                var oracle = game.start()
                for u in order[..<position] { oracle.eliminate(u) }
                state.startTrial()
                for u in tried { #expect(state.eliminate(u) == oracle.eliminate(u), "\(label): trial step v\(u)") }
                #expect(state.cost == oracle.cost, "\(label)")
                state.rollBack()
                let restored = identical(state, before)
                #expect(restored, "\(label): rolled back at position \(position)")
            }
            state.eliminate(v)
        }
        #expect(state.cost == game.playedCost(order), "\(label)")
    }

    @Test(arguments: [EliminationGame.Adjacency.lists, .bitsets])
    func randomGraphs(adjacency: EliminationGame.Adjacency) throws {
        for seed in 0..<UInt64(RandomGraphs.count(60)) {
            let graph = RandomGraphs.make(seed: 40_000 + seed, eliminable: 4 + Int(seed % 12), tensor: seed % 2 == 1)
            for (name, model) in PositionModels.named {
                let game = try EliminationGame(graph, model: model, adjacency: adjacency)
                Self.check(game, seed: seed, label: "seed \(seed), \(adjacency), \(name)")
            }
            // A structured game played through the general record path on a scalar graph too.
            if seed % 2 == 0 {
                let game = try EliminationGame(graph, scalarFastPath: false, adjacency: adjacency)
                Self.check(game, seed: seed, label: "seed \(seed), \(adjacency), records")
            }
        }
    }

    /// A model that follows attributes of its own keeps them in a second adjacency, which rolls back
    /// too, and `code` the values its position has computed, which roll back with them.
    @Test(arguments: [EliminationGame.Adjacency.lists, .bitsets])
    func attributes(adjacency: EliminationGame.Adjacency) throws {
        for seed in 0..<UInt64(RandomGraphs.count(20)) {
            var generator = RandomPrograms(seed: 41_000 + seed)
            let g = generator.make(scalarOnly: seed % 2 == 0).graph
            for model in [CostModel.exact, .code] {
                let game = try EliminationGame(g, model: model, adjacency: adjacency)
                Self.check(game, seed: seed, label: "seed \(seed), \(adjacency), \(model.name)")
            }
        }
    }
}
