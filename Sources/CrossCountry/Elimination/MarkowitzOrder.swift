extension EliminationState {
    /// The sparsity-aware Markowitz degree of vertex v in this position, as the paper defines it:
    /// R·C, where R sums a weight over v's out-edges and C over its in-edges. A dense edge weighs the
    /// size of v; an elementwise or mixed edge (types 6, 7, 8) weighs 1; types −1, 0, 3, 4 weigh the
    /// edge's first target extent and every other type its second.
    public func markowitzDegree(_ v: Int) -> Int {
        let (rows, columns) = markowitzFactors(v)
        return rows * columns
    }

    /// The two factors of the Markowitz degree: R (out-edges) and C (in-edges).
    public func markowitzFactors(_ v: Int) -> (rows: Int, columns: Int) {
        let vi = v - 1
        let game = self.game
        let W = game.words, N = game.nodeCount, I = game.inputCount
        let vn = I + vi
        return records.withUnsafeBufferPointer { rec in
            predecessors.withUnsafeBufferPointer { pred in
                successors.withUnsafeBufferPointer { succ in
                    let predV = pred.baseAddress! + vi * W
                    let succV = succ.baseAddress! + vi * W
                    if game.isScalar { return (Bits.count(succV, W), Bits.count(predV, W)) }
                    var rows = 0, columns = 0
                    Bits.forEach(succV, W) { wn in
                        let record = rec[(wn - I) * N + vn]
                        rows += game.markowitzWeight(record, dense: game.shapes[Int(record >> 20)])
                    }
                    Bits.forEach(predV, W) { un in
                        let record = rec[vi * N + un]
                        columns += game.markowitzWeight(record, dense: game.shapes[Int((record >> 8) & 0xFFF)])
                    }
                    return (rows, columns)
                }
            }
        }
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
    public func greedyOrder(tieBreak: TieBreak = .lowest, score: (EliminationState, Int) -> Int) -> [Int] {
        var state = start()
        greedyComplete(&state, tieBreak: tieBreak, score: score)
        return state.eliminated
    }

    /// Finishes a position by repeatedly eliminating the remaining vertex of lowest `score`.
    public func greedyComplete(_ state: inout EliminationState, tieBreak: TieBreak = .lowest,
                               score: (EliminationState, Int) -> Int) {
        var remaining = eliminable.filter { !state.isEliminated($0) }
        while !remaining.isEmpty {
            var best = 0, bestScore = Int.max
            for (i, v) in remaining.enumerated() {
                let s = score(state, v)
                if s < bestScore || (s == bestScore && tieBreak == .highest) {
                    best = i
                    bestScore = s
                }
            }
            state.eliminate(remaining.remove(at: best))
        }
    }
}
