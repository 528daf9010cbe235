/// Allocation-free views of a position's local structure around one vertex, for code that reads
/// every vertex of every position it evaluates (a learned policy's features, rollouts). Vertices
/// are 1-based vertex numbers.
extension EliminationState {
    /// The number of current predecessors of vertex v that are inputs.
    public func inputPredecessorCount(_ v: Int) -> Int {
        let W = game.words, I = game.inputCount
        return predecessors.withUnsafeBufferPointer { pred in
            var count = 0
            let set = pred.baseAddress! + (v - 1) * W
            for i in 0..<((I + 63) / 64) {
                let keep: UInt64 = (i + 1) * 64 <= I ? ~0 : (1 << UInt64(I - i * 64)) &- 1
                count += (set[i] & keep).nonzeroBitCount
            }
            return count
        }
    }

    /// Calls `body` with each vertex (not input) adjacent to v now: predecessors, then successors,
    /// ascending within each. Eliminating v changes the cost and Markowitz degree of these only.
    public func forEachNeighbour(of v: Int, _ body: (Int) -> Void) {
        let W = game.words, I = game.inputCount
        predecessors.withUnsafeBufferPointer { pred in
            Bits.forEach(pred.baseAddress! + (v - 1) * W, W) { un in if un >= I { body(un - I + 1) } }
        }
        forEachSuccessor(of: v, body)
    }

    /// Calls `body` with each current successor of v (a vertex number), ascending.
    public func forEachSuccessor(of v: Int, _ body: (Int) -> Void) {
        let W = game.words, I = game.inputCount
        successors.withUnsafeBufferPointer { succ in
            Bits.forEach(succ.baseAddress! + (v - 1) * W, W) { wn in body(wn - I + 1) }
        }
    }

    /// Calls `body` with the sparsity type of each current in-edge (`incoming`) or out-edge of v —
    /// the types of `inEdges(of:)` / `outEdges(of:)` without building them.
    public func forEachEdgeType(of v: Int, incoming: Bool, _ body: (SparsityType) -> Void) {
        let W = game.words, N = game.nodeCount, I = game.inputCount
        let vi = v - 1
        // Scalar graphs take a fast path that never writes records for new edges: all are dense.
        let scalar = game.isScalar
        records.withUnsafeBufferPointer { rec in
            if incoming {
                predecessors.withUnsafeBufferPointer { pred in
                    Bits.forEach(pred.baseAddress! + vi * W, W) { un in
                        body(scalar ? .dense : SparsityType(tableIndex: Int(rec[vi * N + un] & 31)))
                    }
                }
            } else {
                successors.withUnsafeBufferPointer { succ in
                    Bits.forEach(succ.baseAddress! + vi * W, W) { wn in
                        body(scalar ? .dense : SparsityType(tableIndex: Int(rec[(wn - I) * N + I + vi] & 31)))
                    }
                }
            }
        }
    }
}

extension SparsityType {
    /// The type at a position of the cost tables (0…21).
    fileprivate init(tableIndex: Int) { self.init(rawValue: tableIndex - 10)! }
}
