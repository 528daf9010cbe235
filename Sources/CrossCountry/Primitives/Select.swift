extension Primitive {
    /// where(condition, a, b)'s partial with respect to a (`operand` 1) or b (`operand` 2): the
    /// derivative passes to the chosen case (JAX's rule; graphax's differed). The condition has none.
    @inline(__always)
    public static func selectPartial<T: ScalarAlgebra>(operand: Int, condition: T) -> T {
        operand == 1 ? T.select(condition, .c(1), .c(0)) : T.select(condition, .c(0), .c(1))
    }
}
