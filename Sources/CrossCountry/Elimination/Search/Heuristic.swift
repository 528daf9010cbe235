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
        switch heuristic {
        case .forward: return forwardOrder
        case .reverse: return reverseOrder
        case .markowitz: return markowitzOrder(tieBreak: tieBreak)
        case .relativeMarkowitz: return greedyOrder(tieBreak: tieBreak) { $0.relativeMarkowitzDegree($1) }
        case .lowestFillIn: return greedyOrder(tieBreak: tieBreak) { $0.fillIn($1) }
        case .lowestCost: return greedyOrder(tieBreak: tieBreak) { $0.costOfEliminating($1) }
        case .singleUseThenForward: return singleUseFirst(then: forwardOrder)
        case .singleUseThenReverse: return singleUseFirst(then: reverseOrder)
        }
    }

    /// Pre-eliminates, in one descending sweep, every vertex that has exactly one successor when
    /// the sweep reaches it (in program order a vertex's successors come later, so by then its
    /// count is final), and appends the remaining vertices in `rest`'s order.
    func singleUseFirst(then rest: [Int]) -> [Int] {
        var state = start()
        for v in eliminable.reversed() where state.successorCount(v) == 1 { state.eliminate(v) }
        return state.eliminated + rest.filter { !state.isEliminated($0) }
    }

    /// Every heuristic (with both tie-breaks where they matter) and the cost of its order.
    public func heuristicOrders() -> [(heuristic: Heuristic, tieBreak: TieBreak, order: [Int], cost: Int)] {
        var results: [(Heuristic, TieBreak, [Int], Int)] = []
        for heuristic in Heuristic.allCases {
            for tieBreak in heuristic.usesTieBreak ? TieBreak.allCases : [.lowest] {
                let order = order(heuristic, tieBreak: tieBreak)
                results.append((heuristic, tieBreak, order, playedCost(order)))
            }
        }
        return results
    }
}
