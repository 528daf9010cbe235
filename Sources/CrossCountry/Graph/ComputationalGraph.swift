/// A function's computational graph for cross-country elimination: numbered inputs, one vertex per
/// primitive operation, marked outputs, and edges carrying the structure of their partials.
///
/// A value of this type is always valid: every edge joins existing nodes, ends at a vertex, carries a
/// real sparsity type and positive shapes of at most `Shape.largestCount` elements, appears once,
/// and the edges form no cycle.
public struct ComputationalGraph: Sendable {
    /// An input of the function.
    public struct Input: Hashable, Sendable {
        public var name: String
        public var shape: Shape
        public init(name: String, shape: Shape) {
            self.name = name
            self.shape = shape
        }
    }

    /// A vertex: the primitive that computes it and the shape of its value.
    public struct Vertex: Hashable, Sendable {
        public var op: String
        public var shape: Shape
        /// The 1-based number of the jaxpr equation the vertex was imported from — its vertex number
        /// in graphax and AlphaGrad — when that differs from ccs's count (constants folded, regions inlined).
        public var equation: Int?
        public init(op: String, shape: Shape, equation: Int? = nil) {
            self.op = op
            self.shape = shape
            self.equation = equation
        }
    }

    public var name: String
    public private(set) var inputs: [Input]
    /// Vertex k is `vertices[k - 1]`.
    public private(set) var vertices: [Vertex]
    /// Output vertices in the function's output order.
    public private(set) var outputs: [Int]
    public private(set) var edges: [Edge]
    /// Orders carried from publications, with their reported costs.
    public var publishedOrders: [PublishedOrder]

    public init(
        name: String, inputs: [Input], vertices: [Vertex], outputs: [Int], edges: [Edge],
        publishedOrders: [PublishedOrder] = []
    ) throws(GraphError) {
        self.name = name
        self.inputs = inputs
        self.vertices = vertices
        self.outputs = outputs
        self.edges = edges
        self.publishedOrders = publishedOrders
        try validate()
    }

    public var inputCount: Int { inputs.count }
    public var vertexCount: Int { vertices.count }
    public var outputCount: Int { outputs.count }

    /// Vertices that are outputs and feed no other vertex are never eliminated; every other vertex is
    /// eliminable (an output that is also used inside the graph keeps its in-edges when eliminated).
    public var eliminableVertices: [Int] {
        var feeds = [Bool](repeating: false, count: vertices.count + 1)
        for edge in edges { if case let .vertex(k) = edge.source { feeds[k] = true } }
        let isOutput = Set(outputs)
        return (1...vertices.count).filter { !isOutput.contains($0) || feeds[$0] }
    }

    /// The number of eliminable vertices (the length of every complete order).
    public var intermediateCount: Int { eliminableVertices.count }

    /// The shape of a node.
    public func shape(of node: Node) -> Shape {
        switch node {
        case let .input(i): return inputs[i - 1].shape
        case let .vertex(k): return vertices[k - 1].shape
        }
    }

    private func validate() throws(GraphError) {
        guard !vertices.isEmpty else { throw .invalid("the graph has no vertices") }
        guard !outputs.isEmpty else { throw .invalid("the graph has no outputs") }
        var seenOutputs = Set<Int>()
        for output in outputs {
            guard (1...vertices.count).contains(output) else {
                throw .invalid("output v\(output) is not a vertex (the graph has v1…v\(vertices.count))")
            }
            guard seenOutputs.insert(output).inserted else { throw .invalid("output v\(output) is listed twice") }
        }
        var seenEdges = Set<EdgeKey>()
        for edge in edges {
            switch edge.source {
            case let .input(i) where i < 1 || i > inputs.count:
                throw .invalid("edge \(edge.source)→v\(edge.target): the graph has \(counted(inputs.count, "input"))")
            case let .vertex(k) where k < 1 || k > vertices.count:
                throw .invalid("edge \(edge.source)→v\(edge.target): the graph has vertices v1…v\(vertices.count)")
            default: break
            }
            guard (1...vertices.count).contains(edge.target) else {
                throw .invalid("edge \(edge.source)→v\(edge.target): the graph has vertices v1…v\(vertices.count)")
            }
            guard edge.source != .vertex(edge.target) else { throw .invalid("edge v\(edge.target)→v\(edge.target) is a loop") }
            guard edge.type != .none else {
                throw .invalid("edge \(edge.source)→v\(edge.target) has sparsity type 0, which means no edge")
            }
            for extent in [edge.targetShape.first, edge.targetShape.second, edge.sourceShape.first, edge.sourceShape.second]
            where extent == 0 {
                throw .invalid("edge \(edge.source)→v\(edge.target) has a zero shape extent")
            }
            for pair in [edge.sourceShape, edge.targetShape] where Shape.count(of: pair) == nil {
                throw .invalid("edge \(edge.source)→v\(edge.target): shape \(pair) has more than \(Bounds.grouped(Shape.largestCount)) elements, the most ccs allows")
            }
            guard seenEdges.insert(EdgeKey(source: edge.source, target: edge.target)).inserted else {
                throw .invalid("edge \(edge.source)→v\(edge.target) appears twice")
            }
        }
        if let cycleVertex = firstVertexOnCycle() {
            throw .invalid("the edges form a cycle through v\(cycleVertex)")
        }
    }

    private struct EdgeKey: Hashable {
        var source: Node
        var target: Int
    }

    /// Kahn's algorithm over vertex→vertex edges; returns a vertex left on a cycle, if any.
    private func firstVertexOnCycle() -> Int? {
        var indegree = [Int](repeating: 0, count: vertices.count + 1)
        var successors = [[Int]](repeating: [], count: vertices.count + 1)
        for edge in edges {
            if case let .vertex(k) = edge.source {
                successors[k].append(edge.target)
                indegree[edge.target] += 1
            }
        }
        var ready = (1...vertices.count).filter { indegree[$0] == 0 }
        var done = 0
        while let k = ready.popLast() {
            done += 1
            for w in successors[k] {
                indegree[w] -= 1
                if indegree[w] == 0 { ready.append(w) }
            }
        }
        guard done < vertices.count else { return nil }
        return (1...vertices.count).first { indegree[$0] > 0 }
    }
}

/// Why a graph could not be built or read.
public enum GraphError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The graph's structure is inconsistent.
    case invalid(String)
    /// A file could not be read or parsed; `location` is `line:col` when known.
    case file(path: String, location: String?, message: String)

    public var description: String {
        switch self {
        case let .invalid(message): return message
        case let .file(path, location, message):
            return location.map { "\(path):\($0): error: \(message)" } ?? "\(path): error: \(message)"
        }
    }
}
