import Synchronization

/// A cost model written as a function of the live edges around the vertex being eliminated — a
/// user's `.ccs` model, compiled by the language layer into `body`. It must be a pure function of
/// what `StepEdges` shows: the game calls it any number of times, on several threads, in any order.
///
/// The game cannot stop in the middle of a step, so a value that is not a finite number at least 0
/// counts as 0 and is recorded (`failure`); whoever started the game reports it afterwards.
public final class EdgeCostFunction: Sendable {
    /// A step the function priced wrongly: the vertex and the value it gave.
    public struct Failure: Sendable, Equatable {
        public let vertex: Int
        public let value: Double
    }

    private let body: @Sendable (StepEdges) -> Double
    private let failed = Mutex<Failure?>(nil)

    public init(_ body: @escaping @Sendable (StepEdges) -> Double) {
        self.body = body
    }

    /// The cost of eliminating the vertex of `edges` now.
    @inline(__always)
    func cost(_ edges: StepEdges) -> Double {
        let value = body(edges)
        if value >= 0 && value.isFinite { return value }
        failed.withLock { if $0 == nil { $0 = Failure(vertex: edges.vertex, value: value) } }
        return 0
    }

    /// The first wrongly priced step since the last `clearFailure()`.
    public var failure: Failure? { failed.withLock { $0 } }

    public func clearFailure() { failed.withLock { $0 = nil } }
}

/// The live edges around one vertex in one position, as a compiled cost model reads them: counts,
/// and each edge in turn (`EdgeRef`) with its sparsity type and recorded shapes — without building
/// an array.
public struct StepEdges {
    /// The vertex being priced (1-based).
    public let vertex: Int
    let state: EliminationState

    init(_ state: EliminationState, vertex: Int) {
        self.state = state
        self.vertex = vertex
    }

    /// The number of edges into the vertex now.
    public var inCount: Int { state.predecessorCount(ofIndex: vertex - 1) }
    /// The number of edges out of the vertex now.
    public var outCount: Int { state.successorCount(ofIndex: vertex - 1) }
    /// The vertex's primitive (`mul`, `sin`, …).
    public var op: String { state.game.graph.vertices[vertex - 1].op }
    /// The vertex's shape.
    public var shape: Shape { state.game.graph.vertices[vertex - 1].shape }

    /// Calls `body` with each edge u→v into the vertex, by ascending source.
    @inline(__always)
    public func forEachIn(_ body: (EdgeRef) -> Void) {
        let target = Int32(state.game.inputCount + vertex - 1)
        state.forEachInEdge(ofIndex: vertex - 1) { un, record in body(EdgeRef(source: Int32(un), target: target, record: record)) }
    }

    /// Calls `body` with each edge v→w out of the vertex, by ascending target.
    @inline(__always)
    public func forEachOut(_ body: (EdgeRef) -> Void) {
        let I = state.game.inputCount, vn = I + vertex - 1
        state.forEachSuccessorNode(ofIndex: vertex - 1) { wn in
            body(EdgeRef(source: Int32(vn), target: Int32(wn), record: state.record(from: vn, into: wn - I)))
        }
    }

    /// The sparsity type of an edge's partial.
    public func type(_ edge: EdgeRef) -> SparsityType { SparsityType(rawValue: Int(edge.record & 31) - 10) ?? .none }
    /// The shape an edge records for its source (the paper's (p1, p2)).
    public func sourceShape(_ edge: EdgeRef) -> ShapePair { state.game.shapes[Int(edge.record >> 20)] }
    /// The shape an edge records for its target (the paper's (o1, o2)).
    public func targetShape(_ edge: EdgeRef) -> ShapePair { state.game.shapes[Int((edge.record >> 8) & 0xFFF)] }
    public func source(_ edge: EdgeRef) -> Node { state.game.node(at: Int(edge.source)) }
    public func target(_ edge: EdgeRef) -> Node { state.game.node(at: Int(edge.target)) }
    /// The `paper` multiplications of an in-edge u→v times an out-edge v→w.
    public func paperCost(_ inEdge: EdgeRef, _ outEdge: EdgeRef) -> Int { state.game.pairCost(inEdge.record, outEdge.record) }
}

/// One live edge as `StepEdges` hands it out: its two ends (game node indices) and its record.
public struct EdgeRef: Sendable, Equatable {
    let source: Int32
    let target: Int32
    let record: UInt32
}

extension EdgeRef {
    /// No edge: what a model finds past the end of a vertex's edges (sparsity type 0, no shapes).
    public static let none = EdgeRef(source: 0, target: 0, record: UInt32(SparsityType.none.tableIndex))
}
