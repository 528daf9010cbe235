import CrossCountry

/// A traced value with operators, so that benchmark functions read like the formulas they trace.
struct Expr {
    let builder: GraphBuilder
    let operand: Operand

    func apply(_ p: Primitive, _ others: Expr...) throws -> Expr {
        Expr(builder: builder, operand: try builder.apply(p, [operand] + others.map(\.operand)))
    }

    func constant(_ x: Double) -> Expr { Expr(builder: builder, operand: .constant(Tensor(x))) }

    static func + (a: Expr, b: Expr) throws -> Expr { try a.apply(.add, b) }
    static func - (a: Expr, b: Expr) throws -> Expr { try a.apply(.sub, b) }
    static func * (a: Expr, b: Expr) throws -> Expr { try a.apply(.mul, b) }
    static func / (a: Expr, b: Expr) throws -> Expr { try a.apply(.div, b) }
    static func * (a: Double, b: Expr) throws -> Expr { try b.constant(a).apply(.mul, b) }
    static func * (a: Expr, b: Double) throws -> Expr { try a.apply(.mul, a.constant(b)) }
    func sqrt() throws -> Expr { try apply(.sqrt) }
    func abs() throws -> Expr { try apply(.abs) }
    func squared() throws -> Expr { try apply(.integerPow(2)) }
}

/// The functions the Jacobian benchmark traces, written with the graph builder.
enum BenchGraphs {
    /// RoeFlux_1d (the paper's Roe flux, γ = 0.5), in the order of the paper's op listing, so that it
    /// traces to the published 101-vertex graph.
    static func roeFlux() throws -> NumericGraph {
        let b = GraphBuilder(name: "RoeFlux_1d")
        let point = [0.01, 0.02, 0.02, 0.01, 0.03, 0.03]
        let x = try ["ul0", "ul1", "ul2", "ur0", "ur1", "ur2"].enumerated().map { i, name in
            Expr(builder: b, operand: try b.input(name, Tensor(point[i])))
        }
        let (ul0, ul1, ul2, ur0, ur1, ur2) = (x[0], x[1], x[2], x[3], x[4], x[5])
        func pressure(_ u0: Expr, _ u1: Expr, _ u2: Expr) throws -> Expr { try -0.5 * (u2 - (0.5 * u1.squared()) / u0) }
        func enthalpy(_ u0: Expr, _ u2: Expr, _ p: Expr) throws -> Expr { try (u2 + p) / u0 }
        let du0 = try ur0 - ul0
        let ulr0 = try (ul0 * ur0).sqrt()
        let w1 = try ul0.sqrt() + ur0.sqrt()
        let vl = try ul1 / ul0
        let pl = try pressure(ul0, ul1, ul2)
        let hl = try enthalpy(ul0, ul2, pl)
        let vr = try ur1 / ur0
        let pr = try pressure(ur0, ur1, ur2)
        let hr = try enthalpy(ur0, ur2, pr)
        let dp = try pr - pl
        let dv = try vr - vl
        let u = try (ul0.sqrt() * vl + ur0.sqrt() * vr) / w1
        let h = try (ul0.sqrt() * hl + ur0.sqrt() * hr) / w1
        let q2 = try u.squared()
        let a2 = try -0.5 * (h - 0.5 * q2)
        let a = try a2.sqrt()
        let lp = try (u + a).abs(), l = try u.abs(), ln = try u.abs()
        let n = try a * ulr0
        let c0 = try (du0 - dp / a2) * l
        let c1 = try (dv + dp / n) * lp
        let c2 = try (dv - dp / n) * ln
        func flux(_ u0: Expr, _ u1: Expr, _ u2: Expr, _ p: Expr) throws -> (Expr, Expr, Expr) {
            let v = try u1 / u0
            return (u1, try p + u1 * v, try v * (p + u2))
        }
        let fl = try flux(ul0, ul1, ul2, pl), fr = try flux(ur0, ur1, ur2, pr)
        let f0 = try fl.0 + fr.0, f1 = try fl.1 + fr.1, f2 = try fl.2 + fr.2
        let c = try 0.5 * ulr0 / a
        let df0 = try c0 + c * c1 - c * c2
        let df1 = try c0 * u + c * c1 * (u + a) - c * c2 * (u - a)
        let df2 = try c0 * 0.5 * q2 + c * c1 * (h + u * a) - c * c2 * (h - u * a)
        for (f, df) in [(f0, df0), (f1, df1), (f2, df2)] { try b.markOutput((try 0.5 * (f - df)).operand) }
        return try b.build()
    }

    /// A one-hidden-layer tanh perceptron with a squared-error loss: the gradient of the loss with
    /// respect to the input, the weights and the biases.
    static func perceptron(inputs n: Int = 16, hidden: Int = 32, outputs k: Int = 8) throws -> NumericGraph {
        var rng = SplitMix64(seed: 1)
        func tensor(_ shape: Shape) throws -> Tensor {
            try Tensor(shape: shape, scalars: (0..<shape.count).map { _ in Double.random(in: -0.5...0.5, using: &rng) })
        }
        let b = GraphBuilder(name: "MLP \(n)-\(hidden)-\(k)")
        let x = try b.input("x", try tensor(.vector(n)))
        let w1 = try b.input("W1", try tensor(.matrix(hidden, n))), b1 = try b.input("b1", try tensor(.vector(hidden)))
        let w2 = try b.input("W2", try tensor(.matrix(k, hidden))), b2 = try b.input("b2", try tensor(.vector(k)))
        let target = Operand.constant(try tensor(.vector(k)))
        let h = try b.apply(.tanh, [try b.apply(.add, [try b.apply(.dot(lhs: 1, rhs: 0), [w1, x]), b1])])
        let y = try b.apply(.add, [try b.apply(.dot(lhs: 1, rhs: 0), [w2, h]), b2])
        let loss = try b.apply(.reduceSum(axis: nil), [try b.apply(.integerPow(2), [try b.apply(.sub, [y, target])])])
        try b.markOutput(loss)
        return try b.build()
    }
}
