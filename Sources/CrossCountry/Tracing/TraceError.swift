/// Why a primitive call or a traced graph is invalid: shape mismatches, bad parameters, misuse of the
/// builder. Every message names the primitive or value at fault.
public enum TraceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Operands whose shapes the primitive cannot combine.
    case shapeMismatch(primitive: String, shapes: [Shape], reason: String)
    /// A parameter outside its domain (an axis that does not exist, slice bounds, a reshape count).
    case invalidParameter(primitive: String, reason: String)
    /// The wrong number of operands.
    case arity(primitive: String, expected: String, got: Int)
    /// A shape ccs cannot represent (rank above 2, an empty extent).
    case shape(ShapeError)
    /// A traced value that belongs to another graph under construction.
    case foreignValue(Node)
    /// Two inputs with one name.
    case duplicateInput(String)
    /// An input declared after operations were recorded.
    case inputAfterOperations(String)
    /// `build()` without any output.
    case noOutputs
    /// The graph is not one ccs can build (the engine's own check failed).
    case graph(GraphError)
    /// An operation that needs every vertex to be a scalar.
    case notScalar(String)
    /// An invalid elimination order.
    case order(OrderError)

    public var description: String {
        switch self {
        case let .shapeMismatch(primitive, shapes, reason):
            return "\(primitive): operands of shapes \(shapes.map(\.description).joined(separator: ", ")) \(reason)"
        case let .invalidParameter(primitive, reason):
            return "\(primitive): \(reason)"
        case let .arity(primitive, expected, got):
            return "\(primitive) takes \(expected), not \(got)"
        case let .shape(error):
            return error.description
        case let .foreignValue(node):
            return "\(node) belongs to another traced graph"
        case let .duplicateInput(name):
            return "input '\(name)' is declared twice"
        case let .inputAfterOperations(name):
            return "input '\(name)' is declared after operations were traced; declare every input first"
        case .noOutputs:
            return "the traced function has no outputs"
        case let .graph(error):
            return error.description
        case let .notScalar(what):
            return what
        case let .order(error):
            return error.description
        }
    }
}
