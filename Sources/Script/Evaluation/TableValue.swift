import CrossCountry

/// A table of results (`compare`, `steps`, `vertices`, `table`), shown aligned. Its rows read as
/// records (`t[0].paper`, `for r in t`), its columns as fields (`t.paper`), and `t[a:b]` is a table of
/// those rows; a long one shows its first and last rows, as pandas does.
public struct TableValue {
    public var header: [String]
    public var rows: [[Value]]

    /// Rows beyond which a table shows only its first and last `edgeRows`.
    static let longest = 60
    static let edgeRows = 5

    public var text: String { text(elide: true) }

    func text(elide: Bool) -> String {
        let elided = elide && rows.count > TableValue.longest
        let shown = elided ? Array(rows.prefix(TableValue.edgeRows)) + Array(rows.suffix(TableValue.edgeRows)) : rows
        var cells = shown.map { $0.map { Display.inline($0, quoted: false) } }
        if elided { cells.insert(header.map { _ in Display.ellipsis }, at: TableValue.edgeRows) }
        let table = TextTable(header: header, rows: cells).text
        return elided ? table + "\n(\(rows.count) rows; show(x, all: true) shows every row)" : table
    }

    /// The rows as records whose fields are the columns.
    var records: [Value] {
        rows.map { row in .record(Record(kind: "row", fields: Array(zip(header, row)).map { (name: $0, value: $1) })) }
    }

    /// Each column as a field: its values, a vector when they are all numbers.
    var columns: [(name: String, value: Value)] {
        header.enumerated().map { c, name in (name, Operators.list(rows.map { $0[c] })) }
    }
}
