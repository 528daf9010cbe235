import Foundation

/// The elementwise functions of one operand, each with its rules side by side: the name vertices
/// show, the value, the derivative (JAX's rules, which fix graphax's asinh slip) and how generated C
/// computes it. Every switch is exhaustive: a new function cannot lack a rule.
public enum UnaryFunction: Hashable, Sendable {
    case neg, abs, sign, exp, log, log1p, sqrt, square
    case sin, cos, tan, asin, acos, atan
    case sinh, cosh, tanh, asinh, acosh, atanh
    case erf, logistic
    /// x^n for an integer literal n.
    case integerPow(Int)

    /// Every function but `integerPow`, whose exponent is a parameter.
    public static let named: [UnaryFunction] = [
        .neg, .abs, .sign, .exp, .log, .log1p, .sqrt, .square, .sin, .cos, .tan, .asin, .acos, .atan,
        .sinh, .cosh, .tanh, .asinh, .acosh, .atanh, .erf, .logistic,
    ]

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
        }
    }

    /// The value at x.
    @inline(__always)
    public func value(_ x: Double) -> Double {
        switch self {
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
        case let .integerPow(n): return Self.integerPower(x, n)
        }
    }

    /// ∂y/∂x at x, where y is the value there, over any `ScalarAlgebra` (numbers, traced scalars,
    /// generated code); nil for `sign`, which has no derivative (its vertex gets no in-edge).
    @inline(__always)
    public func derivative<T: ScalarAlgebra>(x: T, y: T) -> T? {
        switch self {
        case .neg: return .c(-1)
        case .abs: return T.unary(.sign, x)
        case .sign: return nil
        case .exp: return y
        case .log: return .c(1) / x
        case .log1p: return .c(1) / (.c(1) + x)
        case .sqrt: return .c(0.5) / y
        case .square: return .c(2) * x
        case .sin: return T.unary(.cos, x)
        case .cos: return -T.unary(.sin, x)
        case .tan: return .c(1) + T.unary(.integerPow(2), y)
        case .asin: return .c(1) / T.unary(.sqrt, .c(1) - T.unary(.integerPow(2), x))
        case .acos: return .c(-1) / T.unary(.sqrt, .c(1) - T.unary(.integerPow(2), x))
        case .atan: return .c(1) / (.c(1) + T.unary(.integerPow(2), x))
        case .sinh: return T.unary(.cosh, x)
        case .cosh: return T.unary(.sinh, x)
        case .tanh: return .c(1) - T.unary(.integerPow(2), y)
        case .asinh: return .c(1) / T.unary(.sqrt, .c(1) + T.unary(.integerPow(2), x))
        case .acosh: return .c(1) / (T.unary(.sqrt, x - .c(1)) * T.unary(.sqrt, x + .c(1)))
        case .atanh: return .c(1) / (.c(1) - T.unary(.integerPow(2), x))
        case .erf: return .c(1.1283791670955126) * T.unary(.exp, -T.unary(.integerPow(2), x))
        case .logistic: return y * (.c(1) - y)
        case let .integerPow(n):
            switch n {
            case 0: return .c(0)
            case 1: return .c(1)
            default: return .c(Double(n)) * T.unary(.integerPow(n - 1), x)
            }
        }
    }

    /// How generated C computes the function: arithmetic the code builder expands (negation, a
    /// square, repeated squaring, as `value` computes them, so results agree bit for bit), or a
    /// call whose scalar C expression in `x` is given, with its form on a vector of points.
    public var c: ElementwiseC {
        switch self {
        case .neg: return .negation
        case .square: return .square
        case let .integerPow(n): return .power(n)
        case .abs: return .call("fabs(x)", vector: .absolute)
        case .sign: return .call("x > 0 ? 1.0 : x < 0 ? -1.0 : x", vector: .lanes)
        case .sqrt: return .call("sqrt(x)", vector: .squareRoot)
        case .exp: return .call("exp(x)", vector: .libmvec("exp"))
        case .log: return .call("log(x)", vector: .libmvec("log"))
        case .log1p: return .call("log1p(x)", vector: .libmvec("log1p"))
        case .sin: return .call("sin(x)", vector: .libmvec("sin"))
        case .cos: return .call("cos(x)", vector: .libmvec("cos"))
        case .tan: return .call("tan(x)", vector: .libmvec("tan"))
        case .asin: return .call("asin(x)", vector: .libmvec("asin"))
        case .acos: return .call("acos(x)", vector: .libmvec("acos"))
        case .atan: return .call("atan(x)", vector: .libmvec("atan"))
        case .sinh: return .call("sinh(x)", vector: .libmvec("sinh"))
        case .cosh: return .call("cosh(x)", vector: .libmvec("cosh"))
        case .tanh: return .call("tanh(x)", vector: .libmvec("tanh"))
        case .asinh: return .call("asinh(x)", vector: .libmvec("asinh"))
        case .acosh: return .call("acosh(x)", vector: .libmvec("acosh"))
        case .atanh: return .call("atanh(x)", vector: .libmvec("atanh"))
        case .erf: return .call("erf(x)", vector: .libmvec("erf"))
        case .logistic: return .call("x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))", vector: .lanes)
        }
    }

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
