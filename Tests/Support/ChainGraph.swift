import CrossCountry

/// The scalar chain of real program size the large-graph tests share: `s = sin(s) * x + cos(s)`
/// repeated on a 5-vector and summed as s·s, 4 vertices an iteration.
public enum ChainGraph {
    public static func traced(iterations: Int) throws -> NumericGraph {
        let b = GraphBuilder(name: "chain\(iterations)")
        let x = try b.input("x", try Tensor(shape: try Shape(dims: [5]), scalars: [0.1, 0.2, 0.3, 0.4, 0.5]))
        var s = x
        for _ in 0..<iterations {
            s = try b.apply(.add, [try b.apply(.mul, [try b.apply(.sin, [s]), x]), try b.apply(.cos, [s])])
        }
        try b.markOutput(try b.apply(.reduceSum(axis: nil), [try b.apply(.mul, [s, s])]))
        return try b.build()
    }
}
