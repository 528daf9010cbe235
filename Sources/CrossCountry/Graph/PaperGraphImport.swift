/// Import of the AlphaGrad test-vector format: a document whose `tasks` map names to edge lists
/// `[src_kind, src_index, dst, type, o1, o2, p1, p2]` (or one such task object on its own).
public enum PaperGraphImport {
    /// Whether a document looks like the paper's format rather than ccs's own.
    public static func recognizes(_ document: JSONValue) -> Bool {
        document["tasks"] != nil || (document["edges"] != nil && document["num_inputs"] != nil)
    }

    /// Every graph in the document, in file order.
    public static func graphs(from root: JSONField, defaultName: String) throws -> [ComputationalGraph] {
        if let tasks = try root.optionalMember("tasks") {
            guard case let .object(members) = tasks.value else { throw tasks.mismatch("expected an object of tasks") }
            var graphs: [ComputationalGraph] = []
            for member in members {
                graphs.append(try graph(named: member.key, from: try tasks.member(member.key)))
            }
            return graphs
        }
        return [try graph(named: defaultName, from: root)]
    }

    /// The most inputs or vertices a task may declare: arrays of that length are made before the
    /// edges are read, so a count is checked before it is believed.
    public static let largestCount = 1 << 24

    private static func count(_ field: JSONField, in range: ClosedRange<Int>) throws -> Int {
        do {
            return try Bounds.whole(try field.int(), field.path, in: range)
        } catch let violation as Bounds.Violation {
            throw JSONField.Mismatch(path: "", message: violation.description)
        }
    }

    /// One task object as a graph, with its published orders.
    public static func graph(named name: String, from task: JSONField) throws -> ComputationalGraph {
        let inputCount = try count(task.member("num_inputs"), in: 0...largestCount)
        let vertexCount = try count(task.member("num_vertices"), in: 1...largestCount)

        var inputShapes = [Shape](repeating: .scalar, count: inputCount)
        if let shapes = try task.optionalMember("input_shapes") {
            let fields = try shapes.elements()
            guard fields.count == inputCount else { throw shapes.mismatch("has \(fields.count) shapes for \(inputCount) inputs") }
            for (i, field) in fields.enumerated() {
                do { inputShapes[i] = try Shape(dims: try field.ints()) } catch let error as ShapeError { throw field.mismatch(error.description) }
            }
        }
        var ops = [String](repeating: "op", count: vertexCount)
        if let primitives = try task.optionalMember("vertex_primitives") {
            let fields = try primitives.elements()
            guard fields.count == vertexCount else { throw primitives.mismatch("has \(fields.count) names for \(vertexCount) vertices") }
            for (k, field) in fields.enumerated() { ops[k] = try field.string() }
        }

        var edges: [Edge] = []
        var inShape = [ShapePair?](repeating: nil, count: vertexCount + 1)
        var outShape = [ShapePair?](repeating: nil, count: vertexCount + 1)
        for field in try task.member("edges").elements() {
            let items = try field.elements()
            guard items.count == 8 else { throw field.mismatch("expected [src_kind, src_index, dst, type, o1, o2, p1, p2]") }
            let kind = try items[0].string()
            let index = try items[1].int()
            let source: Node
            switch kind {
            case "x": source = .input(index)
            case "v": source = .vertex(index)
            default: throw items[0].mismatch("expected \"x\" or \"v\"")
            }
            let target = try items[2].int()
            guard let type = SparsityType(rawValue: try items[3].int()) else { throw items[3].mismatch("not a sparsity type (−10…11)") }
            let values = try items[4...].map { try $0.int() }
            let edge = Edge(source: source, target: target, type: type,
                            targetShape: ShapePair(values[0], values[1]), sourceShape: ShapePair(values[2], values[3]))
            if (1...vertexCount).contains(target), inShape[target] == nil { inShape[target] = edge.targetShape }
            if case let .vertex(k) = source, (1...vertexCount).contains(k), outShape[k] == nil { outShape[k] = edge.sourceShape }
            edges.append(edge)
        }
        let vertices = (1...vertexCount).map { k in
            ComputationalGraph.Vertex(op: ops[k - 1], shape: Shape(pair: inShape[k] ?? outShape[k] ?? ShapePair(1, 1)))
        }
        let outputs = try task.member("output_vertices").ints()
        var orders: [PublishedOrder] = []
        for field in try task.optionalMember("orders")?.elements() ?? [] {
            orders.append(PublishedOrder(
                name: try field.member("name").string(),
                source: try field.optionalMember("source")?.string() ?? "",
                order: try field.member("order").ints(),
                cost: try field.optionalMember("cost_vertexgame")?.int(),
                stepCosts: try field.optionalMember("step_costs")?.ints()))
        }
        return try ComputationalGraph(
            name: name,
            inputs: inputShapes.enumerated().map { .init(name: "x\($0 + 1)", shape: $1) },
            vertices: vertices, outputs: outputs, edges: edges, publishedOrders: orders)
    }
}
