/// A primitive operation: one traced call is one vertex of the computational graph. The set mirrors
/// the paper's (JAX's) primitives so that traced graphs line up with the published ones op for op.
///
/// Elementwise primitives come in families (`UnaryFunction`, `BinaryFunction`, `Comparison`), each
/// holding its members' name, value, derivative and C spelling side by side; the tensor primitives'
/// shape, sparsity and kernel rules are in `PrimitiveShapes`, `SparsityRules` and `OperationKernel`,
/// every switch exhaustive so that a new primitive cannot silently lack a rule.
public enum Primitive: Hashable, Sendable, CustomStringConvertible {
    /// Elementwise, one operand.
    case unary(UnaryFunction)
    /// Elementwise, two operands; scalars and size-1 axes broadcast.
    case binary(BinaryFunction)
    /// Elementwise comparisons give 1 or 0 and have no derivative.
    case comparison(Comparison)

    /// An elementwise function with a derivative of its own (JAX's `custom_jvp_call`): operands
    /// broadcast as for binary functions; the partials are the function's derivative program.
    case custom(CustomFunction)

    /// where(condition, a, b): `a` where the condition is nonzero, else `b` (JAX's `select_n` with
    /// the cases in `where` order). The condition has no derivative.
    case select

    /// Contracts axis `lhs` of the first operand with axis `rhs` of the second; the result's axes are
    /// the first operand's remaining axes followed by the second's (JAX's `dot_general`).
    case dot(lhs: Int, rhs: Int)

    /// Reductions over one axis, or over every axis when `axis` is nil.
    case reduceSum(axis: Int?)
    case reduceMax(axis: Int?)
    case reduceMin(axis: Int?)

    /// Swaps the two axes of a matrix.
    case transpose
    case reshape(Shape)
    /// The rectangular slice [start, limit) per axis.
    case slice(start: [Int], limit: [Int])
    case concatenate(axis: Int)
    /// Places operand axis i at result axis `dims[i]` and replicates along the other result axes
    /// (an operand extent of 1 also replicates).
    case broadcast(Shape, dims: [Int])

    /// The operand's value with a zero derivative.
    case stopGradient
    /// The operand itself as a separate vertex (e.g. an input returned as an output).
    case copy
    /// A dtype cast in JAX; in ccs, where every value is a Double, a copy under JAX's name.
    case convertElementType

    public static let neg = Primitive.unary(.neg), abs = Primitive.unary(.abs), sign = Primitive.unary(.sign)
    public static let exp = Primitive.unary(.exp), log = Primitive.unary(.log), log1p = Primitive.unary(.log1p)
    public static let sqrt = Primitive.unary(.sqrt), square = Primitive.unary(.square)
    public static let sin = Primitive.unary(.sin), cos = Primitive.unary(.cos), tan = Primitive.unary(.tan)
    public static let asin = Primitive.unary(.asin), acos = Primitive.unary(.acos), atan = Primitive.unary(.atan)
    public static let sinh = Primitive.unary(.sinh), cosh = Primitive.unary(.cosh), tanh = Primitive.unary(.tanh)
    public static let asinh = Primitive.unary(.asinh), acosh = Primitive.unary(.acosh), atanh = Primitive.unary(.atanh)
    public static let erf = Primitive.unary(.erf), logistic = Primitive.unary(.logistic)
    /// x^n for an integer literal n.
    public static func integerPow(_ n: Int) -> Primitive { .unary(.integerPow(n)) }
    public static let add = Primitive.binary(.add), sub = Primitive.binary(.sub), mul = Primitive.binary(.mul)
    public static let div = Primitive.binary(.div), pow = Primitive.binary(.pow), atan2 = Primitive.binary(.atan2)
    public static let max = Primitive.binary(.max), min = Primitive.binary(.min)
    public static let less = Primitive.comparison(.less), lessEqual = Primitive.comparison(.lessEqual)
    public static let greater = Primitive.comparison(.greater), greaterEqual = Primitive.comparison(.greaterEqual)
    public static let equal = Primitive.comparison(.equal), notEqual = Primitive.comparison(.notEqual)

    public static let unaryElementwise: [Primitive] = UnaryFunction.named.map(Primitive.unary)
    public static let binaryElementwise: [Primitive] = BinaryFunction.allCases.map(Primitive.binary)
    public static let comparisons: [Primitive] = Comparison.allCases.map(Primitive.comparison)

    /// The paper's (JAX's) name of the primitive, as vertices show it.
    public var name: String {
        switch self {
        case let .unary(f): return f.name
        case let .binary(f): return f.name
        case let .comparison(c): return c.name
        case .custom: return "custom_jvp_call"
        case .select: return "select_n"
        case .dot: return "dot_general"
        case .reduceSum: return "reduce_sum"
        case .reduceMax: return "reduce_max"
        case .reduceMin: return "reduce_min"
        case .transpose: return "transpose"
        case .reshape: return "reshape"
        case .slice: return "slice"
        case .concatenate: return "concatenate"
        case .broadcast: return "broadcast_in_dim"
        case .stopGradient: return "stop_gradient"
        case .copy: return "copy"
        case .convertElementType: return "convert_element_type"
        }
    }

    /// The name with its parameters, e.g. `integer_pow[2]` or `reduce_sum[axis 0]`.
    public var description: String {
        switch self {
        case let .unary(.integerPow(n)): return "integer_pow[\(n)]"
        case let .dot(l, r): return "dot_general[\(l),\(r)]"
        case let .reduceSum(axis), let .reduceMax(axis), let .reduceMin(axis):
            return axis.map { "\(name)[axis \($0)]" } ?? name
        case let .reshape(shape): return "reshape\(shape)"
        case let .slice(start, limit): return "slice\(start)..<\(limit)"
        case let .concatenate(axis): return "concatenate[axis \(axis)]"
        case let .broadcast(shape, dims): return "broadcast_in_dim\(shape)\(dims)"
        case let .custom(f): return "custom_jvp_call[\(f.name)]"
        case .unary, .binary, .comparison, .select, .transpose, .stopGradient, .copy, .convertElementType: return name
        }
    }

    /// How many operands the primitive takes (nil: one or more).
    public var arity: Int? {
        switch self {
        case .binary, .comparison, .dot: return 2
        case .select: return 3
        case let .custom(f): return f.arity
        case .concatenate: return nil
        case .unary, .reduceSum, .reduceMax, .reduceMin, .transpose, .reshape, .slice, .broadcast,
             .stopGradient, .copy, .convertElementType: return 1
        }
    }

    public var isUnaryElementwise: Bool { if case .unary = self { true } else { false } }

    public var isBinaryElementwise: Bool { if case .binary = self { true } else { false } }

    public var isComparison: Bool { if case .comparison = self { true } else { false } }

    public var isCustom: Bool { if case .custom = self { true } else { false } }

    /// Whether the result has no derivative at all (its vertex gets no in-edges).
    public var isNonDifferentiable: Bool {
        switch self {
        case .comparison, .unary(.sign), .stopGradient: return true
        default: return false
        }
    }

    /// Whether the primitive only moves, copies or replicates values (its partials are 0/1 patterns).
    public var isStructural: Bool {
        switch self {
        case .transpose, .reshape, .slice, .concatenate, .broadcast, .copy, .convertElementType: return true
        default: return false
        }
    }
}
