/// A primitive operation: one traced call is one vertex of the computational graph. The set mirrors
/// the paper's (JAX's) primitives so that traced graphs line up with the published ones op for op.
public enum Primitive: Hashable, Sendable, CustomStringConvertible {
    // Elementwise, one operand.
    case neg, abs, sign, exp, log, log1p, sqrt, square
    case sin, cos, tan, asin, acos, atan
    case sinh, cosh, tanh, asinh, acosh, atanh
    case erf, logistic
    /// x^n for an integer literal n.
    case integerPow(Int)

    // Elementwise, two operands; scalars and size-1 axes broadcast.
    case add, sub, mul, div, pow, atan2, max, min

    // Comparisons give 1 or 0 and have no derivative.
    case less, lessEqual, greater, greaterEqual, equal, notEqual

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

    public static let unaryElementwise: [Primitive] = [
        .neg, .abs, .sign, .exp, .log, .log1p, .sqrt, .square, .sin, .cos, .tan, .asin, .acos, .atan,
        .sinh, .cosh, .tanh, .asinh, .acosh, .atanh, .erf, .logistic,
    ]
    public static let binaryElementwise: [Primitive] = [.add, .sub, .mul, .div, .pow, .atan2, .max, .min]
    public static let comparisons: [Primitive] = [.less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual]

    /// The paper's (JAX's) name of the primitive, as vertices show it.
    public var name: String {
        switch self {
        case .neg: return "neg"
        case .abs: return "abs"
        case .sign: return "sign"
        case .exp: return "exp"
        case .log: return "log"
        case .log1p: return "log1p"
        case .sqrt: return "sqrt"
        case .square: return "square"
        case .sin: return "sin"
        case .cos: return "cos"
        case .tan: return "tan"
        case .asin: return "asin"
        case .acos: return "acos"
        case .atan: return "atan"
        case .sinh: return "sinh"
        case .cosh: return "cosh"
        case .tanh: return "tanh"
        case .asinh: return "asinh"
        case .acosh: return "acosh"
        case .atanh: return "atanh"
        case .erf: return "erf"
        case .logistic: return "logistic"
        case .integerPow: return "integer_pow"
        case .add: return "add"
        case .sub: return "sub"
        case .mul: return "mul"
        case .div: return "div"
        case .pow: return "pow"
        case .atan2: return "atan2"
        case .max: return "max"
        case .min: return "min"
        case .less: return "lt"
        case .lessEqual: return "le"
        case .greater: return "gt"
        case .greaterEqual: return "ge"
        case .equal: return "eq"
        case .notEqual: return "ne"
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
        case let .integerPow(n): return "integer_pow[\(n)]"
        case let .dot(l, r): return "dot_general[\(l),\(r)]"
        case let .reduceSum(axis), let .reduceMax(axis), let .reduceMin(axis):
            return axis.map { "\(name)[axis \($0)]" } ?? name
        case let .reshape(shape): return "reshape\(shape)"
        case let .slice(start, limit): return "slice\(start)..<\(limit)"
        case let .concatenate(axis): return "concatenate[axis \(axis)]"
        case let .broadcast(shape, dims): return "broadcast_in_dim\(shape)\(dims)"
        default: return name
        }
    }

    /// How many operands the primitive takes (nil: one or more).
    public var arity: Int? {
        switch self {
        case .add, .sub, .mul, .div, .pow, .atan2, .max, .min, .dot: return 2
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: return 2
        case .select: return 3
        case .concatenate: return nil
        default: return 1
        }
    }

    public var isUnaryElementwise: Bool {
        if case .integerPow = self { return true }
        return Primitive.unaryElementwise.contains(self)
    }

    public var isBinaryElementwise: Bool { Primitive.binaryElementwise.contains(self) }

    public var isComparison: Bool { Primitive.comparisons.contains(self) }

    /// Whether the result has no derivative at all (its vertex gets no in-edges).
    public var isNonDifferentiable: Bool { isComparison || self == .sign || self == .stopGradient }

    /// Whether the primitive only moves, copies or replicates values (its partials are 0/1 patterns).
    public var isStructural: Bool {
        switch self {
        case .transpose, .reshape, .slice, .concatenate, .broadcast, .copy, .convertElementType: return true
        default: return false
        }
    }
}
