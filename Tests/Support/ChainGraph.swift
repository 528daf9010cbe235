import CrossCountry

/// The scalar chain of real program size the large-graph tests share: `s = sin(s) * x + cos(s)`
/// repeated on a vector (5 entries unless `width` says otherwise) and summed as s·s, 4 vertices an
/// iteration.
public enum ChainGraph {
    public static func traced(iterations: Int, width: Int = 5) throws -> NumericGraph {
        let b = GraphBuilder(name: "chain\(iterations)")
        let x = try b.input("x", try Tensor(shape: try Shape(dims: [width]), scalars: (1...width).map { 0.1 * Double($0) }))
        var s = x
        for _ in 0..<iterations {
            s = try b.apply(.add, [try b.apply(.mul, [try b.apply(.sin, [s]), x]), try b.apply(.cos, [s])])
        }
        try b.markOutput(try b.apply(.reduceSum(axis: nil), [try b.apply(.mul, [s, s])]))
        return try b.build()
    }
}
