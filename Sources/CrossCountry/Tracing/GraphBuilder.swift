import Synchronization

/// The tracing target: records one vertex per primitive call on traced values, folds calls on
/// constants, and builds the computational graph (with the paper's sparsity types on its edges)
/// together with its numeric side (primal values at the trace point, structured local partials).
///
/// ```swift
/// let b = GraphBuilder(name: "f")
/// let x = try b.input("x", Tensor(2)), y = try b.input("y", Tensor(3))
/// try b.markOutput(try b.apply(.sin, [try b.apply(.mul, [x, y])]))
/// let g = try b.build()          // 2 inputs, vertices mul and sin
/// ```
public final class GraphBuilder {
    public let name: String
    /// Tells this builder's values from any other's, even one allocated at the same address later.
    private let id = GraphBuilder.nextID.add(1, ordering: .relaxed).newValue
    private static let nextID = Atomic<Int>(0)
    private var inputs: [ComputationalGraph.Input] = []
    private var inputValues: [Tensor] = []
    private var operations: [TracedOperation] = []
    private var kernels: [OperationKernel] = []
    private var values: [Tensor] = []
    private var edges: [Edge] = []
    private var outputs: [Int] = []
    private var outputSet: Set<Int> = []
    /// The first error of a call that could not throw (`TracedScalar` arithmetic); `build` reports it.
    private(set) var deferredError: TraceError?

    public init(name: String = "f") { self.name = name }

    /// The number of vertices recorded so far.
    public var vertexCount: Int { operations.count }

    /// Declares the next input, traced at `value`. Inputs come before any operation.
    public func input(_ name: String, _ value: Tensor) throws(TraceError) -> Operand {
        guard operations.isEmpty else { throw .inputAfterOperations(name) }
        guard !inputs.contains(where: { $0.name == name }) else { throw .duplicateInput(name) }
        inputs.append(ComputationalGraph.Input(name: name, shape: value.shape))
        inputValues.append(value)
        return .traced(TracedValue(node: .input(inputs.count), shape: value.shape, trace: id))
    }

    /// Records a primitive call and returns its result: a constant when every operand is one, the
    /// operand itself when the call changes nothing (a transpose of a vector), else a new vertex.
    public func apply(_ primitive: Primitive, _ operands: [Operand]) throws(TraceError) -> Operand {
        let shape = try primitive.resultShape(operands.map(\.shape))
        let arguments = try operands.map { o throws(TraceError) in try argument(o) }
        if primitive.isIdentity(on: operands.map(\.shape)) { return operands[0] }
        let kernel = OperationKernel(primitive, operandShapes: operands.map(\.shape), shape: shape)
        let tensors = arguments.map(tensor)
        if arguments.allSatisfy({ if case .constant = $0 { true } else { false } }) {
            return .constant(kernel.evaluate(tensors))
        }
        return record(kernel, arguments, value: kernel.evaluate(tensors))
    }

    public func apply(_ primitive: Primitive, _ operands: Operand...) throws(TraceError) -> Operand {
        try apply(primitive, operands)
    }

    /// `apply` for callers that cannot throw: a failure is kept for `build` and gives NaN.
    func applyRecordingError(_ primitive: Primitive, _ operands: [Operand]) -> Operand {
        do { return try apply(primitive, operands) } catch {
            if deferredError == nil { deferredError = error }
            return .constant(Tensor(.nan))
        }
    }

    /// A binary elementwise call with NumPy rank promotion: a lower-rank traced operand first goes
    /// through a `broadcast_in_dim` vertex to size-1 leading axes (as JAX lowers it); constants are
    /// reshaped silently.
    public func applyBroadcasting(_ primitive: Primitive, _ operands: [Operand]) throws(TraceError) -> Operand {
        let rank = operands.map(\.shape.rank).max() ?? 0
        var promoted: [Operand] = []
        for o in operands {
            let s = o.shape
            guard !s.isScalar, s.rank < rank else {
                promoted.append(o)
                continue
            }
            let target = try Primitive.shape([Int](repeating: 1, count: rank - s.rank) + s.dims)
            promoted.append(try apply(.broadcast(target, dims: Array((rank - s.rank)..<rank)), [o]))
        }
        return try apply(primitive, promoted)
    }

    /// The value of an operand at the trace point.
    public func value(of operand: Operand) throws(TraceError) -> Tensor {
        tensor(try argument(operand))
    }

    /// Marks the next output. An input, a constant or a value already marked gets a `copy` vertex,
    /// so that every output is a distinct vertex.
    public func markOutput(_ operand: Operand) throws(TraceError) {
        let argument = try argument(operand)
        if case let .node(.vertex(k)) = argument, !outputSet.contains(k) {
            outputs.append(k)
            outputSet.insert(k)
            return
        }
        let kernel = OperationKernel(.copy, operandShapes: [operand.shape], shape: operand.shape)
        guard case let .traced(copy) = record(kernel, [argument], value: tensor(argument)), case let .vertex(k) = copy.node else {
            // Unreachable: recording a copy of a traced operand always makes a vertex.
            preconditionFailure("record returns a traced vertex")
        }
        outputs.append(k)
        outputSet.insert(k)
    }

    /// The graph and its numeric side.
    public func build() throws(TraceError) -> NumericGraph {
        if let deferredError { throw deferredError }
        guard !outputs.isEmpty else { throw .noOutputs }
        let graph: ComputationalGraph
        do {
            graph = try ComputationalGraph(
                name: name, inputs: inputs, vertices: zip(operations, values).map { .init(op: $0.primitive.name, shape: $1.shape) },
                outputs: outputs, edges: edges)
        } catch { throw .graph(error) }
        return NumericGraph(graph: graph, operations: operations, kernels: kernels, inputValues: inputValues, values: values)
    }

    private func record(_ kernel: OperationKernel, _ arguments: [TracedOperation.Argument], value: Tensor) -> Operand {
        operations.append(TracedOperation(primitive: kernel.primitive, arguments: arguments))
        kernels.append(kernel)
        values.append(value)
        let k = operations.count
        // One edge per distinct operand node, typed by its first operand position with a derivative.
        var seen: Set<Node> = []
        for (position, argument) in arguments.enumerated() {
            guard case let .node(node) = argument, kernel.partials[position] != nil, seen.insert(node).inserted,
                  let type = kernel.primitive.sparsityType(operand: position, operandShapes: kernel.operandShapes, result: kernel.shape)
            else { continue }
            edges.append(Edge(source: node, target: k, type: type, targetShape: kernel.shape.pair, sourceShape: kernel.operandShapes[position].pair))
        }
        return .traced(TracedValue(node: .vertex(k), shape: kernel.shape, trace: id))
    }

    private func argument(_ operand: Operand) throws(TraceError) -> TracedOperation.Argument {
        switch operand {
        case let .constant(t): return .constant(t)
        case let .traced(v):
            guard v.trace == id else { throw .foreignValue(v.node) }
            return .node(v.node)
        }
    }

    private func tensor(_ argument: TracedOperation.Argument) -> Tensor {
        switch argument {
        case let .constant(t): return t
        case let .node(.input(i)): return inputValues[i - 1]
        case let .node(.vertex(k)): return values[k - 1]
        }
    }
}
