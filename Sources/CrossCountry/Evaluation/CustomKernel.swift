extension OperationKernel {
    /// A custom function's value (`output` nil) or its partial with respect to operand `output` on
    /// batch-innermost buffers: the operands are gathered to the result's elements (broadcasting),
    /// the function's program runs over all `count` elements of every point at once, and element e's
    /// result is written at `placement[e]` (or e).
    func evaluateCustom(_ f: CustomFunction, output: Int?, _ broadcasts: [Broadcast], _ base: UnsafeMutablePointer<Double>,
                        operands: UnsafePointer<Int>, into out: UnsafeMutablePointer<Double>, placement: [Int32]?,
                        count: Int, batch: Int) {
        let m = count * batch
        var gathered = [Double](repeating: 0, count: broadcasts.count * m)
        for (i, broadcast) in broadcasts.enumerated() {
            let x = base + operands[i] * batch
            for e in 0..<count {
                let from = broadcast.index(e) * batch, to = i * m + e * batch
                for s in 0..<batch { gathered[to + s] = x[from + s] }
            }
        }
        var results = [Double](repeating: 0, count: m)
        gathered.withUnsafeBufferPointer { g in
            let pointers = broadcasts.indices.map { g.baseAddress! + $0 * m }
            results.withUnsafeMutableBufferPointer { r in
                if let output {
                    f.derivative.evaluate(output: output, operands: pointers, count: m, into: r.baseAddress!)
                } else {
                    f.primal.evaluate(output: 0, operands: pointers, count: m, into: r.baseAddress!)
                }
            }
        }
        for e in 0..<count {
            let to = (placement.map { Int($0[e]) } ?? e) * batch
            for s in 0..<batch { out[to + s] = results[e * batch + s] }
        }
    }
}

extension OperationKernel {
    /// A custom vertex's declared linearization at `x0` (where its value is `y0`) evaluated at `x`:
    /// y0 + Σ_k ∂f/∂x_k(x0)·(x_k − x0_k), element by element — what finite differences see in place
    /// of the primal, so that they check everything around the vertex against the derivative the
    /// function declares (a surrogate's primal, a step, has no useful differences of its own).
    func linearization(at x: [Tensor], around x0: [Tensor], value y0: Tensor) -> Tensor {
        guard case let .custom(f) = primitive, case let .elementwise(broadcasts) = form else { return evaluate(x) }
        var scalars = y0.scalars
        for e in 0..<count {
            let point = broadcasts.indices.map { x0[$0].scalars[broadcasts[$0].index(e)] }
            for k in broadcasts.indices {
                let i = broadcasts[k].index(e)
                scalars[e] += f.partial(k, point) * (x[k].scalars[i] - x0[k].scalars[i])
            }
        }
        return Tensor(uncheckedShape: shape, scalars: scalars)
    }
}

extension NumericGraph {
    /// An operand of a recorded call at the trace point.
    func traceValue(_ argument: TracedOperation.Argument) -> Tensor {
        switch argument {
        case let .constant(t): return t
        case let .node(n): return value(of: n)
        }
    }
}
