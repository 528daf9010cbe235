/// A rule that builds one elimination order without search: a fixed sweep, a greedy score
/// recomputed after every step, or the classical pre-elimination scheme.
public enum Heuristic: String, CaseIterable, Sendable {
    /// Ascending vertex numbers (forward mode).
    case forward
    /// Descending vertex numbers (reverse mode).
    case reverse
    /// Lowest sparsity-aware Markowitz degree (the paper's baseline with lowest-index ties).
    case markowitz
    /// Lowest relative Markowitz degree, R·C − R − C.
    case relativeMarkowitz = "relative-markowitz"
    /// Fewest new edges.
    case lowestFillIn = "fill-in"
    /// Lowest cost of the elimination itself.
    case lowestCost = "lowest-cost"
    /// Every single-use vertex (exactly one successor) in descending order, then the rest forward.
    case singleUseThenForward = "single-use-forward"
    /// Every single-use vertex in descending order, then the rest in reverse.
    case singleUseThenReverse = "single-use-reverse"

    /// Whether the tie-breaking rule changes this heuristic's order.
    public var usesTieBreak: Bool {
        switch self {
        case .forward, .reverse, .singleUseThenForward, .singleUseThenReverse: return false
        default: return true
        }
    }
}

extension EliminationGame {
    /// The order a heuristic builds on this graph.
    public func order(_ heuristic: Heuristic, tieBreak: TieBreak = .lowest) -> [Int] {
        var state = start()
        complete(&state, with: heuristic, tieBreak: tieBreak)
        return state.eliminated
    }

    /// Finishes a position the way a heuristic would: sweeps take the remaining vertices in their
    /// order, greedy rules pick by their score. Returns false when `shouldStop` (asked every 1,024
    /// steps) cut it short.
    @discardableResult
    public func complete(_ state: inout EliminationState, with heuristic: Heuristic, tieBreak: TieBreak = .lowest,
                         shouldStop: () -> Bool = { false }) -> Bool {
        switch heuristic {
        case .forward: return sweep(&state, eliminable, shouldStop: shouldStop)
        case .reverse: return sweep(&state, eliminable.reversed(), shouldStop: shouldStop)
        case .markowitz: return greedyComplete(&state, tieBreak: tieBreak, shouldStop: shouldStop) { $0.markowitzDegree($1) }
        case .relativeMarkowitz:
            return greedyComplete(&state, tieBreak: tieBreak, shouldStop: shouldStop) { $0.relativeMarkowitzDegree($1) }
        case .lowestFillIn:
            return greedyComplete(&state, tieBreak: tieBreak, reach: .neighbourEdges, shouldStop: shouldStop) { $0.fillIn($1) }
        case .lowestCost:
            return greedyComplete(&state, tieBreak: tieBreak, reach: model.reach, shouldStop: shouldStop) { $0.costOfEliminating($1) }
        case .singleUseThenForward:
            eliminateSingleUse(&state)
            return complete(&state, with: .forward, shouldStop: shouldStop)
        case .singleUseThenReverse:
            eliminateSingleUse(&state)
            return complete(&state, with: .reverse, shouldStop: shouldStop)
        }
    }

    /// Eliminates the remaining vertices of `order` in turn.
    private func sweep<S: Sequence<Int>>(_ state: inout EliminationState, _ order: S, shouldStop: () -> Bool) -> Bool {
        for (i, v) in order.enumerated() where !state.isEliminated(v) {
            if i & 1023 == 1023 && shouldStop() { return false }
            state.eliminate(v)
        }
        return true
    }

    /// Eliminates, in one descending sweep, every remaining vertex that has exactly one successor
    /// when the sweep reaches it (in program order a vertex's successors come later, so by then its
    /// count is final).
    func eliminateSingleUse(_ state: inout EliminationState) {
        for v in eliminable.reversed() where !state.isEliminated(v) && state.successorCount(v) == 1 { state.eliminate(v) }
    }

    /// Every heuristic (with both tie-breaks where they matter) and the cost of its order — those
    /// that finished before `shouldStop` said so.
    public func heuristicOrders(shouldStop: () -> Bool = { false }) -> [(heuristic: Heuristic, tieBreak: TieBreak, order: [Int], cost: Double)] {
        var results: [(Heuristic, TieBreak, [Int], Double)] = []
        var state = start()
        for heuristic in Heuristic.allCases {
            for tieBreak in heuristic.usesTieBreak ? TieBreak.allCases : [.lowest] {
                state.reset()
                guard complete(&state, with: heuristic, tieBreak: tieBreak, shouldStop: shouldStop) else { return results }
                results.append((heuristic, tieBreak, state.eliminated, state.cost))
            }
        }
        return results
    }
}
