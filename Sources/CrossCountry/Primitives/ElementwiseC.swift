/// How generated C computes an elementwise function, as its family declares it (`UnaryFunction.c`,
/// `BinaryFunction.c`).
public enum ElementwiseC: Hashable, Sendable {
    /// -x.
    case negation
    /// x·x.
    case square
    /// x^n by repeated squaring.
    case power(Int)
    /// x op y with a C operator.
    case infix(String)
    /// A C expression in `x` (and `y`) on doubles, and its form on a vector of points.
    case call(String, vector: Vector)

    /// A call's form on a vector of points.
    public enum Vector: Hashable, Sendable {
        /// The scalar expression lane by lane.
        case lanes
        /// glibc's vector math library (libmvec) has the function under this name; lane by lane
        /// without it.
        case libmvec(String)
        /// Clearing the sign bits.
        case absolute
        /// The vector square root instruction where the target has one.
        case squareRoot
    }
}
