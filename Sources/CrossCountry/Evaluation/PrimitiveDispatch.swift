/// Calls `body` with the unary function `f` spelled as a constant for the cheap functions
/// (negation, absolute value, square roots, squares), so that the optimizer specializes the body — a
/// loop applying the function's value or derivative rule — for each: the choice of function leaves
/// the loop and the loop vectorizes. Other functions (transcendental ones, which cost far more than
/// the dispatch) run the generic body. The rules stay written once, in `UnaryFunction`.
@inline(__always)
func withConstantFunction(_ f: UnaryFunction, _ body: (UnaryFunction) -> Void) {
    switch f {
    case .neg: body(.neg)
    case .abs: body(.abs)
    case .sqrt: body(.sqrt)
    case .square: body(.square)
    case .integerPow(2): body(.integerPow(2))
    default: body(f)
    }
}

/// `withConstantFunction` for the binary functions: the arithmetic ones specialize the body.
@inline(__always)
func withConstantFunction(_ f: BinaryFunction, _ body: (BinaryFunction) -> Void) {
    switch f {
    case .add: body(.add)
    case .sub: body(.sub)
    case .mul: body(.mul)
    case .div: body(.div)
    case .max: body(.max)
    case .min: body(.min)
    case .pow, .atan2: body(f)
    }
}
