/// Calls `body` with the elementwise primitive `p` spelled as a constant for the cheap primitives
/// (arithmetic, square roots, powers of two), so that the optimizer specializes the body — a loop
/// applying `Double.unary`, `Double.binary` or a derivative rule — for each: the choice of primitive
/// leaves the loop and the loop vectorizes. Other primitives (transcendental functions, which cost
/// far more than the dispatch) run the generic body. The rules stay written once.
@inline(__always)
func withConstantPrimitive(_ p: Primitive, _ body: (Primitive) -> Void) {
    switch p {
    case .add: body(.add)
    case .sub: body(.sub)
    case .mul: body(.mul)
    case .div: body(.div)
    case .neg: body(.neg)
    case .abs: body(.abs)
    case .sqrt: body(.sqrt)
    case .square: body(.square)
    case .integerPow(2): body(.integerPow(2))
    case .max: body(.max)
    case .min: body(.min)
    default: body(p)
    }
}
