extension GraphBuilder {
    /// Records in this builder the computation of the Jacobian of the scalar graph `graph` at the
    /// operands `inputs` (one per input of `graph`, traced here or constant), eliminating in `order`:
    /// the primal operations, then each vertex's local partials (the `DerivativeRules` applied to
    /// traced scalars), then every elimination's multiply and add — the graph of a Jacobian, which
    /// can itself be differentiated (Hessians, second-order sensitivities). Returns the outputs and
    /// the Jacobian entries [output][input] (a constant 0 where no path exists).
    public func traceJacobian(of graph: NumericGraph, at inputs: [Operand], order: [Int])
        throws(TraceError) -> (outputs: [Operand], jacobian: [[Operand]]) {
        let g = graph.graph
        for input in g.inputs where !input.shape.isScalar {
            throw .notScalar("nested differentiation needs a scalar graph; input \(input.name) has shape \(input.shape)")
        }
        for (k, vertex) in g.vertices.enumerated() where !vertex.shape.isScalar {
            throw .notScalar("nested differentiation needs a scalar graph; v\(k + 1) (\(vertex.op)) has shape \(vertex.shape)")
        }
        guard inputs.count == g.inputCount else {
            throw .arity(primitive: "jacobian of \(g.name)", expected: "\(g.inputCount) inputs", got: inputs.count)
        }
        for input in inputs where !input.shape.isScalar {
            throw .shapeMismatch(primitive: "jacobian of \(g.name)", shapes: inputs.map(\.shape), reason: "must all be scalars")
        }
        do { try EliminationGame.validate(order, vertexCount: g.vertexCount, eliminable: g.eliminableVertices) } catch { throw .order(error) }

        let I = g.inputCount
        var values = inputs.map { TracedScalar($0, in: self) }
        func scalar(_ argument: TracedOperation.Argument) -> TracedScalar {
            switch argument {
            case let .constant(t): return TracedScalar(constant: t.scalars[0])
            case let .node(.input(i)): return values[i - 1]
            case let .node(.vertex(k)): return values[I + k - 1]
            }
        }
        for operation in graph.operations {
            values.append(TracedScalar(try apply(operation.primitive, operation.arguments.map { scalar($0).operand }), in: self))
        }

        // edges[w][u]: ∂w/∂u so far, for vertex index w and node index u.
        var edges = [[Int: TracedScalar]](repeating: [:], count: g.vertexCount)
        for (k, operation) in graph.operations.enumerated() {
            let p = operation.primitive, arguments = operation.arguments.map(scalar), y = values[I + k]
            for (position, argument) in operation.arguments.enumerated() {
                guard case let .node(node) = argument, graph.kernels[k].partials[position] != nil else { continue }
                let partial: TracedScalar
                switch p {
                case .select: partial = DerivativeRules.select(operand: position, condition: arguments[0])
                case _ where arguments.count == 2:
                    partial = DerivativeRules.binary(p, operand: position, x: arguments[0], y: arguments[1], out: y)
                default: partial = DerivativeRules.unary(p, x: arguments[0], y: y)
                }
                let u = EliminationGame.index(of: node, inputCount: I)
                edges[k][u] = edges[k][u].map { $0 + partial } ?? partial
            }
        }

        var successors = [Set<Int>](repeating: [], count: I + g.vertexCount)
        for (w, incoming) in edges.enumerated() { for u in incoming.keys { successors[u].insert(w) } }
        let outputs = Set(g.outputs)
        for v in order {
            let vi = v - 1, vn = I + vi
            let predecessors = edges[vi].keys.sorted()
            for w in successors[vn].sorted() {
                let q = edges[w][vn]!
                for u in predecessors {
                    let product = q * edges[vi][u]!
                    edges[w][u] = edges[w][u].map { $0 + product } ?? product
                    successors[u].insert(w)
                }
                edges[w][vn] = nil
            }
            successors[vn] = []
            if !outputs.contains(v) {
                for u in predecessors { successors[u].remove(vi) }
                edges[vi] = [:]
            }
        }
        if let deferredError { throw deferredError }
        return (g.outputs.map { values[I + $0 - 1].operand },
                g.outputs.map { o in (0..<I).map { edges[o - 1][$0]?.operand ?? .constant(Tensor(0)) } })
    }
}

