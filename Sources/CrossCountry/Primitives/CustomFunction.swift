/// An elementwise function with a derivative of its own (JAX's `custom_jvp`): its value is computed
/// as written, its partials as given — a surrogate gradient for a step, a stable rewrite of a
/// derivative that cancels. A call traces as one vertex (`Primitive.custom`) whose local partial
/// with respect to operand k is `derivative`'s output k, itself an ordinary straight-line program of
/// primitives: evaluated on numbers it gives the partial's values, on traced scalars it records the
/// partial's computation (so the derivative can be differentiated again, as JAX differentiates a
/// custom_jvp rule), and on generated-code values it inlines into native code.
///
/// Operands broadcast as binary elementwise primitives do (scalars and size-1 axes).
public final class CustomFunction: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    /// The value: one output.
    public let primal: ElementwiseProgram
    /// ∂f/∂operand_k as output k, one output per operand.
    public let derivative: ElementwiseProgram

    public init(name: String, primal: ElementwiseProgram, derivative: ElementwiseProgram) throws(TraceError) {
        guard primal.outputs.count == 1 else {
            throw .invalidParameter(primitive: name, reason: "a function with a custom derivative returns one value, not \(primal.outputs.count)")
        }
        guard derivative.arity == primal.arity, derivative.outputs.count == primal.arity else {
            throw .invalidParameter(primitive: name, reason: "its derivative must give one partial per parameter: \(primal.arity) expected, got \(derivative.outputs.count)")
        }
        self.name = name
        self.primal = primal
        self.derivative = derivative
    }

    public var arity: Int { primal.arity }

    /// The value at one point.
    @inline(__always)
    public func value<T: ScalarAlgebra>(_ operands: [T]) -> T { primal.evaluate(operands)[0] }

    /// ∂f/∂operand_k at one point.
    @inline(__always)
    public func partial<T: ScalarAlgebra>(_ k: Int, _ operands: [T]) -> T { derivative.evaluate(operands, output: k) }

    public static func == (a: CustomFunction, b: CustomFunction) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    public var description: String { name }
}

/// A straight-line program of elementwise primitives on scalars — a custom function's value or
/// partials, read from a trace of its body.
public struct ElementwiseProgram: Sendable {
    /// Where a step's operand comes from.
    public enum Source: Hashable, Sendable {
        case operand(Int)
        case step(Int)
        case constant(Double)
    }

    public struct Step: Hashable, Sendable {
        public let primitive: Primitive
        public let sources: [Source]
    }

    public let arity: Int
    public let steps: [Step]
    public let outputs: [Source]

    /// The program of a graph traced on inputs that all have one shape, every value of that shape or
    /// a scalar constant, every vertex elementwise — so that element e of the outputs depends on
    /// element e of the inputs alone. Anything else is an error naming the operation.
    public init(elementwiseTrace graph: NumericGraph, of name: String) throws(TraceError) {
        let g = graph.graph
        arity = g.inputCount
        let shape = g.inputs.first?.shape ?? .scalar
        var steps: [Step] = []
        for (k, operation) in graph.operations.enumerated() {
            let vertex = g.vertices[k]
            switch operation.primitive {
            case .unary, .binary, .comparison, .select, .copy, .convertElementType, .stopGradient, .custom: break
            default:
                throw .invalidParameter(primitive: name, reason: "a function with a custom derivative is elementwise, but it calls \(operation.primitive.name)")
            }
            guard vertex.shape == shape || vertex.shape.isScalar else {
                throw .invalidParameter(primitive: name, reason: "a function with a custom derivative is elementwise, but \(operation.primitive.name) gives shape \(vertex.shape)")
            }
            let sources = try operation.arguments.map { argument throws(TraceError) -> Source in
                switch argument {
                case let .node(.input(i)): return .operand(i - 1)
                case let .node(.vertex(j)): return .step(j - 1)
                case let .constant(t):
                    guard t.shape.count == 1 else {
                        throw .invalidParameter(primitive: name, reason: "a function with a custom derivative is elementwise; its constants are numbers, not \(t.shape) tensors")
                    }
                    return .constant(t.scalars[0])
                }
            }
            steps.append(Step(primitive: operation.primitive, sources: sources))
        }
        self.steps = steps
        outputs = g.outputs.map { .step($0 - 1) }
    }

    /// Every output at one point.
    public func evaluate<T: ScalarAlgebra>(_ operands: [T]) -> [T] {
        let values = run(operands)
        return outputs.map { read($0, operands, values) }
    }

    /// Output k at one point, computing only the steps before it.
    public func evaluate<T: ScalarAlgebra>(_ operands: [T], output k: Int) -> T {
        read(outputs[k], operands, run(operands))
    }

    private func run<T: ScalarAlgebra>(_ operands: [T]) -> [T] {
        var values: [T] = []
        values.reserveCapacity(steps.count)
        for step in steps {
            func x(_ i: Int) -> T { read(step.sources[i], operands, values) }
            switch step.primitive {
            case let .unary(f): values.append(T.unary(f, x(0)))
            case let .binary(f): values.append(T.binary(f, x(0), x(1)))
            case let .comparison(c): values.append(T.compare(c, x(0), x(1)))
            case .select: values.append(T.select(x(0), x(1), x(2)))
            case let .custom(f): values.append(T.custom(f, step.sources.indices.map(x)))
            // Copies, casts and stop_gradient pass the value on (a derivative program's own
            // derivative is taken as written).
            default: values.append(x(0))
            }
        }
        return values
    }

    @inline(__always)
    private func read<T: ScalarAlgebra>(_ source: Source, _ operands: [T], _ values: [T]) -> T {
        switch source {
        case let .operand(i): return operands[i]
        case let .step(j): return values[j]
        case let .constant(c): return T(constant: c)
        }
    }

    /// The program on whole buffers: output `k` for `count` points, operand i's value for point j at
    /// `operands[i][j]`, written to `out[j]` — registers allocated once per call, not per point.
    func evaluate(output k: Int, operands: [UnsafePointer<Double>], count: Int, into out: UnsafeMutablePointer<Double>) {
        var registers = [[Double]](repeating: [], count: steps.count)
        func read(_ source: Source, _ j: Int) -> Double {
            switch source {
            case let .operand(i): return operands[i][j]
            case let .step(s): return registers[s][j]
            case let .constant(c): return c
            }
        }
        for (s, step) in steps.enumerated() {
            var r = [Double](repeating: 0, count: count)
            let a = step.sources
            switch step.primitive {
            case let .unary(f): for j in 0..<count { r[j] = f.value(read(a[0], j)) }
            case let .binary(f): for j in 0..<count { r[j] = f.value(read(a[0], j), read(a[1], j)) }
            case let .comparison(c): for j in 0..<count { r[j] = c.holds(read(a[0], j), read(a[1], j)) ? 1 : 0 }
            case .select: for j in 0..<count { r[j] = read(a[0], j) != 0 ? read(a[1], j) : read(a[2], j) }
            // A custom function called inside another (rare): point by point.
            case let .custom(f): for j in 0..<count { r[j] = f.value(a.map { read($0, j) }) }
            default: for j in 0..<count { r[j] = read(a[0], j) }
            }
            registers[s] = r
        }
        for j in 0..<count { out[j] = read(outputs[k], j) }
    }
}
