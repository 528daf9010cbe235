/// Products of structured partials R = Q·P (Q = ∂w/∂v, P = ∂v/∂u): the structure of R, and how it
/// is computed — identities alias, multiples of the identity scale, dense and block factors go
/// through matrix products, and every other pair through an index list of single products derived
/// from the two structures' entries (diagonal × diagonal is elementwise, a diagonal scales the rows
/// or columns of a selection or of blocks).
enum ProductPlanner {
    /// The structure of q·p.
    static func structure(_ q: PartialStructure, _ p: PartialStructure) -> PartialStructure {
        switch (q, p) {
        case (.identity, _): return p
        case (_, .identity): return q
        case (.scaled, _): return valued(p)
        case (_, .scaled): return valued(q)
        case let (.dense(w, _), .dense(_, u)): return .dense(rows: w, columns: u)
        case let (.dense(w, _), .blocks(b)): return .dense(rows: w, columns: b.count * b.columns)
        case let (.blocks(b), .dense(_, u)): return .dense(rows: b.count * b.rows, columns: u)
        case let (.blocks(x), .blocks(y)) where compatible(x, y):
            return .makeBlocks(count: x.count, rows: x.rows, columns: y.columns, rowsInner: x.rowsInner,
                               columnsInner: y.columnsInner, shared: x.shared && y.shared)
        case let (.diagonal(n), .diagonal): return .diagonal(n)
        case let (.diagonal, .selection(s)), let (.selection(s), .diagonal): return valued(.selection(s))
        case let (.diagonal, .blocks(b)), let (.blocks(b), .diagonal):
            return .blocks(.init(count: b.count, rows: b.rows, columns: b.columns, rowsInner: b.rowsInner, columnsInner: b.columnsInner, shared: false))
        case let (.selection(s), .selection(t)):
            let sources = s.sources.map { $0 < 0 ? -1 : t.sources[Int($0)] }
            return .selection(.init(rows: s.rows, columns: t.columns, sources: sources, valued: s.valued || t.valued))
        default:
            return .dense(rows: q.rows, columns: p.columns)
        }
    }

    /// The multiplications of forming q·p — what `PlanCompiler` emits for the pair, counted from the
    /// structures alone: identities alias, a multiple of the identity scales the other factor's
    /// values, dense and block factors multiply as matrices, diagonals elementwise, and any other
    /// pair once per product of two stored values.
    static func multiplications(_ q: PartialStructure, _ p: PartialStructure) -> Int {
        switch (q, p) {
        case (.identity, _), (_, .identity): return 0
        case (.scaled, _), (_, .scaled):
            let other = if case .scaled = q { p } else { q }
            return other.isValueless ? 0 : other.valueCount
        default: break
        }
        let r = structure(q, p)
        if r.isValueless { return 0 }
        if let products = matrixProducts(q, 0, p, 0, r, 0, accumulate: false) { return products.reduce(0) { $0 + $1.multiplications } }
        if case let .diagonal(n) = q, case .diagonal = p { return n }
        return contributions(q, p, r).triples.count / 3
    }

    /// Whether the product can be added straight into an existing edge of its own structure.
    static func accumulates(_ q: PartialStructure, _ p: PartialStructure) -> Bool {
        switch (q, p) {
        case (.scaled, _) where p.isValueless, (_, .scaled) where q.isValueless: return false
        default: return !(q.isValueless && p.isValueless)
        }
    }

    private static func valued(_ s: PartialStructure) -> PartialStructure {
        if case let .selection(x) = s, !x.valued { return .selection(.init(rows: x.rows, columns: x.columns, sources: x.sources, valued: true)) }
        return s
    }

    /// Blocks whose block decompositions meet: Q's column blocks are P's row blocks.
    private static func compatible(_ x: PartialStructure.Blocks, _ y: PartialStructure.Blocks) -> Bool {
        x.count == y.count && x.columns == y.rows && x.columnsInner == y.rowsInner
    }

    /// The matrix products computing q·p into `out` (structure r) when both factors are dense or
    /// blocks; nil for other pairs.
    static func matrixProducts(_ q: PartialStructure, _ qSlot: Int, _ p: PartialStructure, _ pSlot: Int,
                               _ r: PartialStructure, _ out: Int, accumulate: Bool) -> [MatrixProduct]? {
        switch (q, p) {
        case let (.dense(w, v), .dense(_, u)):
            return [MatrixProduct(m: w, k: v, n: u, a: MatrixView(offset: qSlot, rowStride: v, columnStride: 1),
                                  b: MatrixView(offset: pSlot, rowStride: u, columnStride: 1),
                                  c: MatrixView(offset: out, rowStride: u, columnStride: 1), accumulate: accumulate)]
        case let (.dense(w, v), .blocks(b)):
            // Block t: R[:, columns of t] = Q[:, rows of t] · M_t.
            let u = b.count * b.columns
            var product = MatrixProduct(
                m: w, k: b.rows, n: b.columns,
                a: MatrixView(offset: qSlot, rowStride: v, columnStride: b.rowsInner ? b.count : 1),
                b: MatrixView(offset: pSlot, rowStride: b.columns, columnStride: 1),
                c: MatrixView(offset: out, rowStride: u, columnStride: b.columnsInner ? b.count : 1), accumulate: accumulate)
            product.repeats = b.count
            product.steps = (b.rowsInner ? 1 : b.rows, b.shared ? 0 : b.rows * b.columns, b.columnsInner ? 1 : b.columns)
            return [product]
        case let (.blocks(b), .dense(_, u)):
            // Block t: R[rows of t, :] = M_t · P[columns of t, :].
            var product = MatrixProduct(
                m: b.rows, k: b.columns, n: u,
                a: MatrixView(offset: qSlot, rowStride: b.columns, columnStride: 1),
                b: MatrixView(offset: pSlot, rowStride: (b.columnsInner ? b.count : 1) * u, columnStride: 1),
                c: MatrixView(offset: out, rowStride: (b.rowsInner ? b.count : 1) * u, columnStride: 1), accumulate: accumulate)
            product.repeats = b.count
            product.steps = (b.shared ? 0 : b.rows * b.columns, (b.columnsInner ? 1 : b.columns) * u, (b.rowsInner ? 1 : b.rows) * u)
            return [product]
        case let (.blocks(x), .blocks(y)) where compatible(x, y):
            let shared = x.shared && y.shared
            var product = MatrixProduct(
                m: x.rows, k: x.columns, n: y.columns,
                a: MatrixView(offset: qSlot, rowStride: x.columns, columnStride: 1),
                b: MatrixView(offset: pSlot, rowStride: y.columns, columnStride: 1),
                c: MatrixView(offset: out, rowStride: y.columns, columnStride: 1), accumulate: accumulate)
            product.repeats = shared ? 1 : x.count
            product.steps = (x.shared ? 0 : x.rows * x.columns, y.shared ? 0 : y.rows * y.columns, x.rows * y.columns)
            return [product]
        default:
            return nil
        }
    }

    /// Every single product of q·p landing in r: index triples (r value, q value, p value) for the
    /// multiplications, and pairs (r value, source value or −1 for a structural 1) where one or both
    /// factors are structural ones (copied from q, or from p).
    static func contributions(_ q: PartialStructure, _ p: PartialStructure, _ r: PartialStructure)
        -> (triples: [Int32], fromQ: [(Int32, Int32)], fromP: [(Int32, Int32)]) {
        var starts = [Int](repeating: 0, count: p.rows + 1)
        p.forEachEntry { row, _, _ in starts[row + 1] += 1 }
        for i in 0..<p.rows { starts[i + 1] += starts[i] }
        var cursor = starts
        var columns = [Int32](repeating: 0, count: starts[p.rows]), values = columns
        p.forEachEntry { row, column, value in
            columns[cursor[row]] = Int32(column)
            values[cursor[row]] = Int32(value)
            cursor[row] += 1
        }
        var triples: [Int32] = [], fromQ: [(Int32, Int32)] = [], fromP: [(Int32, Int32)] = []
        q.forEachEntry { o, c, qv in
            for e in starts[c]..<starts[c + 1] {
                guard let d = r.valueIndex(row: o, column: Int(columns[e])), d >= 0 else {
                    // Unreachable from input: r is built as the structure of q · p, which covers every entry of the product.
                    preconditionFailure("\(r) does not cover an entry of \(q) · \(p)")
                }
                let pv = Int(values[e])
                if qv >= 0 && pv >= 0 { triples += [Int32(d), Int32(qv), Int32(pv)] }
                else if qv >= 0 { fromQ.append((Int32(d), Int32(qv))) }
                else { fromP.append((Int32(d), Int32(pv))) }
            }
        }
        return (triples, fromQ, fromP)
    }
}
