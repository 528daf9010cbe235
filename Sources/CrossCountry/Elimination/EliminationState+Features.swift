/// Allocation-free views of a position's local structure around one vertex, for code that reads
/// every vertex of every position it evaluates (a learned policy's features, rollouts). Vertices
/// are 1-based vertex numbers.
extension EliminationState {
    /// The number of current predecessors of vertex v that are inputs.
    public func inputPredecessorCount(_ v: Int) -> Int {
        // In-edges are sorted by source, and inputs come first.
        var count = 0
        forEachInEdge(ofIndex: v - 1) { un, _ in if un < game.inputCount { count += 1 } }
        return count
    }

    /// Calls `body` with each vertex (not input) adjacent to v now: predecessors, then successors,
    /// ascending within each. Eliminating v changes the cost and Markowitz degree of these only.
    public func forEachNeighbour(of v: Int, _ body: (Int) -> Void) {
        let I = game.inputCount
        forEachInEdge(ofIndex: v - 1) { un, _ in if un >= I { body(un - I + 1) } }
        forEachSuccessor(of: v, body)
    }

    /// Calls `body` with each current successor of v (a vertex number), ascending.
    public func forEachSuccessor(of v: Int, _ body: (Int) -> Void) {
        let I = game.inputCount
        forEachSuccessorNode(ofIndex: v - 1) { wn in body(wn - I + 1) }
    }

    /// Calls `body` with the sparsity type of each current in-edge (`incoming`) or out-edge of v —
    /// the types of `inEdges(of:)` / `outEdges(of:)` without building them.
    public func forEachEdgeType(of v: Int, incoming: Bool, _ body: (SparsityType) -> Void) {
        let vi = v - 1, I = game.inputCount
        if incoming {
            forEachInEdge(ofIndex: vi) { _, record in body(SparsityType(tableIndex: Int(record & 31))) }
        } else {
            forEachSuccessorNode(ofIndex: vi) { wn in
                body(SparsityType(tableIndex: Int(record(from: I + vi, into: wn - I) & 31)))
            }
        }
    }
}

extension SparsityType {
    /// The type at a position of the cost tables (0…21).
    fileprivate init(tableIndex: Int) { self.init(rawValue: tableIndex - 10)! }
}
