extension EliminationState {
    /// Whether this state's live edge records equal `other`'s, for two states of the same game with
    /// the same adjacency (the same vertices eliminated): then the two positions are the same.
    func hasSameRecords(as other: EliminationState) -> Bool {
        let W = game.words, N = game.nodeCount
        return records.withUnsafeBufferPointer { rec in
            other.records.withUnsafeBufferPointer { otherRec in
                predecessors.withUnsafeBufferPointer { pred in
                    for vi in 0..<game.vertexCount {
                        var same = true
                        Bits.forEach(pred.baseAddress! + vi * W, W) { un in
                            if rec[vi * N + un] != otherRec[vi * N + un] { same = false }
                        }
                        if !same { return false }
                    }
                    return true
                }
            }
        }
    }
}

extension EliminationState {
    /// Whether remaining vertices u and v are interchangeable: the same predecessors and successors
    /// through identical edge records, and the same output role. Swapping their names maps the
    /// position onto itself, so eliminating either leads to mirror-image games of equal cost.
    func areTwins(_ u: Int, _ v: Int) -> Bool {
        let W = game.words, N = game.nodeCount, I = game.inputCount
        let ui = u - 1, vi = v - 1
        guard game.keepsInEdges[ui] == game.keepsInEdges[vi] else { return false }
        return predecessors.withUnsafeBufferPointer { pred in
            successors.withUnsafeBufferPointer { succ in
                for i in 0..<W where pred[ui * W + i] != pred[vi * W + i] || succ[ui * W + i] != succ[vi * W + i] {
                    return false
                }
                guard !game.isScalar else { return true }
                var same = true
                records.withUnsafeBufferPointer { rec in
                    Bits.forEach(pred.baseAddress! + ui * W, W) { x in
                        if rec[ui * N + x] != rec[vi * N + x] { same = false }
                    }
                    Bits.forEach(succ.baseAddress! + ui * W, W) { wn in
                        if rec[(wn - I) * N + I + ui] != rec[(wn - I) * N + I + vi] { same = false }
                    }
                }
                return same
            }
        }
    }

    /// The position's identity for memoising: the eliminated set, and on structured graphs the
    /// live edge records too (two orders of one set can leave different sparsity types).
    var positionKey: PositionKey {
        var key = PositionKey(eliminated: [UInt64](repeating: 0, count: (game.vertexCount + 63) / 64), records: [])
        for (i, flag) in eliminatedFlags.enumerated() where flag { key.eliminated[i / 64] |= 1 << UInt64(i % 64) }
        if !game.isScalar {
            let W = game.words, N = game.nodeCount
            records.withUnsafeBufferPointer { rec in
                predecessors.withUnsafeBufferPointer { pred in
                    for vi in 0..<game.vertexCount {
                        Bits.forEach(pred.baseAddress! + vi * W, W) { un in key.records.append(rec[vi * N + un]) }
                    }
                }
            }
        }
        return key
    }
}

/// A game position's identity (see `EliminationState.positionKey`).
struct PositionKey: Hashable {
    var eliminated: [UInt64]
    var records: [UInt32]
}
