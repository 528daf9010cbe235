/// The adjacency of a position on a large graph: per vertex, its in-edges (`InEdge`: source node
/// and record) and its successors as sorted lists in two `ListArena`s — memory proportional to the
/// edges, and a step that touches only the eliminated vertex's neighbourhood.
struct ListAdjacency: Sendable {
    var inEdges: ListArena<UInt64>
    var successors: ListArena<UInt32>
    let inputCount: Int

    /// No adjacency (the storage a bitset-based position leaves empty).
    static let empty = ListAdjacency(inputCount: 0, inEdges: [])

    /// The starting adjacency from in-edge entries per vertex index, each list ascending.
    init(inputCount: Int, inEdges lists: [[UInt64]]) {
        self.inputCount = inputCount
        var successorLists = [[UInt32]](repeating: [], count: lists.count)
        for (target, entries) in lists.enumerated() {
            for entry in entries where InEdge.node(entry) >= inputCount {
                successorLists[InEdge.node(entry) - inputCount].append(UInt32(inputCount + target))
            }
        }
        inEdges = ListArena(lists: lists)
        successors = ListArena(lists: successorLists)
    }

    var bytes: Int { inEdges.bytes + successors.bytes }

    /// The list entries every step so far has merged (see `ListArena.mergedEntries`).
    var mergedEntries: Int { inEdges.mergedEntries + successors.mergedEntries }

    mutating func assign(from other: ListAdjacency) {
        inEdges.assign(from: other.inEdges)
        successors.assign(from: other.successors)
    }

    /// Rewrites every edge's record (a cost model's attributes moving to new ids).
    mutating func updateRecords(_ transform: (UInt32) -> UInt32) {
        inEdges.updateElements { InEdge.make(InEdge.node($0), transform(InEdge.record($0))) }
    }

    /// Logs every change from here on, for `rollBack()` (see `ListArena`).
    mutating func startRecording() {
        inEdges.startRecording()
        successors.startRecording()
    }

    /// Undoes every change since `startRecording()`.
    mutating func rollBack() {
        inEdges.rollBack()
        successors.rollBack()
    }

    @inline(__always) func predecessorCount(_ vi: Int) -> Int { inEdges.count(vi) }
    @inline(__always) func successorCount(_ vi: Int) -> Int { successors.count(vi) }

    @inline(__always) func forEachInEdge(_ vi: Int, _ body: (Int, UInt32) -> Void) {
        inEdges.forEach(vi) { body(InEdge.node($0), InEdge.record($0)) }
    }

    /// The same, in the order an elimination combines them (`ListArena.merge` works from the back).
    @inline(__always) func forEachInEdgeAsCombined(_ vi: Int, _ body: (Int, UInt32) -> Void) {
        inEdges.forEachDescending(vi) { body(InEdge.node($0), InEdge.record($0)) }
    }

    @inline(__always) func forEachSuccessor(_ vi: Int, _ body: (Int) -> Void) {
        successors.forEach(vi) { body(Int($0)) }
    }

    /// Where source node u's entry is, or would go, in vertex index wi's in-edges.
    @inline(__always)
    private func position(of u: Int, in wi: Int) -> Int {
        let start = inEdges.start(wi)
        return inEdges.storage.withUnsafeBufferPointer { s in
            var low = start, high = start + inEdges.count(wi)
            while low < high {
                let middle = (low + high) / 2
                if InEdge.node(s[middle]) < u { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    /// The record of the edge u→w, which must exist.
    @inline(__always) func record(from u: Int, into wi: Int) -> UInt32 { InEdge.record(inEdges.storage[position(of: u, in: wi)]) }

    @inline(__always) func hasInEdge(from u: Int, into wi: Int) -> Bool {
        let i = position(of: u, in: wi)
        return i < inEdges.start(wi) + inEdges.count(wi) && InEdge.node(inEdges.storage[i]) == u
    }

    func hasSameInEdges(as other: ListAdjacency, _ vi: Int) -> Bool {
        let count = inEdges.count(vi)
        guard count == other.inEdges.count(vi) else { return false }
        let a = inEdges.start(vi), b = other.inEdges.start(vi)
        return inEdges.storage.withUnsafeBufferPointer { mine in
            other.inEdges.storage.withUnsafeBufferPointer { theirs in
                for i in 0..<count where mine[a + i] != theirs[b + i] { return false }
                return true
            }
        }
    }

    /// Whether vertex indices a and b have the same successors.
    func sameSuccessors(_ a: Int, _ b: Int) -> Bool {
        let count = successors.count(a)
        guard count == successors.count(b) else { return false }
        return (0..<count).allSatisfy { successors.storage[successors.start(a) + $0] == successors.storage[successors.start(b) + $0] }
    }

    /// Eliminates vertex index vi: every successor w gains v's in-edges (on scalar graphs all
    /// records are equal and this is a plain union; otherwise products and sums by the paper's
    /// tables), every vertex predecessor gains v's successors, and v leaves the graph — except
    /// that an output which is also used inside the graph keeps its in-edges.
    mutating func eliminate(_ vi: Int, keep: Bool, game: EliminationGame) -> Int {
        let I = inputCount
        let vn = I + vi
        let scalar = game.isScalar
        var step = scalar ? inEdges.count(vi) * successors.count(vi) : 0
        for s in 0..<successors.count(vi) {
            let wi = Int(successors.storage[successors.start(vi) + s]) - I
            if scalar {
                inEdges.merge(wi, with: vi, removing: UInt64(vn), key: { $0 >> 32 }, combine: { kept, _ in kept }, fresh: { $0 })
                continue
            }
            var rules = PaperRecords(game: game)
            step += combineInto(wi, from: vi, rules: &rules)
        }
        detach(vi, keep: keep)
        return step
    }

    /// Eliminates vertex index vi with records combined by `rules` (on any graph: no scalar
    /// shortcut) and returns the step's cost — what a cost model's own attributes go through.
    mutating func eliminate<Rules: RecordAlgebra>(_ vi: Int, keep: Bool, rules: inout Rules) -> Rules.Cost {
        var step = Rules.Cost.zero
        for s in 0..<successors.count(vi) {
            step += combineInto(Int(successors.storage[successors.start(vi) + s]) - inputCount, from: vi, rules: &rules)
        }
        detach(vi, keep: keep)
        return step
    }

    /// Gives vertex index wi vertex index vi's in-edges, each multiplied by the edge vi→wi and added
    /// onto wi's own by `rules`, drops the edge vi→wi, and returns what the products cost.
    @inline(__always)
    private mutating func combineInto<Rules: RecordAlgebra>(_ wi: Int, from vi: Int, rules: inout Rules) -> Rules.Cost {
        let vn = inputCount + vi
        let outRecord = record(from: vn, into: wi)
        var cost = Rules.Cost.zero
        func product(_ existing: UInt64?, _ incoming: UInt64) -> UInt64 {
            let (merged, c) = rules.combine(in: InEdge.record(incoming), out: outRecord, existing: existing.map(InEdge.record))
            cost += c
            return InEdge.make(InEdge.node(incoming), merged)
        }
        inEdges.merge(wi, with: vi, removing: UInt64(vn), key: { $0 >> 32 }, combine: { product($0, $1) }, fresh: { product(nil, $0) })
        return cost
    }

    /// The end of eliminating vertex index vi: its vertex predecessors gain its successors, and it
    /// leaves the graph (an output used inside the graph keeps its in-edges).
    private mutating func detach(_ vi: Int, keep: Bool) {
        let I = inputCount, vn = I + vi
        for p in 0..<inEdges.count(vi) {
            let un = InEdge.node(inEdges.storage[inEdges.start(vi) + p])
            guard un >= I else { continue }
            successors.merge(un - I, with: vi, removing: keep ? UInt32.max : UInt32(vn), key: { $0 },
                             combine: { kept, _ in kept }, fresh: { $0 })
        }
        successors.clear(vi)
        if !keep { inEdges.clear(vi) }
    }
}

/// An in-edge entry of a position's adjacency lists: the source node index in the high 32 bits,
/// the edge record in the low 32, so that entries sort by source.
enum InEdge {
    @inline(__always) static func make(_ node: Int, _ record: UInt32) -> UInt64 { UInt64(node) << 32 | UInt64(record) }
    @inline(__always) static func node(_ entry: UInt64) -> Int { Int(entry >> 32) }
    @inline(__always) static func record(_ entry: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: entry) }
}
