extension GraphBuilder {
    /// Records in this builder the computation of the Jacobian of the scalar graph `graph` at the
    /// operands `inputs` (one per input of `graph`, traced here or constant), eliminating in `order`:
    /// the plan the interpreter would run, executed over traced scalars — the primal operations,
    /// then each vertex's local partials (the families' derivative rules), then every elimination's
    /// multiply and add — the graph of a Jacobian, which can itself be differentiated (Hessians,
    /// second-order sensitivities). Returns the outputs and the Jacobian entries [output][input] (a
    /// constant 0 where no path exists).
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
        let compiler: PlanCompiler
        do { compiler = try PlanCompiler(graph, order: order) } catch { throw .order(error) }
        var execution = SymbolicExecution(compiler, inputs: inputs.map { [TracedScalar($0, in: self)] })
        execution.run { k, operands in
            let arguments = operands.map { ($0[0] ?? TracedScalar(constant: 0)).operand }
            return [TracedScalar(self.applyRecordingError(graph.operations[k].primitive, arguments), in: self)]
        }
        if let deferredError { throw deferredError }
        func operand(_ slot: Int) -> Operand { execution.arena[slot]?.operand ?? .constant(Tensor(0)) }
        return (compiler.outputSlots.map(operand), compiler.jacobianSlots.map { $0.map(operand) })
    }
}
