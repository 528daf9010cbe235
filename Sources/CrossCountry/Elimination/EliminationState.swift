/// A position in the vertex elimination game: the remaining graph, what has been eliminated, and
/// the multiplications spent so far under the `paper` cost model.
///
/// Eliminating a vertex v adds, for every predecessor u and successor w, the product of the edge
/// records u→v and v→w onto u→w (product and sum types from the paper's tables), then removes v.
/// Stepping allocates nothing; copying a state copies three flat arrays, which is what tree search
/// does per node.
public struct EliminationState: Sendable {
    public let game: EliminationGame
    /// records[targetVertexIndex * nodeCount + sourceNodeIndex]: the edge record, valid where the
    /// predecessor bit is set.
    var records: [UInt32]
    /// Per vertex index, the bitset of predecessor node indices.
    var predecessors: [UInt64]
    /// Per vertex index, the bitset of successor node indices.
    var successors: [UInt64]
    var eliminatedFlags: [Bool]
    /// The vertices eliminated so far, in order.
    public private(set) var eliminated: [Int]
    /// The total cost so far.
    public private(set) var cost: Int

    init(game: EliminationGame) {
        self.game = game
        records = game.initialRecords
        predecessors = game.initialPredecessors
        successors = game.initialSuccessors
        eliminatedFlags = [Bool](repeating: false, count: game.vertexCount)
        eliminated = []
        eliminated.reserveCapacity(game.eliminable.count)
        cost = 0
    }

    /// Back to the starting position, reusing this state's storage.
    public mutating func reset() {
        records.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: game.initialRecords) }
        predecessors.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: game.initialPredecessors) }
        successors.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: game.initialSuccessors) }
        for i in eliminatedFlags.indices { eliminatedFlags[i] = false }
        eliminated.removeAll(keepingCapacity: true)
        cost = 0
    }

    /// Makes this state equal to `other` (a state of the same game) without allocating: copies the
    /// adjacency and only the edge records that are live, which is what search snapshots need.
    public mutating func assign(from other: EliminationState) {
        precondition(game === other.game, "states of different games")
        let W = game.words, N = game.nodeCount
        predecessors.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: other.predecessors) }
        successors.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: other.successors) }
        if !game.isScalar {
            records.withUnsafeMutableBufferPointer { rec in
                other.records.withUnsafeBufferPointer { src in
                    other.predecessors.withUnsafeBufferPointer { pred in
                        for vi in 0..<game.vertexCount {
                            Bits.forEach(pred.baseAddress! + vi * W, W) { un in rec[vi * N + un] = src[vi * N + un] }
                        }
                    }
                }
            }
        }
        eliminatedFlags.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: other.eliminatedFlags) }
        eliminated.removeAll(keepingCapacity: true)
        eliminated.append(contentsOf: other.eliminated)
        cost = other.cost
    }

    /// Whether every eliminable vertex is gone.
    public var isFinished: Bool { eliminated.count == game.eliminable.count }

    /// Whether vertex v (1-based) may be eliminated now.
    public func canEliminate(_ v: Int) -> Bool {
        v >= 1 && v <= game.vertexCount && game.isEliminable[v - 1] && !eliminatedFlags[v - 1]
    }

    public func isEliminated(_ v: Int) -> Bool { eliminatedFlags[v - 1] }

    /// Eliminates vertex v, which must be eliminable and still present, and returns its cost.
    @discardableResult
    public mutating func eliminate(_ v: Int) -> Int {
        precondition(canEliminate(v), "vertex \(v) cannot be eliminated in this position")
        let step = game.isScalar ? eliminateScalar(v - 1) : eliminateStructured(v - 1)
        eliminatedFlags[v - 1] = true
        eliminated.append(v)
        cost += step
        return step
    }

    /// The cost eliminating v would have now, without eliminating it.
    public func costOfEliminating(_ v: Int) -> Int {
        let vi = v - 1
        let W = game.words
        if game.isScalar {
            return predecessors.withUnsafeBufferPointer { pred in
                successors.withUnsafeBufferPointer { succ in
                    Bits.count(pred.baseAddress! + vi * W, W) * Bits.count(succ.baseAddress! + vi * W, W)
                }
            }
        }
        let N = game.nodeCount, I = game.inputCount
        let vn = I + vi
        let game = self.game
        var total = 0
        records.withUnsafeBufferPointer { rec in
            predecessors.withUnsafeBufferPointer { pred in
                successors.withUnsafeBufferPointer { succ in
                    let predV = pred.baseAddress! + vi * W
                    Bits.forEach(succ.baseAddress! + vi * W, W) { wn in
                        let out = rec[(wn - I) * N + vn]
                        Bits.forEach(predV, W) { un in
                            total += game.pairCost(rec[vi * N + un], out)
                        }
                    }
                }
            }
        }
        return total
    }

    /// Scalar graphs: every pair costs 1 and every record stays dense (1,1), so only adjacency changes.
    private mutating func eliminateScalar(_ vi: Int) -> Int {
        let W = game.words, I = game.inputCount
        let vn = I + vi
        let keep = game.keepsInEdges[vi]
        return predecessors.withUnsafeMutableBufferPointer { pred in
            successors.withUnsafeMutableBufferPointer { succ in
                let predV = pred.baseAddress! + vi * W
                let succV = succ.baseAddress! + vi * W
                let step = Bits.count(predV, W) * Bits.count(succV, W)
                Bits.forEach(succV, W) { wn in
                    let predW = pred.baseAddress! + (wn - I) * W
                    Bits.formUnion(predW, predV, W)
                    Bits.remove(predW, vn)
                }
                Bits.forEach(predV, W) { un in
                    guard un >= I else { return }
                    let succU = succ.baseAddress! + (un - I) * W
                    Bits.formUnion(succU, succV, W)
                    if !keep { Bits.remove(succU, vn) }
                }
                Bits.clear(succV, W)
                if !keep { Bits.clear(predV, W) }
                return step
            }
        }
    }

    private mutating func eliminateStructured(_ vi: Int) -> Int {
        let W = game.words, N = game.nodeCount, I = game.inputCount
        let vn = I + vi
        let keep = game.keepsInEdges[vi]
        let n = SparsityTables.size
        let noEdge = UInt32(SparsityType.none.tableIndex)
        var step = 0
        let game = self.game
        records.withUnsafeMutableBufferPointer { rec in
            predecessors.withUnsafeMutableBufferPointer { pred in
                successors.withUnsafeMutableBufferPointer { succ in
                    let predV = pred.baseAddress! + vi * W
                    let succV = succ.baseAddress! + vi * W
                    let inRow = rec.baseAddress! + vi * N
                    Bits.forEach(succV, W) { wn in
                        let wi = wn - I
                        let outRecord = rec[wi * N + vn]
                        let outType = Int(outRecord & 31)
                        let outShape = outRecord & 0xFFF00
                        let predW = pred.baseAddress! + wi * W
                        let row = rec.baseAddress! + wi * N
                        Bits.forEach(predV, W) { un in
                            let inRecord = inRow[un]
                            step += game.pairCost(inRecord, outRecord)
                            let product = Int(game.pairTable[Int(inRecord & 31) * n + outType] >> 8)
                            let existing = Bits.contains(predW, un) ? row[un] & 31 : noEdge
                            let merged = UInt32(game.sumTable[Int(existing) * n + product])
                            row[un] = merged | outShape | (inRecord & 0xFFF0_0000)
                        }
                        Bits.formUnion(predW, predV, W)
                        Bits.remove(predW, vn)
                    }
                    Bits.forEach(predV, W) { un in
                        guard un >= I else { return }
                        let succU = succ.baseAddress! + (un - I) * W
                        Bits.formUnion(succU, succV, W)
                        if !keep { Bits.remove(succU, vn) }
                    }
                    Bits.clear(succV, W)
                    if !keep { Bits.clear(predV, W) }
                }
            }
        }
        return step
    }
}
