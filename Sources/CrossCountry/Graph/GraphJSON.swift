/// ccs's own graph format, `ccs-graph` version 1 (documented in docs/graph-files.md):
///
/// ```json
/// {
///   "format": "ccs-graph", "version": 1, "name": "…",
///   "inputs":   [{"name": "x", "shape": [3]}, …],
///   "vertices": [{"op": "sin", "shape": [3]}, …],            // vertex k is entry k; optional "equation"
///   "outputs":  ["v7", …],
///   "edges":    [{"from": "x1", "to": "v1", "type": 6}, …],   // optional "from_shape"/"to_shape"
///   "orders":   [{"name": "…", "source": "…", "cost": 320, "order": [8, 82, …], "step_costs": […]}]
/// }
/// ```
///
/// Edge shapes are the game's 2-vectors and are written only where they differ from the nodes' own.
public enum GraphJSON {
    public static let formatName = "ccs-graph"
    public static let version = 1

    /// The graph as a `ccs-graph` document.
    public static func document(for graph: ComputationalGraph) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("format", .string(formatName)),
            ("version", JSONValue(version)),
            ("name", .string(graph.name)),
            ("inputs", .array(graph.inputs.map { .object([("name", .string($0.name)), ("shape", JSONValue($0.shape.dims))]) })),
            ("vertices", .array(graph.vertices.map { v in
                .object([("op", .string(v.op)), ("shape", JSONValue(v.shape.dims))] + (v.equation.map { [("equation", JSONValue($0))] } ?? []))
            })),
            ("outputs", .array(graph.outputs.map { .string(Node.vertex($0).description) })),
            ("edges", .array(graph.edges.map { edgeDocument($0, in: graph) })),
        ]
        if !graph.publishedOrders.isEmpty {
            members.append(("orders", .array(graph.publishedOrders.map(orderDocument))))
        }
        return .object(members)
    }

    private static func edgeDocument(_ edge: Edge, in graph: ComputationalGraph) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("from", .string(edge.source.description)),
            ("to", .string(Node.vertex(edge.target).description)),
            ("type", JSONValue(edge.type.rawValue)),
        ]
        if edge.sourceShape != graph.shape(of: edge.source).pair {
            members.append(("from_shape", JSONValue([edge.sourceShape.first, edge.sourceShape.second])))
        }
        if edge.targetShape != graph.vertices[edge.target - 1].shape.pair {
            members.append(("to_shape", JSONValue([edge.targetShape.first, edge.targetShape.second])))
        }
        return .object(members)
    }

    private static func orderDocument(_ order: PublishedOrder) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("name", .string(order.name))]
        if !order.source.isEmpty { members.append(("source", .string(order.source))) }
        if let cost = order.cost { members.append(("cost", JSONValue(cost))) }
        members.append(("order", JSONValue(order.order)))
        if let steps = order.stepCosts { members.append(("step_costs", JSONValue(steps))) }
        return .object(members)
    }

    /// Reads a `ccs-graph` document.
    public static func graph(from root: JSONField) throws -> ComputationalGraph {
        let format = try root.member("format")
        guard try format.string() == formatName else {
            throw format.mismatch("expected \"\(formatName)\"")
        }
        let versionField = try root.member("version")
        guard try versionField.int() == version else {
            throw versionField.mismatch("this ccs reads version \(version) of the format, the file has \(try versionField.int())")
        }
        let name = try root.optionalMember("name")?.string() ?? "graph"

        var inputs: [ComputationalGraph.Input] = []
        for field in try root.member("inputs").elements() {
            inputs.append(.init(name: try field.member("name").string(), shape: try shape(field.member("shape"))))
        }
        var vertices: [ComputationalGraph.Vertex] = []
        for field in try root.member("vertices").elements() {
            vertices.append(.init(op: try field.member("op").string(), shape: try shape(field.member("shape")),
                                  equation: try field.optionalMember("equation")?.int()))
        }
        var outputs: [Int] = []
        for field in try root.member("outputs").elements() {
            guard case let .vertex(k)? = try node(field) else { throw field.mismatch("an output must be a vertex (v1, v2, …)") }
            outputs.append(k)
        }
        func pair(of node: Node, _ field: JSONField) throws -> ShapePair {
            switch node {
            case let .input(i) where i >= 1 && i <= inputs.count: return inputs[i - 1].shape.pair
            case let .vertex(k) where k >= 1 && k <= vertices.count: return vertices[k - 1].shape.pair
            default: throw field.mismatch("\(node) does not exist (the graph has \(counted(inputs.count, "input")) and \(counted(vertices.count, "vertex", plural: "vertices")))")
            }
        }
        var edges: [Edge] = []
        for field in try root.member("edges").elements() {
            let fromField = try field.member("from"), toField = try field.member("to")
            guard let source = try node(fromField) else { throw fromField.mismatch("expected a node name like \"x1\" or \"v4\"") }
            guard case let .vertex(target)? = try node(toField) else { throw toField.mismatch("an edge must end at a vertex (v1, v2, …)") }
            let typeField = try field.member("type")
            guard let type = SparsityType(rawValue: try typeField.int()) else {
                throw typeField.mismatch("\(try typeField.int()) is not a sparsity type (−10…11)")
            }
            let sourceShape = try field.optionalMember("from_shape").map(shapePair) ?? pair(of: source, fromField)
            let targetShape = try field.optionalMember("to_shape").map(shapePair) ?? pair(of: .vertex(target), toField)
            edges.append(Edge(source: source, target: target, type: type, targetShape: targetShape, sourceShape: sourceShape))
        }
        var orders: [PublishedOrder] = []
        for field in try root.optionalMember("orders")?.elements() ?? [] {
            orders.append(PublishedOrder(
                name: try field.member("name").string(),
                source: try field.optionalMember("source")?.string() ?? "",
                order: try field.member("order").ints(),
                cost: try field.optionalMember("cost")?.int(),
                stepCosts: try field.optionalMember("step_costs")?.ints()))
        }
        return try ComputationalGraph(name: name, inputs: inputs, vertices: vertices, outputs: outputs, edges: edges,
                                      publishedOrders: orders)
    }

    private static func node(_ field: JSONField) throws -> Node? {
        Node(Substring(try field.string()))
    }

    private static func shape(_ field: JSONField) throws -> Shape {
        do {
            return try Shape(dims: try field.ints())
        } catch let error as ShapeError {
            throw field.mismatch(error.description)
        }
    }

    private static func shapePair(_ field: JSONField) throws -> ShapePair {
        let dims = try field.ints()
        guard dims.count == 2, !dims.contains(0) else { throw field.mismatch("expected two nonzero extents, [rows, cols]") }
        return ShapePair(dims[0], dims[1])
    }
}
