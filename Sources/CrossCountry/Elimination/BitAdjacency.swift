/// The adjacency of a position on a small graph: per vertex, bitsets of its predecessor and
/// successor nodes, and a dense row of edge records by source node. Memory is quadratic in the
/// nodes, which on graphs of a few hundred nodes buys the fastest steps (measured in
/// `scripts/bench game`: 2–3× the lists' episodes per second on the paper graphs); larger graphs
/// use `ListAdjacency`.
struct BitAdjacency: Sendable {
    /// records[targetVertexIndex * nodeCount + sourceNodeIndex]: valid where the predecessor bit is set.
    var records: [UInt32]
    var predecessors: [UInt64]
    var successors: [UInt64]
    let words: Int
    let nodeCount: Int
    let inputCount: Int
    /// While recording: the old values of every word and record a step overwrote, for `rollBack()`.
    private var log: UndoLog?
    /// The log's arrays between recordings, kept so that recording allocates nothing once grown.
    private var spareLog = UndoLog()

    private struct UndoLog {
        var predecessorWords: [(index: Int, word: UInt64)] = []
        var successorWords: [(index: Int, word: UInt64)] = []
        var records: [(index: Int, record: UInt32)] = []
    }

    /// No adjacency (the storage a list-based position leaves empty).
    static let empty = BitAdjacency(records: [], predecessors: [], successors: [], words: 0, nodeCount: 0, inputCount: 0)

    private init(records: [UInt32], predecessors: [UInt64], successors: [UInt64], words: Int, nodeCount: Int, inputCount: Int) {
        self.records = records
        self.predecessors = predecessors
        self.successors = successors
        self.words = words
        self.nodeCount = nodeCount
        self.inputCount = inputCount
    }

    /// The starting adjacency from in-edge entries (`InEdge`) per vertex index.
    init(inputCount: Int, inEdges: [[UInt64]]) {
        let vertexCount = inEdges.count
        self.inputCount = inputCount
        nodeCount = inputCount + vertexCount
        words = (nodeCount + 63) / 64
        records = [UInt32](repeating: 0, count: vertexCount * nodeCount)
        predecessors = [UInt64](repeating: 0, count: vertexCount * words)
        successors = [UInt64](repeating: 0, count: vertexCount * words)
        for (target, entries) in inEdges.enumerated() {
            for entry in entries {
                let source = InEdge.node(entry)
                records[target * nodeCount + source] = InEdge.record(entry)
                predecessors[target * words + source / 64] |= 1 << UInt64(source % 64)
                if source >= inputCount {
                    let node = inputCount + target
                    successors[(source - inputCount) * words + node / 64] |= 1 << UInt64(node % 64)
                }
            }
        }
    }

    var bytes: Int { records.capacity * 4 + (predecessors.capacity + successors.capacity) * 8 }

    /// Logs every change from here on, for `rollBack()`.
    mutating func startRecording() {
        precondition(log == nil, "already recording")
        log = spareLog
        spareLog = UndoLog()
    }

    /// Undoes every change since `startRecording()`, newest first.
    mutating func rollBack() {
        guard var log = log else { preconditionFailure("not recording") }
        self.log = nil
        for entry in log.records.reversed() { records[entry.index] = entry.record }
        for entry in log.predecessorWords.reversed() { predecessors[entry.index] = entry.word }
        for entry in log.successorWords.reversed() { successors[entry.index] = entry.word }
        log.records.removeAll(keepingCapacity: true)
        log.predecessorWords.removeAll(keepingCapacity: true)
        log.successorWords.removeAll(keepingCapacity: true)
        spareLog = log
    }

    /// Before eliminating vertex index vi while recording: saves what the step overwrites — v's
    /// rows, its successors' predecessor rows (and, unless only adjacency changes, their records
    /// from v's predecessors), its vertex predecessors' successor rows.
    private mutating func save(beforeEliminating vi: Int, records structured: Bool) {
        guard log != nil else { return }
        let W = words, N = nodeCount, I = inputCount
        var log = self.log!
        self.log = nil
        for i in 0..<W {
            log.predecessorWords.append((vi * W + i, predecessors[vi * W + i]))
            log.successorWords.append((vi * W + i, successors[vi * W + i]))
        }
        forEachSuccessor(vi) { wn in
            let wi = wn - I
            for i in 0..<W { log.predecessorWords.append((wi * W + i, predecessors[wi * W + i])) }
            if structured { forEachInEdge(vi) { un, _ in log.records.append((wi * N + un, records[wi * N + un])) } }
        }
        forEachInEdge(vi) { un, _ in
            guard un >= I else { return }
            for i in 0..<W { log.successorWords.append(((un - I) * W + i, successors[(un - I) * W + i])) }
        }
        self.log = log
    }

    /// Which edge records `assign` copies: none (scalar graphs never read them), the live ones, or all.
    enum RecordCopy { case none, live, all }

    mutating func assign(from other: BitAdjacency, records copy: RecordCopy) {
        precondition(log == nil, "assigning while recording")
        predecessors.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: other.predecessors) }
        successors.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: other.successors) }
        switch copy {
        case .none: return
        case .all:
            records.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: other.records) }
            return
        case .live: break
        }
        // Only the records of live edges matter: copying those is cheaper than the whole matrix.
        let W = words, N = nodeCount
        records.withUnsafeMutableBufferPointer { rec in
            other.records.withUnsafeBufferPointer { src in
                other.predecessors.withUnsafeBufferPointer { pred in
                    for vi in 0..<(predecessors.count / max(W, 1)) {
                        Bits.forEach(pred.baseAddress! + vi * W, W) { un in rec[vi * N + un] = src[vi * N + un] }
                    }
                }
            }
        }
    }

    @inline(__always) func predecessorCount(_ vi: Int) -> Int {
        predecessors.withUnsafeBufferPointer { Bits.count($0.baseAddress! + vi * words, words) }
    }

    @inline(__always) func successorCount(_ vi: Int) -> Int {
        successors.withUnsafeBufferPointer { Bits.count($0.baseAddress! + vi * words, words) }
    }

    @inline(__always) func forEachInEdge(_ vi: Int, _ body: (Int, UInt32) -> Void) {
        let N = nodeCount
        records.withUnsafeBufferPointer { rec in
            predecessors.withUnsafeBufferPointer { pred in
                Bits.forEach(pred.baseAddress! + vi * words, words) { un in body(un, rec[vi * N + un]) }
            }
        }
    }

    @inline(__always) func forEachSuccessor(_ vi: Int, _ body: (Int) -> Void) {
        successors.withUnsafeBufferPointer { Bits.forEach($0.baseAddress! + vi * words, words, body) }
    }

    @inline(__always) func record(from u: Int, into wi: Int) -> UInt32 { records[wi * nodeCount + u] }

    @inline(__always) func hasInEdge(from u: Int, into wi: Int) -> Bool {
        predecessors.withUnsafeBufferPointer { Bits.contains($0.baseAddress! + wi * words, u) }
    }

    func hasSameInEdges(as other: BitAdjacency, _ vi: Int) -> Bool {
        let W = words, N = nodeCount
        for i in 0..<W where predecessors[vi * W + i] != other.predecessors[vi * W + i] { return false }
        var same = true
        records.withUnsafeBufferPointer { rec in
            other.records.withUnsafeBufferPointer { otherRec in
                predecessors.withUnsafeBufferPointer { pred in
                    Bits.forEach(pred.baseAddress! + vi * W, W) { un in if rec[vi * N + un] != otherRec[vi * N + un] { same = false } }
                }
            }
        }
        return same
    }

    /// Whether vertex indices a and b have the same successors.
    func sameSuccessors(_ a: Int, _ b: Int) -> Bool {
        (0..<words).allSatisfy { successors[a * words + $0] == successors[b * words + $0] }
    }

    /// Scalar graphs: every pair costs 1 and every record stays dense (1,1), so only adjacency changes.
    mutating func eliminateScalar(_ vi: Int, keep: Bool) -> Int {
        save(beforeEliminating: vi, records: false)
        let W = words, I = inputCount
        let vn = I + vi
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
                Self.detach(vi, keep: keep, pred: pred.baseAddress!, succ: succ.baseAddress!, words: W, inputCount: I)
                return step
            }
        }
    }

    /// Every other graph: products and sums of edge records by `rules` (the paper's tables). New
    /// edges of a scalar graph take the unit record, so records stay valid on both paths.
    mutating func eliminateStructured<Rules: RecordAlgebra>(_ vi: Int, keep: Bool, rules: Rules) -> Rules.Cost {
        save(beforeEliminating: vi, records: true)
        var rules = rules
        let W = words, N = nodeCount, I = inputCount
        let vn = I + vi
        var step = Rules.Cost.zero
        records.withUnsafeMutableBufferPointer { rec in
            predecessors.withUnsafeMutableBufferPointer { pred in
                successors.withUnsafeMutableBufferPointer { succ in
                    let predV = pred.baseAddress! + vi * W
                    let succV = succ.baseAddress! + vi * W
                    let inRow = rec.baseAddress! + vi * N
                    Bits.forEach(succV, W) { wn in
                        let wi = wn - I
                        let outRecord = rec[wi * N + vn]
                        let predW = pred.baseAddress! + wi * W
                        let row = rec.baseAddress! + wi * N
                        Bits.forEach(predV, W) { un in
                            let (record, cost) = rules.combine(in: inRow[un], out: outRecord,
                                                               existing: Bits.contains(predW, un) ? row[un] : nil)
                            step += cost
                            row[un] = record
                        }
                        Bits.formUnion(predW, predV, W)
                        Bits.remove(predW, vn)
                    }
                    Self.detach(vi, keep: keep, pred: pred.baseAddress!, succ: succ.baseAddress!, words: W, inputCount: I)
                }
            }
        }
        return step
    }

    /// The end of eliminating vertex index vi, once its successors have its predecessors: its vertex
    /// predecessors gain its successors, and it leaves the graph (an output used inside the graph
    /// keeps its in-edges).
    @inline(__always)
    private static func detach(_ vi: Int, keep: Bool, pred: UnsafeMutablePointer<UInt64>, succ: UnsafeMutablePointer<UInt64>,
                               words W: Int, inputCount I: Int) {
        let predV = pred + vi * W, succV = succ + vi * W
        Bits.forEach(predV, W) { un in
            guard un >= I else { return }
            let succU = succ + (un - I) * W
            Bits.formUnion(succU, succV, W)
            if !keep { Bits.remove(succU, I + vi) }
        }
        Bits.clear(succV, W)
        if !keep { Bits.clear(predV, W) }
    }
}
