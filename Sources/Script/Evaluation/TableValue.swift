import CrossCountry

/// A table of results (from `compare`), shown aligned; its rows can be read as records.
public struct TableValue {
    public var header: [String]
    public var rows: [[Value]]

    public var text: String {
        TextTable(header: header, rows: rows.map { $0.map { Display.inline($0, quoted: false) } }).text
    }
}
