/// Sums of structured partials: which structure E + R has, and where each stored value of a term
/// lands in it. Products are planned in `ProductPlanner`.
enum StructureAlgebra {
    /// The structure of the sum of two partials of the same size.
    static func sum(_ a: PartialStructure, _ b: PartialStructure) -> PartialStructure {
        switch (a, b) {
        case (.identity(let n), .identity), (.identity(let n), .scaled), (.scaled(let n), .identity), (.scaled(let n), .scaled):
            return PartialStructure.scaled(n).normalized
        case (.identity(let n), .diagonal), (.scaled(let n), .diagonal), (.diagonal(let n), .identity),
             (.diagonal(let n), .scaled), (.diagonal(let n), .diagonal):
            return PartialStructure.diagonal(n).normalized
        case let (.selection(s), .selection(t)) where s.sources == t.sources:
            return .selection(.init(rows: s.rows, columns: s.columns, sources: s.sources, valued: true))
        case let (.blocks(x), .blocks(y)) where x.count == y.count && x.rows == y.rows && x.columns == y.columns
            && x.rowsInner == y.rowsInner && x.columnsInner == y.columnsInner:
            return .blocks(.init(count: x.count, rows: x.rows, columns: x.columns, rowsInner: x.rowsInner,
                                 columnsInner: x.columnsInner, shared: x.shared && y.shared))
        default:
            return .dense(rows: a.rows, columns: a.columns)
        }
    }

    /// Where the entries of `source` land among the stored values of `target`, which must cover
    /// them: pairs (target value index, source value index or −1 for a structural 1). A target that
    /// stores one value for many entries (a multiple of the identity, shared blocks) receives each
    /// of its values once.
    static func embedding(_ source: PartialStructure, into target: PartialStructure) -> [(Int32, Int32)] {
        var pairs: [(Int32, Int32)] = []
        pairs.reserveCapacity(source.valueCount)
        let canonicalRows: Int
        switch target {
        case .scaled: canonicalRows = 1
        case let .blocks(b) where b.shared: canonicalRows = -1
        default: canonicalRows = Int.max
        }
        source.forEachEntry { r, c, v in
            if canonicalRows == -1, case let .blocks(b) = target, b.rowPosition(r).0 != 0 { return }
            if r >= canonicalRows { return }
            guard let d = target.valueIndex(row: r, column: c), d >= 0 else {
                // Unreachable from input: a target is built as a structure covering every source summed into it.
                preconditionFailure("\(target) does not cover entry (\(r), \(c)) of \(source)")
            }
            pairs.append((Int32(d), Int32(v)))
        }
        return pairs
    }

    /// The sum of two partials at one point.
    static func add(_ a: LocalPartial, _ b: LocalPartial) -> LocalPartial {
        let structure = sum(a.structure, b.structure)
        var values = [Double](repeating: 0, count: structure.valueCount)
        for term in [a, b] {
            for (d, s) in embedding(term.structure, into: structure) { values[Int(d)] += s < 0 ? 1 : term.values[Int(s)] }
        }
        return LocalPartial(structure: structure, values: values)
    }
}
