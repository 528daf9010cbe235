/// A tensor shape of rank 0, 1 or 2 — the ranks ccs's engine supports, as in the paper.
public struct Shape: Hashable, Sendable, CustomStringConvertible {
    /// The extents, outermost first; empty for a scalar.
    public let dims: [Int]

    public static let scalar = Shape(uncheckedDims: [])

    public static func vector(_ n: Int) -> Shape { Shape(uncheckedDims: [n]) }
    public static func matrix(_ rows: Int, _ cols: Int) -> Shape { Shape(uncheckedDims: [rows, cols]) }

    /// The most elements a shape may have — far beyond any tensor ccs holds, and small enough that
    /// products of a few sizes are checked rather than assumed to fit.
    public static let largestCount = 1 << 40

    /// A shape from its extents; fails on rank > 2, a non-positive extent, or more than
    /// `largestCount` elements.
    public init(dims: [Int]) throws(ShapeError) {
        guard dims.count <= 2 else { throw ShapeError.rankTooHigh(dims) }
        guard dims.allSatisfy({ $0 > 0 }) else { throw ShapeError.nonPositiveExtent(dims) }
        guard let count = Bounds.checkedProduct(dims), count <= Shape.largestCount else { throw ShapeError.tooLarge(dims) }
        self.dims = dims
    }

    private init(uncheckedDims: [Int]) { dims = uncheckedDims }

    public var rank: Int { dims.count }
    /// The number of elements.
    public var count: Int { dims.reduce(1, *) }
    public var isScalar: Bool { dims.isEmpty }

    /// The elements of a game 2-vector (negative extents, the paper's marks, count by magnitude), or
    /// nil past `Shape.largestCount`.
    static func count(of pair: ShapePair) -> Int? {
        guard let count = Bounds.checkedProduct([Int(clamping: pair.first.magnitude), Int(clamping: pair.second.magnitude)]),
              count <= largestCount else { return nil }
        return count
    }

    /// The vertex game's 2-vector: scalar → (1,1), length-n vector → (n,1), matrix → (rows, cols).
    public var pair: ShapePair {
        switch dims.count {
        case 0: return ShapePair(1, 1)
        case 1: return ShapePair(dims[0], 1)
        default: return ShapePair(dims[0], dims[1])
        }
    }

    /// The shape a game 2-vector most plausibly came from: (1,1) → scalar, (n,1) → vector, else
    /// matrix; extents by magnitude (the paper's format may mark one negative), at least 1.
    public init(pair: ShapePair) {
        let first = Int(clamping: max(1, pair.first.magnitude)), second = Int(clamping: max(1, pair.second.magnitude))
        if first == 1 && second == 1 { self = .scalar }
        else if second == 1 { self = .vector(first) }
        else { self = .matrix(first, second) }
    }

    /// `()`, `(4)` or `(2,3)`.
    public var description: String { "(" + dims.map(String.init).joined(separator: ",") + ")" }
}

/// A shape in the vertex game's fixed two-entry form (scalars and vectors padded with 1).
public struct ShapePair: Hashable, Sendable, CustomStringConvertible {
    public var first: Int
    public var second: Int

    public init(_ first: Int, _ second: Int) {
        self.first = first
        self.second = second
    }

    public var description: String { "(\(first),\(second))" }
}

/// A shape that ccs cannot represent.
public enum ShapeError: Error, Equatable, Sendable, CustomStringConvertible {
    case rankTooHigh([Int])
    case nonPositiveExtent([Int])
    /// More elements than `Shape.largestCount`.
    case tooLarge([Int])
    /// Matrix rows of different lengths.
    case ragged([Int])
    /// A number of values that does not fill the shape.
    case valueCount([Int], Int)

    public var description: String {
        switch self {
        case let .rankTooHigh(dims):
            return "shape \(dims) has rank \(dims.count); ccs supports scalars, vectors and matrices (rank ≤ 2)"
        case let .nonPositiveExtent(dims):
            return "shape \(dims) has an extent below 1"
        case let .tooLarge(dims):
            return "shape \(dims) has more than \(Bounds.grouped(Shape.largestCount)) elements, the most ccs allows"
        case let .ragged(lengths):
            return "matrix rows have different lengths \(lengths)"
        case let .valueCount(dims, count):
            return "shape \(dims) holds \(Bounds.checkedProduct(dims).map(String.init) ?? "too many") values, not \(count)"
        }
    }
}
