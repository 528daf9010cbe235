/// The structure of a partial Jacobian ∂v/∂u, seen as a matrix with one row per element of v and
/// one column per element of u (both row-major): which entries can be nonzero and where their values
/// are stored. Numeric elimination picks its kernel from the structures of the two factors.
public enum PartialStructure: Hashable, Sendable, CustomStringConvertible {
    /// The identity; stores nothing.
    case identity(Int)
    /// A constant multiple of the identity; stores one value.
    case scaled(Int)
    /// A diagonal; stores the n diagonal values.
    case diagonal(Int)
    /// At most one nonzero per row (transposes, slices, concatenations, broadcasts).
    case selection(Selection)
    /// Block-diagonal up to an interleaving of indices (matmul and reduction partials).
    case blocks(Blocks)
    /// Every entry; stores rows × columns values, row-major.
    case dense(rows: Int, columns: Int)

    /// At most one nonzero per row: row r has its entry in column `sources[r]` (−1: an empty row),
    /// with value 1, or with stored value r when `valued`.
    public struct Selection: Hashable, Sendable {
        public let rows: Int
        public let columns: Int
        public let sources: [Int32]
        public let valued: Bool

        public init(rows: Int, columns: Int, sources: [Int32], valued: Bool) {
            self.rows = rows
            self.columns = columns
            self.sources = sources
            self.valued = valued
        }
    }

    /// `count` blocks of `rows` × `columns`: block t, entry (i, k) sits at row
    /// `rowsInner ? i·count + t : t·rows + i` and column `columnsInner ? k·count + t : t·columns + k`.
    /// Values are stored block after block, row-major in each block; a `shared` structure stores
    /// one block that every block repeats.
    public struct Blocks: Hashable, Sendable {
        public let count: Int
        public let rows: Int
        public let columns: Int
        public let rowsInner: Bool
        public let columnsInner: Bool
        public let shared: Bool

        @inline(__always) func row(_ t: Int, _ i: Int) -> Int { rowsInner ? i * count + t : t * rows + i }
        @inline(__always) func column(_ t: Int, _ k: Int) -> Int { columnsInner ? k * count + t : t * columns + k }
        @inline(__always) func valueIndex(_ t: Int, _ i: Int, _ k: Int) -> Int { ((shared ? 0 : t) * rows + i) * columns + k }
        /// (block, index in block) of a row or column.
        @inline(__always) func rowPosition(_ r: Int) -> (Int, Int) { rowsInner ? (r % count, r / count) : (r / rows, r % rows) }
        @inline(__always) func columnPosition(_ c: Int) -> (Int, Int) { columnsInner ? (c % count, c / count) : (c / columns, c % columns) }
    }

    /// Blocks in canonical form: one block is dense; 1×1 blocks are a diagonal (or a multiple of the
    /// identity); the inner/outer flag of an extent-1 side is irrelevant and set to outer.
    public static func makeBlocks(count: Int, rows: Int, columns: Int, rowsInner: Bool, columnsInner: Bool, shared: Bool) -> PartialStructure {
        if count == 1 { return .dense(rows: rows, columns: columns).normalized }
        if rows == 1 && columns == 1 { return (shared ? PartialStructure.scaled(count) : .diagonal(count)).normalized }
        return .blocks(Blocks(count: count, rows: rows, columns: columns, rowsInner: rows > 1 && rowsInner,
                              columnsInner: columns > 1 && columnsInner, shared: shared))
    }

    /// A 1×1 partial with a value is always dense, so that scalar graphs multiply exactly as the
    /// paper counts (one multiplication per product, explicit ones included).
    public var normalized: PartialStructure {
        switch self {
        case .scaled(1), .diagonal(1): return .dense(rows: 1, columns: 1)
        default: return self
        }
    }

    public var rows: Int {
        switch self {
        case let .identity(n), let .scaled(n), let .diagonal(n): return n
        case let .selection(s): return s.rows
        case let .blocks(b): return b.count * b.rows
        case let .dense(rows, _): return rows
        }
    }

    public var columns: Int {
        switch self {
        case let .identity(n), let .scaled(n), let .diagonal(n): return n
        case let .selection(s): return s.columns
        case let .blocks(b): return b.count * b.columns
        case let .dense(_, columns): return columns
        }
    }

    /// How many values the structure stores.
    public var valueCount: Int {
        switch self {
        case .identity: return 0
        case .scaled: return 1
        case let .diagonal(n): return n
        case let .selection(s): return s.valued ? s.rows : 0
        case let .blocks(b): return (b.shared ? 1 : b.count) * b.rows * b.columns
        case let .dense(rows, columns): return rows * columns
        }
    }

    /// Whether every value is a structural 1 (nothing stored, nothing to multiply).
    public var isValueless: Bool {
        switch self {
        case .identity: return true
        case let .selection(s): return !s.valued
        default: return false
        }
    }

    /// Calls `body(row, column, valueIndex)` for every possibly-nonzero entry; valueIndex is −1 for a
    /// structural 1. Shared blocks report the shared value index for every block.
    func forEachEntry(_ body: (Int, Int, Int) -> Void) {
        switch self {
        case let .identity(n): for j in 0..<n { body(j, j, -1) }
        case let .scaled(n): for j in 0..<n { body(j, j, 0) }
        case let .diagonal(n): for j in 0..<n { body(j, j, j) }
        case let .selection(s):
            for r in 0..<s.rows where s.sources[r] >= 0 { body(r, Int(s.sources[r]), s.valued ? r : -1) }
        case let .blocks(b):
            for t in 0..<b.count {
                for i in 0..<b.rows {
                    for k in 0..<b.columns { body(b.row(t, i), b.column(t, k), b.valueIndex(t, i, k)) }
                }
            }
        case let .dense(rows, columns):
            for r in 0..<rows {
                for c in 0..<columns { body(r, c, r * columns + c) }
            }
        }
    }

    /// Where the value of entry (row, column) is stored: nil when the entry is structurally zero,
    /// −1 when it is a structural 1.
    func valueIndex(row: Int, column: Int) -> Int? {
        switch self {
        case .identity: return row == column ? -1 : nil
        case .scaled: return row == column ? 0 : nil
        case .diagonal: return row == column ? row : nil
        case let .selection(s): return Int(s.sources[row]) == column ? (s.valued ? row : -1) : nil
        case let .blocks(b):
            let (t, i) = b.rowPosition(row), (u, k) = b.columnPosition(column)
            return t == u ? b.valueIndex(t, i, k) : nil
        case let .dense(_, columns): return row * columns + column
        }
    }

    /// The dense matrix (rows × columns, row-major) these values stand for.
    public func dense(_ values: [Double]) -> [Double] {
        var matrix = [Double](repeating: 0, count: rows * columns)
        let columns = self.columns
        forEachEntry { r, c, v in matrix[r * columns + c] += v < 0 ? 1 : values[v] }
        return matrix
    }

    public var description: String {
        switch self {
        case let .identity(n): return "identity(\(n))"
        case let .scaled(n): return "scaled identity(\(n))"
        case let .diagonal(n): return "diagonal(\(n))"
        case let .selection(s): return "\(s.valued ? "weighted " : "")selection(\(s.rows)×\(s.columns))"
        case let .blocks(b):
            return "\(b.shared ? "repeated " : "")blocks(\(b.count) × \(b.rows)×\(b.columns)\(b.rowsInner ? ", rows interleaved" : "")\(b.columnsInner ? ", columns interleaved" : ""))"
        case let .dense(rows, columns): return "dense(\(rows)×\(columns))"
        }
    }
}

/// A local partial ∂v/∂u at one point: its structure and the values the structure stores.
public struct LocalPartial: Hashable, Sendable {
    public let structure: PartialStructure
    public let values: [Double]

    init(structure: PartialStructure, values: [Double]) {
        self.structure = structure
        self.values = values
    }

    /// The partial as a dense rows × columns matrix, row-major.
    public var dense: [Double] { structure.dense(values) }
}
