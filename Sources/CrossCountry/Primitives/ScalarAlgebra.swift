/// Scalars on which ccs's elementwise primitives are defined: `Double` evaluates them, a traced
/// scalar (`TracedScalar`) records them as graph vertices, and a generated-code value
/// (`CodeValue`) emits them as C — so the derivative rules of the primitive families are written
/// once and serve numeric partials, nested differentiation and native code.
public protocol ScalarAlgebra {
    /// A constant (a literal, never a vertex).
    init(constant: Double)
    static func unary(_ f: UnaryFunction, _ x: Self) -> Self
    static func binary(_ f: BinaryFunction, _ x: Self, _ y: Self) -> Self
    /// 1 where the comparison holds, else 0.
    static func compare(_ c: Comparison, _ x: Self, _ y: Self) -> Self
    /// where(condition, a, b).
    static func select(_ condition: Self, _ a: Self, _ b: Self) -> Self
    /// A function with a custom derivative; by default its primal program, inlined.
    static func custom(_ f: CustomFunction, _ operands: [Self]) -> Self
    /// Whether derivative rules are written as JAX writes them rather than in the cheapest
    /// arithmetic: a traced scalar's derivative is a graph, and nested differentiation must give
    /// JAX's graphs (the published BlackScholes_Jacobian); numbers and generated code need not.
    static var writesJAXRules: Bool { get }
}

extension ScalarAlgebra {
    public static func custom(_ f: CustomFunction, _ operands: [Self]) -> Self { f.value(operands) }
    public static var writesJAXRules: Bool { false }
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
    public static func unary(_ f: UnaryFunction, _ x: Double) -> Double { f.value(x) }

    @inline(__always)
    public static func binary(_ f: BinaryFunction, _ x: Double, _ y: Double) -> Double { f.value(x, y) }

    @inline(__always)
    public static func compare(_ c: Comparison, _ x: Double, _ y: Double) -> Double { c.holds(x, y) ? 1 : 0 }

    @inline(__always)
    public static func select(_ condition: Double, _ a: Double, _ b: Double) -> Double { condition != 0 ? a : b }
}
