/// A graph compiled for the vertex elimination game under one cost model: the immutable rules and
/// starting position that every `EliminationState` played on it shares.
///
/// Nodes are indexed 0..<nodeCount: inputs first (input i at i−1), then vertex k at
/// inputCount + k − 1. Edge records pack the sparsity type with interned ids of the two shapes the
/// edge records; a state keeps, per vertex, its in-edges (source node and record) and its
/// successors as sorted lists, so its memory is proportional to the edges.
public final class EliminationGame: Sendable {
    public let graph: ComputationalGraph
    /// What a step costs in this game.
    public let model: CostModel
    public let inputCount: Int
    public let vertexCount: Int
    public let nodeCount: Int
    /// Eliminable vertex numbers, ascending.
    public let eliminable: [Int]
    /// Per vertex index: an output that is also used inside the graph keeps its in-edges when eliminated.
    let keepsInEdges: [Bool]
    let isEliminable: [Bool]
    /// True when every edge is dense between (1,1) shapes: costs are then |pred|·|succ| and records never change.
    public let isScalar: Bool
    /// Whether no order can cost more than `ComputationalGraph.largestCost` in total: then every
    /// total is exact and whole-number arithmetic on totals (lower bounds, exact search) is safe.
    /// Otherwise a total past 2^53 is rounded to double precision (steps are always exact).
    public let totalsAreExact: Bool

    /// Interned shapes: `factor[id * 4 + m]` is the product of the shape's extents selected by the
    /// two mask bits m (negative extents count 1); `absFactor` takes absolute values instead.
    let factor: [Int]
    let absFactor: [Int]
    let shapes: [ShapePair]

    /// Per (in type, out type) table index pair: bits 0–5 the contraction mask, bit 6 set when the
    /// product costs anything, bits 8–12 the product type's table index.
    let pairTable: [UInt16]
    let sumTable: [UInt8]

    /// Whether positions keep their adjacency as bitsets (small graphs) or as lists.
    let usesBitsets: Bool
    /// The starting adjacency in the form positions use (the other is empty).
    let initialBits: BitAdjacency
    let initialLists: ListAdjacency
    /// The record every edge of a scalar graph carries: dense between (1, 1) shapes.
    let unitRecord: UInt32

    /// How positions store the remaining graph.
    public enum Adjacency: Sendable {
        /// Bitsets up to `bitsetNodeLimit` nodes, lists above.
        case automatic
        case bitsets
        case lists
    }

    /// The most nodes a graph may have for bitset positions: their memory is quadratic in the
    /// nodes (1 MB of records at 512), while lists stay proportional to the edges.
    public static let bitsetNodeLimit = 512

    /// A model that follows its own attribute per edge (`exact`): the algebra bound to this graph.
    let algebra: (any EdgeAlgebra)?
    /// The same algebra when it prices equal values once (`code`, `runtime`).
    let sharing: (any ValueSharingAlgebra)?
    /// The starting attributes, in an adjacency of their own (empty without an algebra).
    let initialAttributes: ListAdjacency
    /// The entries the graph's own partials store (`memory`'s starting tally).
    let initialEntries: Int

    /// Compiles a graph for a cost model; fails for a graph with more than 4,096 distinct edge
    /// shapes, or one where a single step could cost more than `ComputationalGraph.largestCost`
    /// (so that no step overflows or rounds), and for a model that needs a traced graph (`exact`).
    /// `scalarFastPath: false` plays scalar graphs through the general record path, and
    /// `adjacency` picks the storage (both for tests and benchmarks).
    public convenience init(_ graph: ComputationalGraph, model: CostModel = .paper, scalarFastPath: Bool = true,
                            adjacency: Adjacency = .automatic) throws(GraphError) {
        try self.init(graph, traced: nil, model: model, scalarFastPath: scalarFastPath, adjacency: adjacency)
    }

    /// Compiles a traced graph for a cost model; every model can price it.
    public convenience init(_ traced: NumericGraph, model: CostModel = .paper, adjacency: Adjacency = .automatic) throws(GraphError) {
        try self.init(traced.graph, traced: traced, model: model, scalarFastPath: true, adjacency: adjacency)
    }

    init(_ graph: ComputationalGraph, traced: NumericGraph?, model: CostModel, scalarFastPath: Bool,
         adjacency: Adjacency) throws(GraphError) {
        let bound = graph.costBound(limit: ComputationalGraph.largestCost)
        if let v = bound.stepPassedAt {
            throw .invalid("graph \(graph.name) is too large for exact costs: eliminating v\(v) (shape \(graph.vertices[v - 1].shape)) could count more than 2^53 multiplications in one step; ccs counts each step exactly up to 2^53")
        }
        totalsAreExact = bound.total != nil
        self.graph = graph
        self.model = model
        inputCount = graph.inputCount
        vertexCount = graph.vertexCount
        nodeCount = inputCount + vertexCount
        eliminable = graph.eliminableVertices
        var eliminableFlags = [Bool](repeating: false, count: vertexCount)
        for v in eliminable { eliminableFlags[v - 1] = true }
        isEliminable = eliminableFlags
        var keeps = [Bool](repeating: false, count: vertexCount)
        for v in graph.outputs where eliminableFlags[v - 1] { keeps[v - 1] = true }
        keepsInEdges = keeps

        var shapeIDs: [ShapePair: UInt32] = [:]
        var shapes: [ShapePair] = []
        func intern(_ s: ShapePair) -> UInt32 {
            if let id = shapeIDs[s] { return id }
            shapeIDs[s] = UInt32(shapes.count)
            shapes.append(s)
            return UInt32(shapes.count - 1)
        }
        var inEdges = [[UInt64]](repeating: [], count: vertexCount)
        var scalar = true
        let unit = ShapePair(1, 1)
        for edge in graph.edges {
            let source = Self.index(of: edge.source, inputCount: inputCount)
            let target = edge.target - 1
            let record = UInt32(edge.type.tableIndex) | intern(edge.targetShape) << 8 | intern(edge.sourceShape) << 20
            inEdges[target].append(InEdge.make(source, record))
            if edge.type != .dense || edge.targetShape != unit || edge.sourceShape != unit { scalar = false }
        }
        guard shapes.count <= 4096 else {
            throw .invalid("the graph has \(shapes.count) distinct edge shapes; the elimination game supports 4,096")
        }
        isScalar = scalar && scalarFastPath
        self.shapes = shapes
        unitRecord = shapeIDs[unit].map { UInt32(SparsityType.dense.tableIndex) | $0 << 8 | $0 << 20 } ?? 0
        // A graph lists an edge once; were one repeated, the last record stands, as it always has.
        let sortedInEdges = inEdges.map { edges in
            var last: [UInt64] = []
            for e in edges.enumerated().sorted(by: { (InEdge.node($0.element), $0.offset) < (InEdge.node($1.element), $1.offset) }) {
                if let l = last.last, InEdge.node(l) == InEdge.node(e.element) { last.removeLast() }
                last.append(e.element)
            }
            return last
        }
        usesBitsets = adjacency == .bitsets || (adjacency == .automatic && nodeCount <= Self.bitsetNodeLimit)
        initialBits = usesBitsets ? BitAdjacency(inputCount: inputCount, inEdges: sortedInEdges) : .empty
        initialLists = usesBitsets ? .empty : ListAdjacency(inputCount: inputCount, inEdges: sortedInEdges)
        if case let .attributes(bind) = model.rules {
            guard let traced else {
                throw .invalid("the \(model.name) cost model needs a traced graph (it reads the partials' structures); \(graph.name) has none")
            }
            let algebra = try bind(traced)
            var attributed = sortedInEdges
            for (target, entries) in sortedInEdges.enumerated() {
                for (k, entry) in entries.enumerated() {
                    let u = InEdge.node(entry)
                    let source: Node = u < inputCount ? .input(u + 1) : .vertex(u - inputCount + 1)
                    attributed[target][k] = InEdge.make(u, try algebra.attribute(from: source, to: target + 1))
                }
            }
            self.algebra = algebra
            sharing = algebra as? any ValueSharingAlgebra
            initialAttributes = ListAdjacency(inputCount: inputCount, inEdges: attributed)
        } else {
            algebra = nil
            sharing = nil
            initialAttributes = .empty
        }

        var factor: [Int] = [], absFactor: [Int] = []
        for s in shapes {
            let a = s.first < 0 ? 1 : s.first, b = s.second < 0 ? 1 : s.second
            factor += [1, a, b, a * b]
            absFactor += [1, abs(s.first), abs(s.second), abs(s.first) * abs(s.second)]
        }
        self.factor = factor
        self.absFactor = absFactor

        let n = SparsityTables.size
        var pairs = [UInt16](repeating: 0, count: n * n)
        let constantIdentity = SparsityType.scaledIdentity.tableIndex
        for i in 0..<n {
            for o in 0..<n {
                let mask = UInt16(SparsityTables.contractionMask[i * n + o])
                let costs: UInt16 = mask != 0 || (i == constantIdentity && o == constantIdentity) ? 64 : 0
                let product = UInt16(Int(SparsityTables.product[i * n + o]) + 10)
                pairs[i * n + o] = mask | costs | product << 8
            }
        }
        pairTable = pairs
        sumTable = SparsityTables.sum.map { UInt8(Int($0) + 10) }
        initialEntries = sortedInEdges.joined().reduce(0) { $0 + Self.storedEntries(InEdge.record($1), factor: factor) }
    }

    /// Whether the adjacency alone tells positions apart: on scalar graphs every record is the
    /// same, unless the model follows attributes of its own.
    var adjacencyIsPosition: Bool { isScalar && algebra == nil }

    /// A graph's node index (inputs first, then vertices).
    static func index(of node: Node, inputCount: Int) -> Int {
        switch node {
        case let .input(i): return i - 1
        case let .vertex(k): return inputCount + k - 1
        }
    }

    /// The starting position.
    public func start() -> EliminationState { EliminationState(game: self) }

    /// Forward mode: the eliminable vertices in ascending (program) order.
    public var forwardOrder: [Int] { eliminable }

    /// Reverse mode: the eliminable vertices in descending order.
    public var reverseOrder: [Int] { eliminable.reversed() }

    /// The multiplications of one (u→v, v→w) product under the paper's contraction table.
    @inline(__always)
    func pairCost(_ inRecord: UInt32, _ outRecord: UInt32) -> Int {
        let entry = Int(pairTable[Int(inRecord & 31) * SparsityTables.size + Int(outRecord & 31)])
        guard entry & 64 != 0 else { return 0 }
        let mask = entry & 63
        return factor[Int((outRecord >> 8) & 0xFFF) * 4 + (mask & 3)]
            * absFactor[Int(outRecord >> 20) * 4 + ((mask >> 2) & 3)]
            * factor[Int(inRecord >> 20) * 4 + ((mask >> 4) & 3)]
    }
}
