import CrossCountry
import Foundation

/// Finishes a game the way the baselines would — forward (ascending), reverse (descending), and
/// greedily by the heuristic a fresh policy starts from (least ½·log(1+cost) + ½·log(1+Markowitz
/// degree), ties to the lowest number) — and keeps the cheapest. Search mixes the remaining cost
/// into leaf values (as AlphaGo mixed rollouts with its value network): a leaf is worth at least
/// what the best baseline would finish it for. Every rollout is a complete order the run can keep.
final class BaselineRollout {
    private var scores: [Double] = []
    private var neighbours: [Int] = []

    /// Plays `state` to the end by the cheapest of the three completions and returns what its moves cost.
    func finish(_ state: inout EliminationState) -> Double {
        let start = state.cost
        var best = state
        greedy(&best)
        for descending in [false, true] {
            var candidate = state
            let game = state.game
            if descending {
                for v in game.eliminable.reversed() where candidate.canEliminate(v) { candidate.eliminate(v) }
            } else {
                for v in game.eliminable where candidate.canEliminate(v) { candidate.eliminate(v) }
            }
            if candidate.cost < best.cost { best = candidate }
        }
        state = best
        return state.cost - start
    }

    /// The greedy completion, updating only the scores of each eliminated vertex's neighbours.
    func greedy(_ state: inout EliminationState) {
        let game = state.game
        if scores.count != game.vertexCount + 1 { scores = [Double](repeating: .infinity, count: game.vertexCount + 1) }
        for v in 1...game.vertexCount { scores[v] = state.canEliminate(v) ? Self.score(state, v) : .infinity }
        while !state.isFinished {
            var best = 0, bestScore = Double.infinity
            for v in 1...game.vertexCount where scores[v] < bestScore {
                best = v
                bestScore = scores[v]
            }
            neighbours.removeAll(keepingCapacity: true)
            state.forEachNeighbour(of: best) { neighbours.append($0) }
            state.eliminate(best)
            scores[best] = .infinity
            for u in neighbours where state.canEliminate(u) { scores[u] = Self.score(state, u) }
        }
    }

    static func score(_ state: EliminationState, _ v: Int) -> Double {
        log1p(state.costOfEliminating(v)) + log1p(Double(state.markowitzDegree(v)))
    }
}
