extension EliminationState {
    /// The fill-in of eliminating v now: how many (predecessor, successor) pairs are not yet joined
    /// by an edge, i.e. how many new edges the elimination creates.
    public func fillIn(_ v: Int) -> Int {
        let vi = v - 1
        let W = game.words, I = game.inputCount
        return predecessors.withUnsafeBufferPointer { pred in
            successors.withUnsafeBufferPointer { succ in
                let predV = pred.baseAddress! + vi * W
                var fill = 0
                Bits.forEach(succ.baseAddress! + vi * W, W) { wn in
                    let predW = pred.baseAddress! + (wn - I) * W
                    for i in 0..<W { fill += (predV[i] & ~predW[i]).nonzeroBitCount }
                }
                return fill
            }
        }
    }

    /// The relative Markowitz degree: the Markowitz degree R·C less the R + C edge weights the
    /// elimination removes — it prefers vertices whose elimination shrinks the graph.
    public func relativeMarkowitzDegree(_ v: Int) -> Int {
        let (rows, columns) = markowitzFactors(v)
        return rows * columns - rows - columns
    }

    /// The number of successors of v in this position.
    public func successorCount(_ v: Int) -> Int {
        let W = game.words
        return successors.withUnsafeBufferPointer { Bits.count($0.baseAddress! + (v - 1) * W, W) }
    }

    /// The number of predecessors of v in this position.
    public func predecessorCount(_ v: Int) -> Int {
        let W = game.words
        return predecessors.withUnsafeBufferPointer { Bits.count($0.baseAddress! + (v - 1) * W, W) }
    }
}
