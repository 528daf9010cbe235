/// The local derivatives of the elementwise primitives, written once over any `ScalarAlgebra`: with
/// `Double` they give numeric partials, with a traced scalar they record the derivative's own
/// computation in a graph. They follow JAX's rules, which fixes graphax's known slips: asinh is
/// 1/√(1+x²), max/min split ties 0.5/0.5, `where` passes the derivative to the chosen case.
public enum DerivativeRules {
    /// ∂y/∂x of a unary elementwise primitive at x, where y is its value there.
    @inline(__always)
    public static func unary<T: ScalarAlgebra>(_ primitive: Primitive, x: T, y: T) -> T {
        switch primitive {
        case .neg: return .c(-1)
        case .abs: return T.unary(.sign, x)
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
        case .copy, .convertElementType: return .c(1)
        default: return .c(0)
        }
    }

    /// ∂out/∂x (`operand` 0) or ∂out/∂y (`operand` 1) of a binary elementwise primitive, where out
    /// is its value at (x, y).
    @inline(__always)
    public static func binary<T: ScalarAlgebra>(_ primitive: Primitive, operand: Int, x: T, y: T, out: T) -> T {
        let first = operand == 0
        switch primitive {
        case .add: return .c(1)
        case .sub: return .c(first ? 1 : -1)
        case .mul: return first ? y : x
        case .div: return first ? .c(1) / y : -(x / T.unary(.integerPow(2), y))
        case .pow:
            // JAX's rule: zero where the other factor vanishes, so 0^0 and log 0 give no NaN.
            if first {
                return T.select(T.binary(.equal, y, .c(0)), .c(0), y * T.binary(.pow, x, y - .c(1)))
            }
            return T.select(T.binary(.equal, x, .c(0)), .c(0), T.unary(.log, x) * out)
        case .atan2:
            let r = T.unary(.integerPow(2), x) + T.unary(.integerPow(2), y)
            return first ? y / r : -x / r
        case .max, .min:
            let wins = T.binary(primitive == .max ? (first ? .greater : .less) : (first ? .less : .greater), x, y)
            return T.select(T.binary(.equal, x, y), .c(0.5), wins)
        default: return .c(0)
        }
    }

    /// ∂/∂a (`operand` 1) or ∂/∂b (`operand` 2) of where(condition, a, b).
    @inline(__always)
    public static func select<T: ScalarAlgebra>(operand: Int, condition: T) -> T {
        operand == 1 ? T.select(condition, .c(1), .c(0)) : T.select(condition, .c(0), .c(1))
    }
}
