/// A value a traced function computes with: a constant (folded into the operations that use it,
/// never a vertex) or a value the graph builder traced.
public enum Operand: Hashable, Sendable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, CustomStringConvertible {
    case constant(Tensor)
    case traced(TracedValue)

    public init(floatLiteral value: Double) { self = .constant(Tensor(value)) }
    public init(integerLiteral value: Int) { self = .constant(Tensor(Double(value))) }

    public var shape: Shape {
        switch self {
        case let .constant(t): return t.shape
        case let .traced(v): return v.shape
        }
    }

    /// The traced value, if this is one.
    public var traced: TracedValue? {
        if case let .traced(v) = self { return v }
        return nil
    }

    public var description: String {
        switch self {
        case let .constant(t): return t.description
        case let .traced(v): return v.description
        }
    }
}

/// A node of a graph under construction (an input or a vertex), as the builder hands it out.
public struct TracedValue: Hashable, Sendable, CustomStringConvertible {
    public let node: Node
    public let shape: Shape
    /// The id of the builder that recorded it.
    let trace: Int

    public var description: String { "\(node)\(shape)" }
}

/// One recorded primitive call: the vertex's primitive and its operands (graph nodes or constants).
public struct TracedOperation: Hashable, Sendable {
    /// An operand of a recorded call.
    public enum Argument: Hashable, Sendable {
        case node(Node)
        case constant(Tensor)
    }

    public let primitive: Primitive
    public let arguments: [Argument]
}
