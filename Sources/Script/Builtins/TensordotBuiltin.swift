import CrossCountry

extension Builtins {
    /// Contraction over any pair of axes: JAX's `dot_general` with one contracting axis per operand.
    static func tensordot() -> Builtin {
        Builtin("tensordot", [parameter("a"), parameter("b"), parameter("axes")],
                summary: "Contracts axis i of a with axis j of b, axes = (i, j): one dot_general vertex whose axes are a's remaining axes, then b's (a @ b contracts (last, 0)).",
                example: "tensordot([[1, 2], [3, 4]], [[1, 0], [0, 1]], (0, 0))") { (a: inout Arguments) throws(ScriptError) in
            let axes = try a.required("axes").elements ?? []
            guard axes.count == 2, case let .number(i) = axes[0], case let .number(j) = axes[1],
                  let lhs = Int(exactly: i), let rhs = Int(exactly: j) else {
                throw a.error("axes is a pair of whole numbers (i, j): axis i of a meets axis j of b", at: "axes")
            }
            let x = try a.required("a"), y = try a.required("b")
            guard let ra = x.shape?.rank, let rb = y.shape?.rank else {
                throw a.error("tensordot contracts vectors and matrices, got \(x.typeDescription) and \(y.typeDescription)")
            }
            return try a.apply(.dot(lhs: lhs < 0 ? ra + lhs : lhs, rhs: rhs < 0 ? rb + rhs : rhs), ["a", "b"])
        }
    }
}
