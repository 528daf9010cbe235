/// A plain-text table with a header row, right-aligned numbers and left-aligned text.
public struct TextTable: Sendable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    public var text: String {
        let columns = header.count
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < columns { widths[i] = max(widths[i], cell.count) } }
        let numeric = (0..<columns).map { column in
            rows.allSatisfy { row in
                column >= row.count || row[column].isEmpty || row[column] == "–"
                    || row[column].allSatisfy { $0.isNumber || "-.%×e+".contains($0) }
            }
        }
        func line(_ cells: [String]) -> String {
            var text = (0..<columns).map { i in
                let cell = i < cells.count ? cells[i] : ""
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return numeric[i] && i > 0 ? pad + cell : cell + pad
            }.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
}
