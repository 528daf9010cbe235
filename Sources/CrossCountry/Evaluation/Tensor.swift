/// A dense tensor of rank 0, 1 or 2 holding Doubles in row-major order: the values ccs computes
/// with, traces at and returns.
public struct Tensor: Hashable, Sendable, CustomStringConvertible {
    public let shape: Shape
    public private(set) var scalars: [Double]

    /// A tensor from its shape and row-major values; fails when the counts differ.
    public init(shape: Shape, scalars: [Double]) throws(ShapeError) {
        guard shape.count == scalars.count else { throw .valueCount(shape.dims, scalars.count) }
        self.shape = shape
        self.scalars = scalars
    }

    /// For values whose count is known to match (built inside ccs).
    init(uncheckedShape shape: Shape, scalars: [Double]) {
        self.shape = shape
        self.scalars = scalars
    }

    public init(_ scalar: Double) { self.init(uncheckedShape: .scalar, scalars: [scalar]) }

    /// A vector; fails when it is empty.
    public init(vector: [Double]) throws(ShapeError) {
        try self.init(shape: try Shape(dims: [vector.count]), scalars: vector)
    }

    /// A matrix from its rows, which must all have the same positive length.
    public init(rows: [[Double]]) throws(ShapeError) {
        let columns = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == columns }) else { throw .ragged(rows.map(\.count)) }
        try self.init(shape: try Shape(dims: [rows.count, columns]), scalars: rows.flatMap { $0 })
    }

    public static func filled(_ value: Double, shape: Shape) -> Tensor {
        Tensor(uncheckedShape: shape, scalars: [Double](repeating: value, count: shape.count))
    }

    public static func zeros(_ shape: Shape) -> Tensor { filled(0, shape: shape) }

    public var isScalar: Bool { shape.isScalar }

    /// The single value of a one-element tensor.
    public var scalarValue: Double? { scalars.count == 1 ? scalars[0] : nil }

    /// The element at a row and column of a matrix (row 0 of a vector, the only one of a scalar).
    public subscript(row: Int, column: Int) -> Double {
        scalars[row * (shape.rank == 2 ? shape.dims[1] : 1) + column]
    }

    public var description: String {
        switch shape.rank {
        case 0: return Tensor.format(scalars[0])
        case 1: return "[" + scalars.map(Tensor.format).joined(separator: ", ") + "]"
        default:
            let columns = shape.dims[1]
            let rows = (0..<shape.dims[0]).map { r in
                "[" + scalars[r * columns..<(r + 1) * columns].map(Tensor.format).joined(separator: ", ") + "]"
            }
            return "[" + rows.joined(separator: ", ") + "]"
        }
    }

    /// Shortest text that reads back to the same Double; integers without a fraction.
    public static func format(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }
}
