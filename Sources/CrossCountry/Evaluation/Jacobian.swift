/// A function's Jacobian at one point: one block per (output, input), each shaped output shape +
/// input shape, and the multiplications the elimination performed to get it.
public struct Jacobian: Hashable, Sendable {
    public let outputShapes: [Shape]
    public let inputShapes: [Shape]
    /// blocks[o][i] = ∂output_o/∂input_i.
    public let blocks: [[JacobianBlock]]
    /// Multiplications per point (the `exact` cost of the order).
    public let multiplications: Int

    public subscript(output: Int, input: Int) -> JacobianBlock { blocks[output][input] }
}

/// One block ∂y/∂x of a Jacobian: shape y.shape + x.shape, values row-major (all of y's axes, then
/// all of x's), so entry (j, i) of the flattened block is ∂y_j/∂x_i.
public struct JacobianBlock: Hashable, Sendable, CustomStringConvertible {
    public let outputShape: Shape
    public let inputShape: Shape
    public let values: [Double]

    public init(outputShape: Shape, inputShape: Shape, values: [Double]) {
        self.outputShape = outputShape
        self.inputShape = inputShape
        self.values = values
    }

    /// ∂y_j/∂x_i for flattened (row-major) element indices j of y and i of x.
    public subscript(outputElement: Int, inputElement: Int) -> Double {
        values[outputElement * inputShape.count + inputElement]
    }

    /// The block as a tensor when its combined rank is at most 2 (a scalar's derivative in a vector,
    /// say); nil for larger ranks.
    public var tensor: Tensor? {
        guard let shape = try? Shape(dims: outputShape.dims + inputShape.dims) else { return nil }
        return Tensor(uncheckedShape: shape, scalars: values)
    }

    /// The block flattened to a |y| × |x| matrix.
    public var matrix: Tensor {
        Tensor(uncheckedShape: .matrix(outputShape.count, inputShape.count), scalars: values)
    }

    public var description: String { tensor?.description ?? matrix.description }
}

/// Why a Jacobian could not be evaluated.
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The elimination order is invalid for the graph.
    case order(OrderError)
    case inputCount(expected: Int, got: Int)
    case inputShape(name: String, expected: Shape, got: Shape)
    /// A batch evaluation got a different number of points than the plan was compiled for.
    case batchSize(expected: Int, got: Int)
    /// A caller's buffer has the wrong size.
    case bufferSize(String, expected: Int, got: Int)
    /// A batch size below 1.
    case invalidBatchSize(Int)
    /// Building the plan was stopped (Ctrl-C).
    case interrupted
    /// The plan would occupy more than the memory limit; `what` names it.
    case memory(needed: Int, limit: Int, what: String)

    public var description: String {
        switch self {
        case let .order(error): return error.description
        case let .inputCount(expected, got): return "the function takes \(expected) inputs, not \(got)"
        case let .inputShape(name, expected, got): return "input '\(name)' has shape \(expected), not \(got)"
        case let .batchSize(expected, got): return "the plan evaluates batches of \(expected) points, not \(got)"
        case let .bufferSize(what, expected, got): return "the \(what) buffer needs \(expected) values, not \(got)"
        case let .invalidBatchSize(n): return "a batch needs at least 1 point, not \(n)"
        case .interrupted: return "interrupted"
        case let .memory(needed, limit, what): return SearchError.memory(needed: needed, limit: limit, what: what).description
        }
    }
}
