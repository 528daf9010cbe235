import Foundation

/// Scalars on which ccs's elementwise primitives are defined: `Double` evaluates them, and a traced
/// scalar (`TracedScalar`) records them as graph vertices — so the derivative rules
/// (`DerivativeRules`) are written once and serve both numeric partials and nested differentiation.
public protocol ScalarAlgebra {
    /// A constant (a literal, never a vertex).
    init(constant: Double)
    /// An elementwise primitive of one operand (`Primitive.unaryElementwise` or `integerPow`).
    static func unary(_ primitive: Primitive, _ x: Self) -> Self
    /// An elementwise primitive of two operands (`binaryElementwise` or a comparison).
    static func binary(_ primitive: Primitive, _ x: Self, _ y: Self) -> Self
    /// where(condition, a, b).
    static func select(_ condition: Self, _ a: Self, _ b: Self) -> Self
}

/// Operator spellings for the rules; internal so that they never compete with `Double`'s own.
extension ScalarAlgebra {
    @inline(__always) static func + (x: Self, y: Self) -> Self { binary(.add, x, y) }
    @inline(__always) static func - (x: Self, y: Self) -> Self { binary(.sub, x, y) }
    @inline(__always) static func * (x: Self, y: Self) -> Self { binary(.mul, x, y) }
    @inline(__always) static func / (x: Self, y: Self) -> Self { binary(.div, x, y) }
    @inline(__always) static prefix func - (x: Self) -> Self { unary(.neg, x) }
    @inline(__always) static func c(_ value: Double) -> Self { Self(constant: value) }
}

extension Double: ScalarAlgebra {
    public init(constant: Double) { self = constant }

    @inline(__always)
    public static func unary(_ primitive: Primitive, _ x: Double) -> Double {
        switch primitive {
        case .neg: return -x
        case .abs: return Swift.abs(x)
        case .sign: return x > 0 ? 1 : x < 0 ? -1 : x
        case .exp: return Foundation.exp(x)
        case .log: return Foundation.log(x)
        case .log1p: return Foundation.log1p(x)
        case .sqrt: return x.squareRoot()
        case .square: return x * x
        case .sin: return Foundation.sin(x)
        case .cos: return Foundation.cos(x)
        case .tan: return Foundation.tan(x)
        case .asin: return Foundation.asin(x)
        case .acos: return Foundation.acos(x)
        case .atan: return Foundation.atan(x)
        case .sinh: return Foundation.sinh(x)
        case .cosh: return Foundation.cosh(x)
        case .tanh: return Foundation.tanh(x)
        case .asinh: return Foundation.asinh(x)
        case .acosh: return Foundation.acosh(x)
        case .atanh: return Foundation.atanh(x)
        case .erf: return Foundation.erf(x)
        case .logistic: return x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x))
        case let .integerPow(n): return integerPower(x, n)
        case .copy, .convertElementType, .stopGradient: return x
        default: preconditionFailure("\(primitive) is not a unary elementwise primitive")
        }
    }

    @inline(__always)
    public static func binary(_ primitive: Primitive, _ x: Double, _ y: Double) -> Double {
        switch primitive {
        case .add: return x + y
        case .sub: return x - y
        case .mul: return x * y
        case .div: return x / y
        case .pow: return Foundation.pow(x, y)
        case .atan2: return Foundation.atan2(x, y)
        // NaN propagates, as in JAX.
        case .max: return x.isNaN || y.isNaN ? .nan : Swift.max(x, y)
        case .min: return x.isNaN || y.isNaN ? .nan : Swift.min(x, y)
        case .less: return x < y ? 1 : 0
        case .lessEqual: return x <= y ? 1 : 0
        case .greater: return x > y ? 1 : 0
        case .greaterEqual: return x >= y ? 1 : 0
        case .equal: return x == y ? 1 : 0
        case .notEqual: return x != y ? 1 : 0
        default: preconditionFailure("\(primitive) is not a binary elementwise primitive")
        }
    }

    @inline(__always)
    public static func select(_ condition: Double, _ a: Double, _ b: Double) -> Double { condition != 0 ? a : b }

    /// x^n by repeated squaring, as JAX's integer_pow computes it.
    @inline(__always)
    static func integerPower(_ x: Double, _ n: Int) -> Double {
        var base = n < 0 ? 1 / x : x
        var e = n.magnitude
        var result = 1.0
        while e > 0 {
            if e & 1 == 1 { result *= base }
            e >>= 1
            if e > 0 { base *= base }
        }
        return result
    }
}
