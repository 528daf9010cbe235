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
