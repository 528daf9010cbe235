import Foundation

/// The elementwise functions of two operands (scalars and size-1 axes broadcast), each with its
/// rules side by side: name, value, the partial with respect to either operand (JAX's rules: `pow`
/// is zero where the other factor vanishes, max/min split ties 0.5/0.5) and how generated C
/// computes it.
public enum BinaryFunction: Hashable, Sendable, CaseIterable {
    case add, sub, mul, div, pow, atan2, max, min

    public var name: String {
        switch self {
        case .add: return "add"
        case .sub: return "sub"
        case .mul: return "mul"
        case .div: return "div"
        case .pow: return "pow"
        case .atan2: return "atan2"
        case .max: return "max"
        case .min: return "min"
        }
    }

    /// The value at (x, y).
    @inline(__always)
    public func value(_ x: Double, _ y: Double) -> Double {
        switch self {
        case .add: return x + y
        case .sub: return x - y
        case .mul: return x * y
        case .div: return x / y
        case .pow: return Foundation.pow(x, y)
        case .atan2: return Foundation.atan2(x, y)
        // NaN propagates, as in JAX.
        case .max: return x.isNaN || y.isNaN ? .nan : Swift.max(x, y)
        case .min: return x.isNaN || y.isNaN ? .nan : Swift.min(x, y)
        }
    }

    /// ∂out/∂x (`operand` 0) or ∂out/∂y (`operand` 1) at (x, y), where out is the value there.
    @inline(__always)
    public func partial<T: ScalarAlgebra>(operand: Int, x: T, y: T, out: T) -> T {
        let first = operand == 0
        switch self {
        case .add: return .c(1)
        case .sub: return .c(first ? 1 : -1)
        case .mul: return first ? y : x
        // ∂/∂y = -x/y² (JAX's form), computed as -(x·(1/y))·(1/y): one reciprocal serves both
        // partials and every division by the same y, and generated C computes x/y itself only
        // where a value needs it (x/y² took a division of its own, -out/y the value).
        // Multiplying by 1/y twice rather than by 1/y² keeps it finite where y² overflows.
        case .div:
            if T.writesJAXRules { return first ? .c(1) / y : -(x / T.unary(.integerPow(2), y)) }
            let r = .c(1) / y
            return first ? r : -(x * r * r)
        case .pow:
            // Zero where the other factor vanishes, so 0^0 and log 0 give no NaN.
            if first {
                return T.select(T.compare(.equal, y, .c(0)), .c(0), y * T.binary(.pow, x, y - .c(1)))
            }
            return T.select(T.compare(.equal, x, .c(0)), .c(0), T.unary(.log, x) * out)
        case .atan2:
            let r = T.unary(.integerPow(2), x) + T.unary(.integerPow(2), y)
            if T.writesJAXRules { return first ? y / r : -x / r }
            // One reciprocal of x² + y² serves both partials.
            let reciprocal = .c(1) / r
            return first ? y * reciprocal : -(x * reciprocal)
        case .max, .min:
            let wins = T.compare(self == .max ? (first ? .greater : .less) : (first ? .less : .greater), x, y)
            return T.select(T.compare(.equal, x, y), .c(0.5), wins)
        }
    }

    /// How generated C computes the function: an infix operator, or a call whose scalar C
    /// expression in `x` and `y` is given, with its form on a vector of points.
    public var c: ElementwiseC {
        switch self {
        case .add: return .infix("+")
        case .sub: return .infix("-")
        case .mul: return .infix("*")
        case .div: return .infix("/")
        case .pow: return .call("pow(x, y)", vector: .libmvec("pow"))
        case .atan2: return .call("atan2(x, y)", vector: .libmvec("atan2"))
        case .max: return .call("x != x || y != y ? x + y : x > y ? x : y", vector: .lanes)
        case .min: return .call("x != x || y != y ? x + y : y < x ? y : x", vector: .lanes)
        }
    }
}
