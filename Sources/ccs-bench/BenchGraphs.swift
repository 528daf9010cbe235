import CrossCountry

/// The functions the Jacobian benchmark traces with the graph builder.
enum BenchGraphs {
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
