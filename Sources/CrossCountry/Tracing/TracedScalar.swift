/// A scalar operand of a graph under construction, on which `ScalarAlgebra` records vertices: the
/// derivative rules applied to traced scalars emit the derivative's own computation as graph
/// operations (nested differentiation). Constants fold as everywhere in tracing.
///
/// The algebra cannot throw; an invalid call (a value from another builder) leaves the first error
/// in the builder, which `GraphBuilder.traceJacobian` and `build` report.
public struct TracedScalar: ScalarAlgebra {
    public let operand: Operand
    let builder: GraphBuilder?

    public init(constant: Double) {
        operand = .constant(Tensor(constant))
        builder = nil
    }

    public init(_ operand: Operand, in builder: GraphBuilder) {
        self.operand = operand
        self.builder = builder
    }

    public static var writesJAXRules: Bool { true }

    public static func unary(_ f: UnaryFunction, _ x: TracedScalar) -> TracedScalar {
        record(.unary(f), [x])
    }

    public static func binary(_ f: BinaryFunction, _ x: TracedScalar, _ y: TracedScalar) -> TracedScalar {
        record(.binary(f), [x, y])
    }

    public static func compare(_ c: Comparison, _ x: TracedScalar, _ y: TracedScalar) -> TracedScalar {
        record(.comparison(c), [x, y])
    }

    public static func select(_ condition: TracedScalar, _ a: TracedScalar, _ b: TracedScalar) -> TracedScalar {
        record(.select, [condition, a, b])
    }

    /// One custom vertex, so that its derivative is the custom one when the trace is differentiated.
    public static func custom(_ f: CustomFunction, _ operands: [TracedScalar]) -> TracedScalar {
        record(.custom(f), operands)
    }

    private static func record(_ primitive: Primitive, _ operands: [TracedScalar]) -> TracedScalar {
        guard let builder = operands.lazy.compactMap(\.builder).first else {
            // Every operand is a constant: fold.
            let tensors = operands.map { o -> Tensor in
                if case let .constant(t) = o.operand { return t }
                return Tensor(.nan)
            }
            return TracedScalar(constant: (try? primitive.evaluate(tensors).scalars[0]) ?? .nan)
        }
        return TracedScalar(builder.applyRecordingError(primitive, operands.map(\.operand)), in: builder)
    }
}
