/// Words laid out in columns across a terminal's width, as `ls` does (down, then across).
enum Columns {
    static func format(_ words: [String], width: Int) -> String {
        guard let longest = words.map(\.count).max() else { return "" }
        let columnWidth = longest + 2
        let columns = max(1, (width - 2) / columnWidth)
        let rows = (words.count + columns - 1) / columns
        var lines: [String] = []
        for row in 0..<rows {
            var line = ""
            for column in 0..<columns {
                let index = column * rows + row
                guard index < words.count else { break }
                let word = words[index]
                let isLast = (column + 1) * rows + row >= words.count
                line += isLast ? word : word + String(repeating: " ", count: columnWidth - word.count)
            }
            lines.append("  " + line)
        }
        return lines.joined(separator: "\n")
    }
}
