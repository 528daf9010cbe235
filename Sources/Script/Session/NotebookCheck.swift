import Foundation
import CrossCountry

/// `ccs check`: re-runs a notebook (see `Notebook`) and compares every cell's output with the `#>`
/// lines recorded after it, so notebooks double as tests.
public enum NotebookCheck {
    /// A cell whose output differs from the recorded one.
    public struct Difference {
        /// The line of the cell's last statement, just above its recorded output.
        public var line: Int
        public var expected: [String]
        public var actual: [String]
    }

    /// What a check found.
    public struct Report {
        public var cells = 0
        public var differences: [Difference] = []
        /// The notebook did not parse or named unknown names; nothing ran.
        public var compileError: ScriptError?
    }

    /// One cell as run: where it is, what it recorded and what it printed now.
    struct CellRun {
        var firstLine: Int
        var lastStatementLine: Int
        var lastLine: Int
        var expected: [String]
        var actual: [String]
    }

    /// Runs the notebook source and compares.
    public static func check(source: String, name: String, stop: StopFlag = StopFlag()) -> Report {
        var report = Report()
        switch runCells(source: source, name: name, stop: stop) {
        case let .failure(error): report.compileError = error
        case let .success(cells):
            report.cells = cells.count
            for cell in cells where cell.actual != cell.expected {
                report.differences.append(Difference(line: cell.lastStatementLine, expected: cell.expected, actual: cell.actual))
            }
        }
        return report
    }

    /// The notebook with every cell's recorded output replaced by what it prints now.
    public static func update(source: String, name: String, stop: StopFlag = StopFlag()) -> Result<String, ScriptError> {
        runCells(source: source, name: name, stop: stop, statementCells: true).map { cells in
            let file = SourceFile(name: name, text: source)
            let recorded = Set(Notebook.expectations(in: file).map(\.line))
            var outputsAfter: [Int: [String]] = [:]
            for cell in cells { outputsAfter[cell.lastLine] = cell.actual }
            var lines: [String] = []
            for number in 1...file.lineStarts.count {
                let insideCell = cells.contains { $0.firstLine <= number && number <= $0.lastLine }
                if recorded.contains(number) && !insideCell { continue }
                lines.append(file.line(number))
                if let output = outputsAfter[number] { lines += output.map { $0.isEmpty ? "#>" : "#> " + $0 } }
            }
            while lines.last == "" { lines.removeLast() }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// Splits the notebook into cells and runs them in one session. `statementCells` makes every
    /// statement a cell of its own (to record outputs right after the statement that printed them).
    static func runCells(source: String, name: String, stop: StopFlag, statementCells: Bool = false) -> Result<[CellRun], ScriptError> {
        let transcript = Notebook.Transcript()
        let session = Session(stop: stop, write: { transcript.append($0) })
        session.bindLastValue()
        let program: Program
        do {
            program = try session.compile(source, name: name)
        } catch {
            return .failure(error)
        }
        stop.reset()
        let file = program.file
        let statements = program.statements
        let expectations = Notebook.expectations(in: file)
        let breaks = Notebook.breaks(in: file)
        // Line spans of the top-level statements; expectation lines inside one (a comment in a
        // function body) are not outputs.
        let spans = statements.map { ($0.range.line, file.lineAndColumn(of: max($0.range.start, $0.range.end - 1)).line) }
        var cells: [CellRun] = []
        var cellStart = 0
        var index = 0
        while cellStart < statements.count {
            // The cell ends at the first statement followed by expectation lines or a cell break (or at the end).
            var cellEnd = cellStart
            var expected: [String] = []
            while cellEnd < statements.count {
                let after = spans[cellEnd].1
                let next = cellEnd + 1 < statements.count ? spans[cellEnd + 1].0 : Int.max
                while index < expectations.count, expectations[index].line <= after { index += 1 }
                while index < expectations.count, expectations[index].line < next {
                    expected.append(expectations[index].text)
                    index += 1
                }
                cellEnd += 1
                if !expected.isEmpty || statementCells || breaks.contains(where: { after < $0 && $0 < next }) { break }
            }
            do {
                try session.execute(statements[cellStart..<cellEnd]) { value in
                    for line in Notebook.lines(of: value) { transcript.appendLine(line) }
                }
            } catch {
                transcript.appendLine(Notebook.line(of: error))
            }
            let trimmed = expected.map { String($0.reversed().drop { $0 == " " }.reversed()) }
            cells.append(CellRun(firstLine: spans[cellStart].0, lastStatementLine: spans[cellEnd - 1].0, lastLine: spans[cellEnd - 1].1,
                                 expected: trimmed,
                                 actual: transcript.lines))
            transcript.reset()
            cellStart = cellEnd
        }
        return .success(cells)
    }

    /// Checks a notebook file, writing a diff for every differing cell to `errors`; `.failed` (1)
    /// when any cell differs. With `update`, rewrites the file's recorded outputs instead.
    public static func check(path: String, update: Bool = false, stop: StopFlag = StopFlag(), output: (String) -> Void,
                             errors: (String) -> Void) -> ScriptRunner.Status {
        let source: String
        switch ScriptRunner.read(path) {
        case let .success(text): source = text
        case let .failure(failure):
            errors(failure.errorLine + "\n")
            return .unreadable
        }
        if update {
            switch self.update(source: source, name: path, stop: stop) {
            case let .failure(error):
                errors(error.description + "\n")
                return .compileError
            case let .success(text):
                do {
                    try AtomicFile.write(text, to: path)
                } catch {
                    errors("ccs: error: cannot write '\(path)': \(error.localizedDescription)\n")
                    return .unreadable
                }
                output("\(path): outputs recorded\n")
                return .success
            }
        }
        let report = check(source: source, name: path, stop: stop)
        if let error = report.compileError {
            errors(error.description + "\n")
            return .compileError
        }
        for difference in report.differences { errors(render(difference, path: path)) }
        if report.differences.isEmpty {
            output("\(path): \(counted(report.cells, "cell")) ok\n")
            return .success
        }
        errors("\(path): \(report.differences.count) of \(report.cells) cells differ\n")
        return .failed
    }

    /// A difference as a line diff: `-` recorded, `+` now.
    public static func render(_ difference: Difference, path: String) -> String {
        var text = "\(path):\(difference.line): output differs (- recorded, + now)\n"
        for line in diff(difference.expected, difference.actual) { text += line + "\n" }
        return text
    }

    /// A minimal line diff by longest common subsequence.
    static func diff(_ a: [String], _ b: [String]) -> [String] {
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var lines: [String] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                lines.append("  " + a[i]); i += 1; j += 1
            } else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                lines.append("- " + a[i]); i += 1
            } else {
                lines.append("+ " + b[j]); j += 1
            }
        }
        return lines
    }
}
