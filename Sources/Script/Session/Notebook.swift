import Foundation

/// The notebook format: a `.ccs` script whose recorded outputs follow the statements that produced
/// them as `#> ` comment lines. `ccs run` ignores them (they are comments); `ccs check` re-runs the
/// script and compares. A REPL session saves in this form.
///
/// ```
/// let g = load_graph("RoeFlux_1d")
/// cost(g, markowitz)
/// #> 407
/// ```
///
/// The statements between two runs of `#>` lines form a cell; the cell's expected output is the
/// `#>` lines after it — shown values and printed text in order, and `error: message` when the cell
/// failed (a failed cell stops, and the next cell runs, as in the REPL). `#>` alone is an empty line.
/// A line `# %%` (as in Jupytext and VS Code) ends a cell that shows nothing, so that a saved REPL
/// session keeps its cells.
public enum Notebook {
    /// The line that ends a cell without output.
    public static let cellBreak = "# %%"

    /// One cell to save: its source and the output lines it produced.
    public struct Cell {
        public var source: String
        public var output: [String]
        public init(source: String, output: [String]) {
            self.source = source
            self.output = output
        }
    }

    /// The notebook text of cells; a cell that shows nothing is followed by a cell break, unless it
    /// is the last or holds only comments.
    public static func render(_ cells: [Cell]) -> String {
        var lines: [String] = []
        for (k, cell) in cells.enumerated() {
            var source = cell.source
            while source.hasSuffix("\n") { source.removeLast() }
            lines.append(source)
            lines += cell.output.map { $0.isEmpty ? "#>" : "#> " + $0 }
            let onlyComments = source.split(separator: "\n").allSatisfy { $0.drop { $0 == " " || $0 == "\t" }.hasPrefix("#") }
            if cell.output.isEmpty && !onlyComments && k < cells.count - 1 { lines.append(cellBreak) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The lines of a source that are cell breaks.
    static func breaks(in file: SourceFile) -> [Int] {
        (1...file.lineStarts.count).filter { file.line($0).drop { $0 == " " || $0 == "\t" }.hasPrefix(cellBreak) }
    }

    /// The output lines of a shown value.
    public static func lines(of value: Value) -> [String] {
        Display.text(value).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The output line recording a cell's error.
    public static func line(of error: ScriptError) -> String { "error: \(error.message)" }

    /// The expected output lines of a source: line number → text, for lines of the form `#> text`.
    static func expectations(in file: SourceFile) -> [(line: Int, text: String)] {
        var found: [(Int, String)] = []
        for number in 1...file.lineStarts.count {
            let line = file.line(number).drop { $0 == " " || $0 == "\t" }
            guard line.hasPrefix("#>") else { continue }
            var text = line.dropFirst(2)
            if text.first == " " { text = text.dropFirst() }
            found.append((number, String(text)))
        }
        return found
    }

    /// Output collected while a cell runs, split into lines: what `ccs check` compares and what a
    /// REPL records for `:save`.
    public final class Transcript {
        private var text = ""
        public init() {}
        /// Printed text, as it comes.
        public func append(_ s: String) { text += s }
        public func reset() { text = "" }
        /// A line of its own (a shown value's line, an error).
        public func appendLine(_ s: String) {
            if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
            text += s + "\n"
        }
        /// The lines so far, without trailing spaces.
        public var lines: [String] {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }
        }
    }
}
