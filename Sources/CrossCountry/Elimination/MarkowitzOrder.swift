extension EliminationState {
    /// The sparsity-aware Markowitz degree of vertex v in this position, as the paper defines it:
    /// R·C, where R sums a weight over v's out-edges and C over its in-edges. A dense edge weighs the
    /// size of v; an elementwise or mixed edge (types 6, 7, 8) weighs 1; types −1, 0, 3, 4 weigh the
    /// edge's first target extent and every other type its second. A degree past `Int.max` (vectors
    /// of 10⁹ entries on both sides of v) saturates there: it still ranks last.
    public func markowitzDegree(_ v: Int) -> Int {
        let (rows, columns) = markowitzFactors(v)
        return Self.markowitzDegree(rows: rows, columns: columns)
    }

    /// R·C, or `Int.max` when the product overflows.
    static func markowitzDegree(rows: Int, columns: Int) -> Int {
        let (degree, overflow) = rows.multipliedReportingOverflow(by: columns)
        return overflow ? .max : degree
    }

    /// The two factors of the Markowitz degree: R (out-edges) and C (in-edges).
    public func markowitzFactors(_ v: Int) -> (rows: Int, columns: Int) {
        let vi = v - 1
        if game.isScalar { return (successorCount(ofIndex: vi), predecessorCount(ofIndex: vi)) }
        let game = self.game, I = game.inputCount
        var rows = 0, columns = 0
        forEachSuccessorNode(ofIndex: vi) { wn in
            let record = record(from: I + vi, into: wn - I)
            rows += game.markowitzWeight(record, dense: game.shapes[Int(record >> 20)])
        }
        forEachInEdge(ofIndex: vi) { _, record in
            columns += game.markowitzWeight(record, dense: game.shapes[Int((record >> 8) & 0xFFF)])
        }
        return (rows, columns)
    }
}

extension EliminationGame {
    @inline(__always)
    func markowitzWeight(_ record: UInt32, dense: ShapePair) -> Int {
        let target = shapes[Int((record >> 8) & 0xFFF)]
        switch Int(record & 31) - 10 {
        case 1: return dense.first * dense.second
        case 6, 7, 8: return 1
        case -1, 0, 3, 4: return target.first
        default: return target.second
        }
    }

    /// The minimal-Markowitz order: repeatedly eliminate the vertex of smallest current degree,
    /// recomputed after every step, ties going to the lowest (or highest) vertex number.
    public func markowitzOrder(tieBreak: TieBreak = .lowest) -> [Int] {
        greedyOrder(tieBreak: tieBreak) { state, v in state.markowitzDegree(v) }
    }

    /// An order built by repeatedly eliminating the remaining vertex of lowest `score`.
    public func greedyOrder<Score: Comparable & AdditiveArithmetic>(
        tieBreak: TieBreak = .lowest, reach: ScoreReach = .incidentEdges, score: (EliminationState, Int) -> Score
    ) -> [Int] {
        var state = start()
        greedyComplete(&state, tieBreak: tieBreak, reach: reach, score: score)
        return state.eliminated
    }

    /// Finishes a position by repeatedly eliminating the remaining vertex of lowest `score`, the
    /// lowest (or highest) vertex number among equals — exactly as re-scoring every remaining vertex
    /// after every step would, but re-scoring only the vertices whose score the step can change
    /// (`reach`), kept in a heap: O((V + E) log V) on graphs of bounded degree instead of O(V²).
    /// Returns false when `shouldStop` (asked after every 1,024 steps) cut it short.
    @discardableResult
    public func greedyComplete<Score: Comparable & AdditiveArithmetic>(
        _ state: inout EliminationState, tieBreak: TieBreak = .lowest, reach: ScoreReach = .incidentEdges,
        shouldStop: () -> Bool = { false }, score: (EliminationState, Int) -> Score
    ) -> Bool {
        var ranked = RankedVertices(state, tieBreak: tieBreak, reach: reach, score: score)
        var steps = 0
        while let v = ranked.first {
            if steps & 1023 == 1023 && shouldStop() { return false }
            steps += 1
            ranked.eliminate(v, in: &state, score: score)
        }
        return true
    }
}

/// Which vertices' scores an elimination can change — what a greedy heuristic re-scores.
public enum ScoreReach: Sendable {
    /// Scores that depend only on a vertex's own live edges (cost, Markowitz degree, any cost
    /// model): eliminating v changes those of v's neighbours only.
    case incidentEdges
    /// Scores that also depend on the edges among a vertex's neighbours (fill-in): eliminating v
    /// also changes those of vertices x with a predecessor of v before x and a successor of v after.
    case neighbourEdges
    /// Scores that depend on the whole position (the `memory` model's, through the storage peak):
    /// every remaining vertex is re-scored after every step.
    case everyVertex
}

extension EliminationState {
    /// Appends to `touched` (marking them) the vertex indices whose `reach` score eliminating vertex
    /// index vi can change, judged before the elimination.
    func collectRescored(around vi: Int, reach: ScoreReach, into touched: inout [Int], marked: inout [Bool]) {
        touched.removeAll(keepingCapacity: true)
        let I = game.inputCount
        func add(_ x: Int) {
            guard x != vi, !marked[x] else { return }
            marked[x] = true
            touched.append(x)
        }
        if reach == .everyVertex {
            for v in game.eliminable where !isEliminated(v) { add(v - 1) }
            return
        }
        forEachInEdge(ofIndex: vi) { un, _ in if un >= I { add(un - I) } }
        forEachSuccessorNode(ofIndex: vi) { add($0 - I) }
        guard reach == .neighbourEdges else { return }
        // New edges u→w join v's predecessors to its successors: x sees one among its neighbours
        // when x precedes a successor w of v and shares a predecessor with v.
        forEachSuccessorNode(ofIndex: vi) { wn in
            forEachInEdge(ofIndex: wn - I) { xn, _ in
                guard xn >= I, !marked[xn - I], xn - I != vi, sharesPredecessor(xn - I, vi) else { return }
                add(xn - I)
            }
        }
    }

    /// Whether vertex indices a and b have a predecessor in common.
    private func sharesPredecessor(_ a: Int, _ b: Int) -> Bool {
        var shared = false
        forEachInEdge(ofIndex: a) { u, _ in if !shared && hasInEdge(from: u, into: b) { shared = true } }
        return shared
    }
}
