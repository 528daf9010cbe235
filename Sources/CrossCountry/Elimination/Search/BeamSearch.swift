/// Beam search over positions (the pilot method): every step keeps the `width` most promising
/// positions, where a position's promise is the cost of finishing it with a heuristic (the
/// rollout, typically the best heuristic on this graph). Each kept position is extended by its
/// `branching` cheapest moves (ranked by step cost, then Markowitz degree); duplicate positions
/// keep their cheapest path. Every rollout is a complete order, and the best one is kept, so the
/// result is never worse than the rollout heuristic itself.
struct BeamSearch {
    struct Candidate {
        var state: EliminationState
        /// The cost of the rollout from this position.
        var score: Double
        var rollout: [Int]
    }

    let game: EliminationGame
    let width: Int
    let branching: Int
    let rollout: Heuristic
    let tieBreak: TieBreak

    init(game: EliminationGame, width: Int, branching: Int = 6, rollout: Heuristic, tieBreak: TieBreak) {
        self.game = game
        self.width = max(1, width)
        self.branching = max(1, branching)
        self.rollout = rollout
        self.tieBreak = tieBreak
    }

    /// Runs the beam to the end on `threads` threads; nil when `shouldStop` cut it short.
    func run(threads: Int, shouldStop: () -> Bool) -> (order: [Int], cost: Double)? {
        var beam = [candidate(game.start())]
        var best = (order: beam[0].rollout, cost: beam[0].score)
        for _ in game.eliminable {
            if shouldStop() { return nil }
            // Each thread extends a share of the beam.
            let shareCount = max(1, min(threads, beam.count))
            var shares = (0..<shareCount).map { _ in [Candidate]() }
            let parents = beam
            Parallel.forEach(&shares) { t, children in
                for p in stride(from: t, to: parents.count, by: shareCount) {
                    children += extend(parents[p].state)
                }
            }
            beam = select(shares.flatMap { $0 })
            if let leader = beam.first, leader.score < best.cost { best = (leader.rollout, leader.score) }
        }
        return best
    }

    private func candidate(_ state: EliminationState) -> Candidate {
        var finished = state
        game.complete(&finished, with: rollout, tieBreak: tieBreak)
        return Candidate(state: state, score: finished.cost, rollout: finished.eliminated)
    }

    /// The children of one position through its `branching` most promising moves.
    private func extend(_ state: EliminationState) -> [Candidate] {
        var moves: [(step: Double, degree: Int, v: Int)] = []
        for v in game.eliminable where !state.isEliminated(v) {
            moves.append((state.costOfEliminating(v), state.markowitzDegree(v), v))
        }
        moves.sort { ($0.step, $0.degree, $0.v) < ($1.step, $1.degree, $1.v) }
        return moves.prefix(branching).map { move in
            var child = state
            child.eliminate(move.v)
            return candidate(child)
        }
    }

    /// The `width` best distinct positions, ties broken by the order they were made in.
    private func select(_ children: [Candidate]) -> [Candidate] {
        let ranked = children.indices.sorted { (children[$0].score, $0) < (children[$1].score, $1) }
        var kept: [Candidate] = []
        var seen = Set<PositionKey>()
        for i in ranked where kept.count < width {
            if seen.insert(children[i].state.positionKey).inserted { kept.append(children[i]) }
        }
        return kept
    }
}
