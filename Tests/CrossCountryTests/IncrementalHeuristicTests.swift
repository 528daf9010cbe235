@testable import CrossCountry
import Testing

/// The two adjacency forms of the game and the incremental heuristics against each other and
/// against independent oracles on random graphs, scalar and tensor-typed: bitsets and lists give
/// the same order and per-step costs for every heuristic, that order equals the order of
/// re-scoring every remaining vertex after every step (the definition), and the per-step costs
/// equal the paper's rules transcribed plainly (`ReferenceGame`).
struct IncrementalHeuristicTests {
    /// The greedy order by definition: score every remaining vertex, take the lowest.
    static func rescanned(_ game: EliminationGame, _ tieBreak: TieBreak, _ score: (EliminationState, Int) -> Int) -> [Int] {
        var state = game.start()
        while !state.isFinished {
            var best = 0, bestScore = Int.max
            for v in game.eliminable where !state.isEliminated(v) {
                let s = score(state, v)
                if s < bestScore || (s == bestScore && tieBreak == .highest) {
                    best = v
                    bestScore = s
                }
            }
            state.eliminate(best)
        }
        return state.eliminated
    }

    static func score(_ heuristic: Heuristic) -> ((EliminationState, Int) -> Int)? {
        switch heuristic {
        case .markowitz: return { $0.markowitzDegree($1) }
        case .relativeMarkowitz: return { $0.relativeMarkowitzDegree($1) }
        case .lowestFillIn: return { $0.fillIn($1) }
        case .lowestCost: return { Int($0.costOfEliminating($1)) }
        default: return nil
        }
    }

    @Test(arguments: [false, true])
    func everyOrderMatchesTheOracles(tensor: Bool) throws {
        for seed in 0..<UInt64(RandomGraphs.count(500)) {
            let graph = RandomGraphs.make(seed: 90_000 + seed, eliminable: 3 + Int(seed % 28), tensor: tensor)
            let game = try EliminationGame(graph, adjacency: .lists)
            let bitsets = try EliminationGame(graph, adjacency: .bitsets)
            #expect(!game.usesBitsets && bitsets.usesBitsets)
            for ((heuristic, tieBreak, order, cost), other) in zip(game.heuristicOrders(), bitsets.heuristicOrders()) {
                let label = "seed \(seed) \(heuristic) \(tieBreak)"
                #expect(order == other.order && cost == other.cost, "\(label)")
                if let score = Self.score(heuristic) {
                    #expect(order == Self.rescanned(game, tieBreak, score), "\(label)")
                }
                var reference = ReferenceGame(graph)
                let steps = try game.cost(of: order).steps
                #expect(steps == order.map { Double(reference.eliminate($0)) }, "\(label)")
                #expect(steps == (try bitsets.cost(of: order).steps), "\(label)")
                #expect(steps.reduce(0, +) == cost)
            }
        }
    }

    /// Copies and resets: a position assigned from another, or reset and re-played, continues
    /// exactly as the original does, however much its lists have grown and moved.
    @Test(arguments: [EliminationGame.Adjacency.lists, .bitsets])
    func assignedAndResetStatesPlayOnIdentically(adjacency: EliminationGame.Adjacency) throws {
        for seed in 0..<UInt64(50) {
            let game = try EliminationGame(RandomGraphs.make(seed: 7_000 + seed, eliminable: 25, tensor: seed % 2 == 0),
                                           adjacency: adjacency)
            var rng = SplitMix64(seed: seed)
            let order = game.eliminable.shuffled(using: &rng)
            var original = game.start(), copy = game.start()
            for v in order.prefix(order.count / 2) { original.eliminate(v) }
            for v in order.suffix(3) { copy.eliminate(v) }
            copy.assign(from: original)
            var replayed = game.start()
            for v in order.prefix(5) { replayed.eliminate(v) }
            replayed.reset()
            for v in order.prefix(order.count / 2) { replayed.eliminate(v) }
            for v in order.dropFirst(order.count / 2) {
                let step = original.eliminate(v)
                #expect(copy.eliminate(v) == step)
                #expect(replayed.eliminate(v) == step)
            }
            #expect(copy.hasSameRecords(as: original) && replayed.hasSameRecords(as: original))
        }
    }
}

/// `RankedVertices.first(k)` along a random game: always the k remaining vertices of lowest
/// score, ties to the lowest (or highest) number, as sorting every remaining vertex by its current
/// score gives.
struct RankedVerticesTests {
    @Test func theFirstFewAreTheLowestScoredAtEveryStep() throws {
        for seed in 0..<UInt64(40) {
            let game = try EliminationGame(RandomGraphs.make(seed: 5_000 + seed, eliminable: 30, tensor: seed % 2 == 1))
            let score: (EliminationState, Int) -> Double = { $0.costOfEliminating($1) * 7 + Double($0.markowitzDegree($1)) }
            var state = game.start()
            // Integer-valued scores tie often, so both tie rules are exercised.
            let highest = seed % 3 == 0, count = [1, 5, 12, 64][Int(seed % 4)]
            var ranked = RankedVertices(state, tieBreak: highest ? .highest : .lowest, score: score)
            var rng = SplitMix64(seed: seed)
            while !state.isFinished {
                let expected = state.remaining.sorted {
                    (score(state, $0), highest ? -$0 : $0) < (score(state, $1), highest ? -$1 : $1)
                }
                #expect(ranked.first(count) == Array(expected.prefix(count)), "seed \(seed)")
                ranked.eliminate(expected[Int(rng.next() % UInt64(expected.count))], in: &state, score: score)
            }
            #expect(ranked.first == nil)
        }
    }
}
