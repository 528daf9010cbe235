/// The text of one `.ccs` source (a file, a REPL cell, the prelude) with its line table, so that
/// locations can be shown as `name:line:col` with the source line underneath.
public final class SourceFile: Sendable {
    /// The name shown in diagnostics: a path, `In[3]`, `<prelude>`.
    public let name: String
    public let text: String
    /// The text as Unicode scalars; offsets and columns count scalars.
    let scalars: [Unicode.Scalar]
    /// Offset of the first scalar of each line.
    let lineStarts: [Int]

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        let scalars = Array(text.unicodeScalars)
        self.scalars = scalars
        var starts = [0]
        for (i, s) in scalars.enumerated() where s == "\n" { starts.append(i + 1) }
        lineStarts = starts
    }

    /// The 1-based line and column of a scalar offset.
    public func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    /// The text of a 1-based line, without its newline.
    public func line(_ number: Int) -> String {
        guard number >= 1 && number <= lineStarts.count else { return "" }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : scalars.count
        if end > start && scalars[end - 1] == "\r" { end -= 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<max(start, end)])
        return String(view)
    }

    /// The source text of a range.
    func text(of range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[max(0, range.lowerBound)..<min(scalars.count, range.upperBound)])
        return String(view)
    }
}

/// A span of a source: scalar offsets `start..<end` into `file`.
public struct SourceRange: Sendable {
    public let file: SourceFile
    public let start: Int
    public let end: Int

    public init(file: SourceFile, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// The range covering both.
    func to(_ other: SourceRange) -> SourceRange { SourceRange(file: file, start: start, end: max(end, other.end)) }

    /// `name:line:col` of the start.
    public var location: String {
        let (line, column) = file.lineAndColumn(of: start)
        return "\(file.name):\(line):\(column)"
    }

    public var line: Int { file.lineAndColumn(of: start).line }
    public var column: Int { file.lineAndColumn(of: start).column }

    /// The source text this range covers.
    public var text: String { file.text(of: start..<end) }
}
