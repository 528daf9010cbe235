import CrossCountry

extension Builtins {
    /// Tracing functions into graphs and reading graphs back.
    static func tracing() -> [Builtin] {
        [
            Builtin("graph", [parameter("f"), rest("args")],
                    summary: "Traces f at example arguments into its computational graph: one vertex per primitive call on a value that depends on the arguments; constants fold; a tuple result gives several outputs.",
                    example: "let g = graph(fn(x, y) = sin(x * y) + x, 0.5, 2)") { (a: inout Arguments) throws(ScriptError) in
                let f = try a.callable("f")
                return .graph(GraphValue(try trace(f, a.rest, at: a.callRange, interpreter: a.interpreter)))
            },
            Builtin("vertices", [parameter("g")], summary: "A table of the graph's vertices: primitive, shape and the nodes it reads.",
                    example: "vertices(graph(fn(x) = exp(x) * x, 1))") { (a: inout Arguments) throws(ScriptError) in
                let graph = try a.graph("g").graph
                var sources = [[String]](repeating: [], count: graph.vertexCount)
                for edge in graph.edges { sources[edge.target - 1].append(edge.source.description) }
                let outputs = Set(graph.outputs)
                let rows: [[Value]] = graph.vertices.enumerated().map { i, vertex in
                    [.string("v\(i + 1)\(outputs.contains(i + 1) ? " (out)" : "")"), .string(vertex.op), .string(vertex.shape.description),
                     .string(sources[i].joined(separator: " "))]
                }
                return .table(TableValue(header: ["vertex", "op", "shape", "reads"], rows: rows))
            },
        ]
    }

    /// Runs `f` on traced inputs at the given points and builds the graph of what it computed.
    static func trace(_ f: Function, _ points: [(Value, SourceRange)], at range: SourceRange,
                      interpreter: Interpreter) throws(ScriptError) -> NumericGraph {
        let builder = GraphBuilder(name: f.name == "fn" ? "f" : f.name)
        var inputs: [(Value, SourceRange)] = []
        for (i, (point, pointRange)) in points.enumerated() {
            guard case let .constant(tensor)? = PrimitiveCall.operand(point), point.shape != nil, !point.isBoolean else {
                throw .runtime("graph traces at numbers, vectors or matrices, got \(point.typeDescription)", at: pointRange)
            }
            let name = i < f.parameters.count && !f.isVariadic(at: i) ? f.parameters[i].name : "x\(i + 1)"
            do throws(TraceError) {
                let input = try builder.input(name, tensor)
                inputs.append((PrimitiveCall.value(input, builder: builder), pointRange))
            } catch {
                throw .runtime("graph: \(error)", at: pointRange)
            }
        }
        let result = try interpreter.call(f, inputs, at: range)
        var outputs: [Value] = []
        try flatten(result, into: &outputs, at: range)
        do throws(TraceError) {
            for output in outputs {
                guard let operand = PrimitiveCall.operand(output) else { continue }
                try builder.markOutput(operand)
            }
            return try builder.build()
        } catch {
            throw .runtime("graph: \(error)", at: range)
        }
    }

    /// The outputs of a traced function: a numeric value, or the numeric leaves of tuples and lists.
    private static func flatten(_ value: Value, into outputs: inout [Value], at range: SourceRange) throws(ScriptError) {
        guard Value.numericLeaves(value, into: &outputs) else {
            throw .runtime("a traced function must return numbers, vectors or matrices (or a tuple of them), got \(value.typeDescription)",
                           at: range)
        }
    }
}

extension Function {
    /// Whether parameter i collects the remaining arguments.
    func isVariadic(at i: Int) -> Bool {
        if case .variadic = parameters[i].defaultValue { return true }
        return false
    }
}

extension Value {
    /// Appends the numbers, vectors and matrices of a value (a tuple or list of them, nested; a
    /// Jacobian's blocks output by output, as a Jacobian traced inside graph(…) gives them) in order;
    /// false when something else is among them.
    @discardableResult
    static func numericLeaves(_ value: Value, into leaves: inout [Value]) -> Bool {
        switch value {
        case .number, .tensor, .traced:
            leaves.append(value)
            return true
        case let .tuple(items), let .list(items):
            return items.allSatisfy { numericLeaves($0, into: &leaves) }
        case let .jacobian(j) where j.entries != nil:
            return (j.entries ?? []).allSatisfy { $0.allSatisfy { numericLeaves($0, into: &leaves) } }
        case let .jacobian(j):
            for o in j.blocks.indices { for i in j.blocks[o].indices { leaves.append(j.block(o, i)) } }
            return true
        default:
            return false
        }
    }

    var isBoolean: Bool {
        if case .bool = self { return true }
        return false
    }
}
