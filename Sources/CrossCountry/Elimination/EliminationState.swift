/// A position in the vertex elimination game: the remaining graph, what has been eliminated, and
/// what that has cost so far under the game's cost model.
///
/// Eliminating a vertex v adds, for every predecessor u and successor w, the product of the edge
/// records u→v and v→w onto u→w (product and sum types from the paper's tables), then removes v.
/// The remaining graph is kept as bitsets on small graphs (`BitAdjacency`, the fastest steps) and
/// as sorted lists on large ones (`ListAdjacency`, memory proportional to the edges); either way a
/// step touches only v's neighbourhood, allocates nothing once the storage has grown, and copying
/// a state copies a few flat arrays. A cost model that follows its own per-edge attribute keeps it
/// in a second adjacency (`attributes`) — with the values computed so far, where equal values are
/// computed once (`ComputedValues`) — and `memory` its storage tally.
public struct EliminationState: Sendable {
    public let game: EliminationGame
    /// The adjacency, in the form the game chose (the other stays empty).
    var bits: BitAdjacency
    var lists: ListAdjacency
    /// The model's attribute of every live edge, as records of the same edges (empty for models
    /// that follow none).
    var attributes: ListAdjacency
    /// What the position's code has computed, for a model that prices shared values once.
    var computed: ComputedValues
    /// The `memory` model's live and peak entries.
    var storage: StorageTally
    var eliminatedFlags: [Bool]
    /// The vertices eliminated so far, in order.
    public private(set) var eliminated: [Int]
    /// The total cost so far (a whole number under `paper`).
    public private(set) var cost: Double
    /// Steps played on this state over its life (see `work`).
    private var steps = 0
    /// Where a trial began (`startTrial()`): what `rollBack()` restores besides the logged adjacency.
    private var trialStart: (eliminated: Int, cost: Double, storage: StorageTally)?

    init(game: EliminationGame) {
        self.game = game
        bits = game.initialBits
        lists = game.initialLists
        attributes = game.initialAttributes
        computed = game.sharing?.initialValues ?? ComputedValues()
        storage = StorageTally(live: game.initialEntries)
        eliminatedFlags = [Bool](repeating: false, count: game.vertexCount)
        eliminated = []
        eliminated.reserveCapacity(game.eliminable.count)
        cost = 0
    }

    /// Back to the starting position, reusing this state's storage.
    public mutating func reset() {
        precondition(trialStart == nil, "resetting during a trial")
        if game.usesBitsets { bits.assign(from: game.initialBits, records: .all) } else { lists.assign(from: game.initialLists) }
        if game.algebra != nil { attributes.assign(from: game.initialAttributes) }
        if let sharing = game.sharing { computed.assign(from: sharing.initialValues) }
        storage = StorageTally(live: game.initialEntries)
        eliminatedFlags.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
        eliminated.removeAll(keepingCapacity: true)
        cost = 0
    }

    /// Makes this state equal to `other` (a state of the same game) without allocating once this
    /// state's storage has grown to the other's size — what search snapshots need.
    public mutating func assign(from other: EliminationState) {
        // A programming error, not input: searches copy states within one game only.
        precondition(game === other.game, "states of different games")
        precondition(trialStart == nil, "assigning during a trial")
        if game.usesBitsets { bits.assign(from: other.bits, records: game.isScalar ? .none : .live) } else { lists.assign(from: other.lists) }
        if game.algebra != nil { attributes.assign(from: other.attributes) }
        if game.sharing != nil { computed.assign(from: other.computed) }
        storage = other.storage
        eliminatedFlags.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: other.eliminatedFlags) }
        eliminated.removeAll(keepingCapacity: true)
        eliminated.append(contentsOf: other.eliminated)
        cost = other.cost
    }

    /// Starts a trial: the steps from here on can be taken back with `rollBack()`, in time
    /// proportional to what they changed rather than to the position's size (the adjacency logs
    /// what it overwrites). A search tries a few steps on a large position this way instead of
    /// copying it.
    mutating func startTrial() {
        precondition(trialStart == nil, "a trial is under way")
        trialStart = (eliminated.count, cost, storage)
        if game.usesBitsets { bits.startRecording() } else { lists.startRecording() }
        if game.algebra != nil { attributes.startRecording() }
        if game.sharing != nil { computed.startRecording() }
    }

    /// Moves the position's attributes and computed values onto the model's current table when
    /// theirs has retired (`CodeValueTable`), so that retired tables are freed; trials keep theirs.
    mutating func refreshValues() {
        guard let sharing = game.sharing, trialStart == nil, computed.isStale else { return }
        sharing.refresh(&attributes, &computed)
    }

    /// Takes back every step since `startTrial()`: the position is again exactly as it was.
    mutating func rollBack() {
        guard let start = trialStart else { preconditionFailure("no trial under way") }
        trialStart = nil
        if game.usesBitsets { bits.rollBack() } else { lists.rollBack() }
        if game.algebra != nil { attributes.rollBack() }
        if game.sharing != nil { computed.rollBack() }
        for v in eliminated[start.eliminated...] { eliminatedFlags[v - 1] = false }
        eliminated.removeLast(eliminated.count - start.eliminated)
        cost = start.cost
        storage = start.storage
    }

    /// The work the steps played on this state (trials included) have done: one per step plus the
    /// list entries they merged — a step feeding a long list (the output's, late in reverse mode)
    /// does more. Bitset positions count steps.
    var work: Int { steps + lists.mergedEntries + attributes.mergedEntries }

    /// The bytes this position holds (adjacency with its spare room, flags, the order so far).
    public var bytes: Int {
        bits.bytes + lists.bytes + attributes.bytes + computed.bytes + eliminatedFlags.capacity + eliminated.capacity * MemoryLayout<Int>.stride
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
    public mutating func eliminate(_ v: Int) -> Double {
        // Orders users give are validated first (`validate(_:)`, `cost(of:)`); players choose among legal moves.
        precondition(canEliminate(v), "vertex \(v) cannot be eliminated in this position")
        let vi = v - 1
        let step: Double
        switch game.model.rules {
        case .paper:
            step = Double(eliminatePaper(vi))
        case .memory:
            let (level, remaining) = storageChange(vi)
            step = Double(storage.step(level: level, leaving: remaining))
            eliminatePaper(vi)
        case .attributes:
            refreshValues()
            eliminatePaper(vi)
            // The step takes the computed values and hands them back grown, so that they are never
            // shared while it adds to them (no copy).
            var rules = AttributeRecords(algebra: game.algebra!, sharing: game.sharing, values: ComputedValues())
            swap(&rules.values, &computed)
            step = attributes.eliminate(vi, keep: game.keepsInEdges[vi], rules: &rules)
            swap(&rules.values, &computed)
        case let .function(f):
            step = f.cost(StepEdges(self, vertex: v))
            eliminatePaper(vi)
        }
        eliminatedFlags[vi] = true
        eliminated.append(v)
        steps += 1
        cost += step
        return step
    }

    /// The cost eliminating v would have now, without eliminating it.
    public func costOfEliminating(_ v: Int) -> Double {
        switch game.model.rules {
        case .paper: return Double(paperCostOfEliminating(v))
        case .memory: return Double(storage.cost(level: storageChange(v - 1).level))
        case .attributes: return attributeCostOfEliminating(v - 1)
        case let .function(f): return f.cost(StepEdges(self, vertex: v))
        }
    }

    /// Eliminates vertex index vi from the adjacency (types by the paper's tables) and returns its
    /// `paper` cost.
    @discardableResult
    private mutating func eliminatePaper(_ vi: Int) -> Int {
        let keep = game.keepsInEdges[vi]
        return !game.usesBitsets ? lists.eliminate(vi, keep: keep, game: game)
            : game.isScalar ? bits.eliminateScalar(vi, keep: keep) : bits.eliminateStructured(vi, keep: keep, rules: PaperRecords(game: game))
    }

    /// The `paper` cost eliminating v would have now.
    func paperCostOfEliminating(_ v: Int) -> Int {
        let vi = v - 1
        if game.isScalar { return predecessorCount(ofIndex: vi) * successorCount(ofIndex: vi) }
        let vn = game.inputCount + vi
        let game = self.game
        var total = 0
        forEachSuccessorNode(ofIndex: vi) { wn in
            let out = record(from: vn, into: wn - game.inputCount)
            forEachInEdge(ofIndex: vi) { _, record in total += game.pairCost(record, out) }
        }
        return total
    }

    // The adjacency's primitives, whichever form it takes. Vertex indices are 0-based, nodes are
    // game node indices (inputs first).

    @inline(__always) func predecessorCount(ofIndex vi: Int) -> Int {
        game.usesBitsets ? bits.predecessorCount(vi) : lists.predecessorCount(vi)
    }

    @inline(__always) func successorCount(ofIndex vi: Int) -> Int {
        game.usesBitsets ? bits.successorCount(vi) : lists.successorCount(vi)
    }

    /// Calls `body` with the source node and record of each in-edge of vertex index vi, ascending.
    /// (The scalar fast path writes no records for new edges: on scalar graphs every edge is dense.)
    @inline(__always)
    func forEachInEdge(ofIndex vi: Int, _ body: (Int, UInt32) -> Void) {
        if !game.usesBitsets { return lists.forEachInEdge(vi, body) }
        if game.isScalar {
            let unit = game.unitRecord
            bits.forEachInEdge(vi) { u, _ in body(u, unit) }
        } else {
            bits.forEachInEdge(vi, body)
        }
    }

    /// Calls `body` with the node index of each successor of vertex index vi, ascending.
    @inline(__always)
    func forEachSuccessorNode(ofIndex vi: Int, _ body: (Int) -> Void) {
        game.usesBitsets ? bits.forEachSuccessor(vi, body) : lists.forEachSuccessor(vi, body)
    }

    /// The record of the edge from node `u` into vertex index `wi`, which must exist.
    @inline(__always)
    func record(from u: Int, into wi: Int) -> UInt32 {
        if !game.usesBitsets { return lists.record(from: u, into: wi) }
        return game.isScalar ? game.unitRecord : bits.record(from: u, into: wi)
    }

    /// Whether node u has an edge into vertex index wi.
    @inline(__always)
    func hasInEdge(from u: Int, into wi: Int) -> Bool {
        game.usesBitsets ? bits.hasInEdge(from: u, into: wi) : lists.hasInEdge(from: u, into: wi)
    }

    /// Whether vertex index vi has the same in-edges, records included, here and in `other`.
    func hasSameInEdges(as other: EliminationState, ofIndex vi: Int) -> Bool {
        (game.usesBitsets ? bits.hasSameInEdges(as: other.bits, vi) : lists.hasSameInEdges(as: other.lists, vi))
            && (game.algebra == nil || (computed.sharesTable(with: other.computed) && attributes.hasSameInEdges(as: other.attributes, vi)))
    }

    /// Whether vertex indices a and b have the same successors.
    func haveSameSuccessors(_ a: Int, _ b: Int) -> Bool {
        game.usesBitsets ? bits.sameSuccessors(a, b) : lists.sameSuccessors(a, b)
    }
}

extension EliminationState {
    /// What eliminating vertex index vi does to the stored entries (`memory`): the level while it
    /// runs — every live partial plus the new and grown products — and the entries left once v's
    /// own edges are gone.
    func storageChange(_ vi: Int) -> (level: Int, remaining: Int) {
        let game = self.game, rules = PaperRecords(game: game)
        let I = game.inputCount, vn = I + vi
        var growth = 0, freed = 0
        forEachSuccessorNode(ofIndex: vi) { wn in
            let out = record(from: vn, into: wn - I)
            freed += game.storedEntries(out)
            forEachInEdge(ofIndex: vi) { un, inRecord in
                let existing = hasInEdge(from: un, into: wn - I) ? record(from: un, into: wn - I) : nil
                let merged = rules.combine(in: inRecord, out: out, existing: existing).record
                growth += game.storedEntries(merged) - (existing.map(game.storedEntries) ?? 0)
            }
        }
        if !game.keepsInEdges[vi] { forEachInEdge(ofIndex: vi) { _, record in freed += game.storedEntries(record) } }
        return (storage.live + max(0, growth), storage.live + growth - freed)
    }

    /// What eliminating vertex index vi would cost under a model that follows per-edge attributes,
    /// its products taken in the order an elimination forms them (a model that shares values
    /// charges an operation to the first product that needs it).
    func attributeCostOfEliminating(_ vi: Int) -> Double {
        var rules = AttributeRecords(algebra: game.algebra!, sharing: game.sharing, values: computed.forTrial)
        let I = game.inputCount, vn = I + vi
        var total = 0.0
        attributes.forEachSuccessor(vi) { wn in
            let out = attributes.record(from: vn, into: wn - I)
            attributes.forEachInEdgeAsCombined(vi) { un, inAttribute in
                let existing = attributes.hasInEdge(from: un, into: wn - I) ? attributes.record(from: un, into: wn - I) : nil
                total += rules.combine(in: inAttribute, out: out, existing: existing).cost
            }
        }
        return total
    }
}
