/// A traced function: its computational graph (what the elimination game costs) together with the
/// recorded primitive calls, the trace point and the primal value of every vertex there. Local
/// partials, Jacobians and compiled plans are computed from it.
public struct NumericGraph: Sendable {
    public let graph: ComputationalGraph
    /// Vertex k's call is `operations[k - 1]`.
    public let operations: [TracedOperation]
    /// The inputs' values at the trace point.
    public let inputValues: [Tensor]
    /// Vertex k's value at the trace point is `values[k - 1]`.
    public let values: [Tensor]
    let kernels: [OperationKernel]

    init(graph: ComputationalGraph, operations: [TracedOperation], kernels: [OperationKernel], inputValues: [Tensor], values: [Tensor]) {
        self.graph = graph
        self.operations = operations
        self.kernels = kernels
        self.inputValues = inputValues
        self.values = values
    }

    /// The outputs' values at the trace point, in output order.
    public var outputValues: [Tensor] { graph.outputs.map { values[$0 - 1] } }

    /// A node's value at the trace point.
    public func value(of node: Node) -> Tensor {
        switch node {
        case let .input(i): return inputValues[i - 1]
        case let .vertex(k): return values[k - 1]
        }
    }

    /// The structure of the local partial ∂v/∂u of an edge u→v (summed over every operand position
    /// where u appears), without computing its values; nil when there is no such edge.
    public func partialStructure(from source: Node, to vertex: Int) -> PartialStructure? {
        guard (1...operations.count).contains(vertex) else { return nil }
        let kernel = kernels[vertex - 1]
        var total: PartialStructure?
        for (k, argument) in operations[vertex - 1].arguments.enumerated() where argument == .node(source) {
            guard let structure = kernel.partials[k]?.structure else { continue }
            total = total.map { StructureAlgebra.sum($0, structure) } ?? structure
        }
        return total
    }

    /// The local partial ∂v/∂u of an edge u→v at the trace point (the sum over every operand position
    /// where u appears); nil when there is no such edge.
    public func localPartial(from source: Node, to vertex: Int) -> LocalPartial? {
        guard (1...values.count).contains(vertex) else { return nil }
        let kernel = kernels[vertex - 1]
        let arguments = operations[vertex - 1].arguments
        let tensors = arguments.map { a -> Tensor in
            switch a {
            case let .constant(t): return t
            case let .node(n): return value(of: n)
            }
        }
        var total: LocalPartial?
        for (k, argument) in arguments.enumerated() where argument == .node(source) {
            guard let partial = kernel.partial(k, tensors, result: values[vertex - 1]) else { continue }
            total = total.map { StructureAlgebra.add($0, partial) } ?? partial
        }
        return total
    }
}
