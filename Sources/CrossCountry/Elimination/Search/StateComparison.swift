extension EliminationState {
    /// Whether this state's live edge records equal `other`'s, for two states of the same game with
    /// the same adjacency (the same vertices eliminated): then the two positions are the same.
    func hasSameRecords(as other: EliminationState) -> Bool {
        (0..<game.vertexCount).allSatisfy { hasSameInEdges(as: other, ofIndex: $0) }
    }

    /// Appends to `touched` (marking them) the successors of vertex index vi not marked yet: the
    /// vertices whose in-edges eliminating vi changes.
    func collectSuccessors(ofIndex vi: Int, into touched: inout [Int32], marked: inout [Bool]) {
        let I = game.inputCount
        forEachSuccessorNode(ofIndex: vi) { wn in
            if !marked[wn - I] {
                marked[wn - I] = true
                touched.append(Int32(wn - I))
            }
        }
    }

    /// Fills `buffer` with the in-edges (source and record, and the model's attributes where it
    /// follows any) of the vertex indices listed, each list preceded by its length: two positions
    /// with equal buffers agree on those vertices.
    func copyInEdges(ofIndices indices: [Int32], into buffer: inout [UInt64]) {
        buffer.removeAll(keepingCapacity: true)
        // Attribute ids mean something only within the table of the position's values.
        if game.sharing != nil { buffer.append(UInt64(computed.generation)) }
        for index in indices {
            let vi = Int(index)
            buffer.append(UInt64(predecessorCount(ofIndex: vi)))
            forEachInEdge(ofIndex: vi) { un, record in buffer.append(InEdge.make(un, record)) }
            guard game.algebra != nil else { continue }
            attributes.forEachInEdge(vi) { un, attribute in buffer.append(InEdge.make(un, attribute)) }
        }
    }

    /// Whether the vertex indices listed have the same in-edges, records included, here and in `other`.
    func hasSameInEdges(as other: EliminationState, ofIndices indices: [Int32]) -> Bool {
        for vi in indices where !hasSameInEdges(as: other, ofIndex: Int(vi)) { return false }
        return true
    }
}

extension EliminationState {
    /// Whether remaining vertices u and v are interchangeable: the same predecessors and successors
    /// through identical edge records, and the same output role. Swapping their names maps the
    /// position onto itself, so eliminating either leads to mirror-image games of equal cost.
    func areTwins(_ u: Int, _ v: Int) -> Bool {
        let I = game.inputCount
        let ui = u - 1, vi = v - 1
        guard game.keepsInEdges[ui] == game.keepsInEdges[vi], haveSameSuccessors(ui, vi),
              predecessorCount(ofIndex: ui) == predecessorCount(ofIndex: vi) else { return false }
        var same = true
        forEachInEdge(ofIndex: ui) { x, record in
            if same && (!hasInEdge(from: x, into: vi) || (!game.isScalar && self.record(from: x, into: vi) != record)) { same = false }
        }
        guard same, !game.isScalar else { return same }
        forEachSuccessorNode(ofIndex: ui) { wn in
            if same && record(from: I + ui, into: wn - I) != record(from: I + vi, into: wn - I) { same = false }
        }
        return same
    }

    /// The position's identity for memoising: the eliminated set, and on structured graphs the
    /// live edge records too (two orders of one set can leave different sparsity types), with the
    /// cost model's attributes where it follows any.
    var positionKey: PositionKey {
        var key = PositionKey(eliminated: [UInt64](repeating: 0, count: (game.vertexCount + 63) / 64), records: [])
        for (i, flag) in eliminatedFlags.enumerated() where flag { key.eliminated[i / 64] |= 1 << UInt64(i % 64) }
        if !game.isScalar {
            for vi in 0..<game.vertexCount { forEachInEdge(ofIndex: vi) { _, record in key.records.append(record) } }
        }
        if game.algebra != nil {
            if game.sharing != nil { key.records.append(UInt32(truncatingIfNeeded: computed.generation)) }
            for vi in 0..<game.vertexCount { attributes.forEachInEdge(vi) { _, attribute in key.records.append(attribute) } }
        }
        return key
    }
}

/// A game position's identity (see `EliminationState.positionKey`).
struct PositionKey: Hashable {
    var eliminated: [UInt64]
    var records: [UInt32]
}
