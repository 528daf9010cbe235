@testable import CrossCountry
import Testing

/// The sweeping chain prices a rearranged window on its base position exactly as a full play of
/// the changed order costs it (the oracle), on scalar and structured graphs and under models whose
/// tail can change after the window (`memory`'s peak, records, attributes) — and turns the move
/// down exactly when the two orders' positions after the window differ; its annealing keeps its
/// current and best orders' costs equal to their plays.
@Suite struct SweepingChainTests {
    static func check(_ game: EliminationGame, seed: UInt64, moves: Int, label: String) {
        var rng = SplitMix64(seed: seed)
        let order = game.eliminable.shuffled(using: &rng)
        let n = order.count
        guard n >= 2 else { return }
        var chain = SweepingChain(game: game, start: order, cost: game.playedCost(order), seed: seed, window: 1 + Int(seed % 6), effort: 4)
        for _ in 0..<moves {
            chain.restart(from: order, cost: game.playedCost(order))
            for _ in 0..<Int(rng.next() % UInt64(n - 1)) { chain.advance() }
            let b = chain.baseIndex, q = b + Int(rng.next() % UInt64(n - b))
            let window = Array(order[b...q]).shuffled(using: &rng)
            var candidate = order
            candidate.replaceSubrange(b...q, with: window)
            let truth = game.playedCost(candidate)
            // The oracle for the positions after the window: both orders' prefixes played whole.
            var old = game.start(), new = game.start()
            for k in 0...q {
                old.eliminate(order[k])
                new.eliminate(candidate[k])
            }
            let rejoins = old.storage == new.storage && old.hasSameRecords(as: new)
            #expect(chain.price(window, limit: .infinity) == (rejoins ? truth : nil), "\(label): window \(b)…\(q)")
            #expect(chain.price(window, limit: truth - 0.5) == nil, "\(label): window \(b)…\(q) under its cost")
        }
        // Annealing from the start: the costs it tracks by windows are its orders' costs.
        chain.restart(from: order, cost: game.playedCost(order))
        chain.run(hot: 4, cold: 0.1) { false }
        #expect(chain.completedLastRun && chain.moves > 0, "\(label)")
        #expect(chain.cost == game.playedCost(chain.order), "\(label)")
        #expect(chain.bestCost == game.playedCost(chain.best) && chain.bestCost <= game.playedCost(order), "\(label)")
        #expect(chain.order.sorted() == game.eliminable && chain.best.sorted() == game.eliminable, "\(label)")
    }

    @Test(arguments: [EliminationGame.Adjacency.lists, .bitsets])
    func randomGraphs(adjacency: EliminationGame.Adjacency) throws {
        for seed in 0..<UInt64(RandomGraphs.count(40)) {
            let graph = RandomGraphs.make(seed: 50_000 + seed, eliminable: 4 + Int(seed % 10), tensor: seed % 2 == 1)
            for (name, model) in PositionModels.named {
                let game = try EliminationGame(graph, model: model, adjacency: adjacency)
                Self.check(game, seed: seed, moves: 20, label: "seed \(seed), \(adjacency), \(name)")
            }
        }
    }

    @Test func attributes() throws {
        for seed in 0..<UInt64(RandomGraphs.count(15)) {
            var generator = RandomPrograms(seed: 51_000 + seed)
            let game = try EliminationGame(generator.make().graph, model: .exact, adjacency: .lists)
            Self.check(game, seed: seed, moves: 20, label: "seed \(seed), exact")
        }
    }

    @Test(arguments: ["RoeFlux_3d", "Encoder", "BlackScholes_Jacobian"])
    func paperGraphs(name: String) throws {
        let game = try EliminationGame(try #require(TestVectors.graphs.first { $0.name == name }), adjacency: .lists)
        Self.check(game, seed: UInt64(name.count), moves: 40, label: name)
    }
}
