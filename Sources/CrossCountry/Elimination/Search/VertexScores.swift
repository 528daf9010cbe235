extension EliminationState {
    /// The fill-in of eliminating v now: how many (predecessor, successor) pairs are not yet joined
    /// by an edge, i.e. how many new edges the elimination creates.
    public func fillIn(_ v: Int) -> Int {
        let vi = v - 1, I = game.inputCount
        var fill = 0
        forEachSuccessorNode(ofIndex: vi) { wn in
            forEachInEdge(ofIndex: vi) { u, _ in if !hasInEdge(from: u, into: wn - I) { fill += 1 } }
        }
        return fill
    }

    /// The relative Markowitz degree: the Markowitz degree R·C less the R + C edge weights the
    /// elimination removes — it prefers vertices whose elimination shrinks the graph. Saturates near
    /// `Int.max` as the Markowitz degree does.
    public func relativeMarkowitzDegree(_ v: Int) -> Int {
        let (rows, columns) = markowitzFactors(v)
        return Self.markowitzDegree(rows: rows, columns: columns) - rows - columns
    }

    /// The number of successors of v in this position.
    public func successorCount(_ v: Int) -> Int { successorCount(ofIndex: v - 1) }

    /// The number of predecessors of v in this position.
    public func predecessorCount(_ v: Int) -> Int { predecessorCount(ofIndex: v - 1) }
}
