import CrossCountry

/// A value that a `graph(f, …)` call is tracing: a node of the graph under construction, with the
/// builder recording it.
public struct Traced {
    public let value: TracedValue
    let builder: GraphBuilder

    public var shape: Shape { value.shape }
}

/// Applies primitives to values: one code path for concrete values (which fold, as constants do in
/// a trace) and traced ones (which record one vertex per call).
enum PrimitiveCall {
    /// The operand a value stands for, if it is numeric.
    static func operand(_ value: Value) -> Operand? {
        switch value {
        case let .number(x): return .constant(Tensor(x))
        case let .bool(b): return .constant(Tensor(b ? 1 : 0))
        case let .tensor(t): return .constant(t)
        case let .traced(t): return .traced(t.value)
        default: return nil
        }
    }

    /// The value of a primitive's result.
    static func value(_ operand: Operand, builder: GraphBuilder) -> Value {
        switch operand {
        case let .constant(t): return Value(t)
        case let .traced(v): return .traced(Traced(value: v, builder: builder))
        }
    }

    /// Applies `primitive`; `name` is how messages call the operation (`'*'`, `sin`). Binary
    /// elementwise calls promote ranks as NumPy does (through a `broadcast_in_dim` vertex when traced).
    static func apply(_ primitive: Primitive, _ values: [Value], name: String, broadcasting: Bool = false,
                      at range: SourceRange, interpreter: Interpreter) throws(ScriptError) -> Value {
        var operands: [Operand] = []
        var builder = interpreter.folding
        for value in values {
            guard let operand = operand(value) else {
                let kinds = values.map(\.typeDescription)
                let listed = kinds.count == 2 ? "\(kinds[0]) and \(kinds[1])" : kinds.joined(separator: ", ")
                throw .runtime("cannot apply \(name) to \(listed)", at: range)
            }
            if case let .traced(t) = value { builder = t.builder }
            operands.append(operand)
        }
        // Refuse a result too large to hold before the engine allocates it.
        let rank = operands.map(\.shape.rank).max() ?? 0
        let promoted = operands.map { o -> Shape in
            guard broadcasting, !o.shape.isScalar, o.shape.rank < rank,
                  let shape = try? Shape(dims: [Int](repeating: 1, count: rank - o.shape.rank) + o.shape.dims) else { return o.shape }
            return shape
        }
        if let shape = try? primitive.resultShape(promoted) {
            try Arguments.checkSize(shape) { message throws(ScriptError) in throw .runtime("\(name): \(message)", at: range) }
        }
        do throws(TraceError) {
            let result = broadcasting ? try builder.applyBroadcasting(primitive, operands) : try builder.apply(primitive, operands)
            return value(result, builder: builder)
        } catch {
            // Report the shapes as written, not as rank promotion made them.
            if broadcasting, case let .shapeMismatch(primitiveName, _, reason) = error {
                throw .runtime(message(.shapeMismatch(primitive: primitiveName, shapes: operands.map(\.shape), reason: reason), name: name),
                               at: range)
            }
            throw .runtime(message(error, name: name, primitive: primitive), at: range)
        }
    }

    /// A trace error in the words of the operation the user wrote; a shape mismatch names each
    /// operand (left and right of an operator, first, second … argument of a function) with its shape.
    static func message(_ error: TraceError, name: String, primitive: Primitive? = nil) -> String {
        switch error {
        case let .shapeMismatch(_, shapes, reason):
            let roles = shapes.count == 2 && name.hasPrefix("'") ? ["left operand", "right operand"] : shapes.indices.map(argumentName)
            if shapes.count == 2, case let .dot(l, r)? = primitive, l < shapes[0].rank, r < shapes[1].rank {
                return "shape mismatch in \(name): the \(roles[0]) has shape \(shapes[0]) and the \(roles[1]) \(shapes[1]); \(name) pairs "
                    + "axis \(l) of the \(roles[0]) (\(counted(shapes[0].dims[l], "element"))) with axis \(r) of the \(roles[1]) "
                    + "(\(counted(shapes[1].dims[r], "element")))"
            }
            let described = zip(roles, shapes).enumerated().map { k, pair in k == 0 ? "the \(pair.0) has shape \(pair.1)" : "the \(pair.0) \(pair.1)" }
            let listed = described.count == 2 ? described.joined(separator: " and ")
                : described.dropLast().joined(separator: ", ") + (described.count > 1 ? " and " : "") + (described.last ?? "")
            return "shape mismatch in \(name): \(listed); they \(reason)"
        case let .invalidParameter(_, reason):
            return "\(name): \(reason)"
        case .foreignValue:
            return "\(name) mixes values of two different traces (a value traced by an outer graph(…) call)"
        default:
            return "\(name): \(error)"
        }
    }
}

/// "first argument", "second argument", … "argument 11".
private func argumentName(_ index: Int) -> String {
    let ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
    return index < ordinals.count ? "\(ordinals[index]) argument" : "argument \(index + 1)"
}

extension Value {
    /// A tensor as a value: a scalar becomes a number.
    init(_ tensor: Tensor) {
        self = tensor.isScalar ? .number(tensor.scalars[0]) : .tensor(tensor)
    }

    /// The shape of a numeric value (nil for anything else).
    var shape: Shape? {
        switch self {
        case .number, .bool: return .scalar
        case let .tensor(t): return t.shape
        case let .traced(t): return t.shape
        default: return nil
        }
    }

    var isTraced: Bool {
        if case .traced = self { return true }
        return false
    }
}
