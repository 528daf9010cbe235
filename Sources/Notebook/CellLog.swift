import Foundation
import Script

/// The cells a REPL session ran, with their outputs: what `:history` lists and `:save` writes.
struct CellLog {
    /// How a cell ended, which decides how it is saved.
    enum Outcome: Equatable {
        /// It ran (perhaps into a runtime error, recorded as its output).
        case ran
        /// Ctrl-C stopped it: replaying it would not give what it showed, so it is saved as a comment.
        case interrupted
        /// It did not parse or named unknown names: nothing ran; saved as a comment.
        case notCompiled(String)
    }

    /// One cell.
    struct Entry {
        let number: Int
        let source: String
        /// The file `:load` read the source from.
        let loadedFrom: String?
        let output: [String]
        let outcome: Outcome
        /// Whether it showed a value, so that `_n` names one.
        let showedValue: Bool
        /// The files its `use` calls ran, with where their paths were written.
        var modules: [ModuleUse] = []
        /// Its calls bounded by the clock, as the calls that repeat their work (`search(…, rounds: 17)`).
        var timedCalls: [String] = []

        /// Whether replaying it under `ccs check` runs something (a cell of comments does not).
        var runs: Bool {
            outcome == .ran && source.split(separator: "\n").contains { !$0.trimmingSpaces.isEmpty && !$0.trimmingSpaces.hasPrefix("#") }
        }
    }

    private(set) var entries: [Entry] = []

    mutating func append(_ entry: Entry) { entries.append(entry) }

    /// The session as a notebook, to be written at `path`, that `ccs run` replays and `ccs check`
    /// verifies from any folder: the paths of `use` calls are made relative to the notebook's folder,
    /// and a cell whose value a later cell names as `_n` ends with `let _n = _`, since only the REPL
    /// defines `_n`.
    func notebook(at path: String) -> String {
        let named = Set(entries.flatMap { CellLog.outputNumbers(namedIn: $0.source) })
        let folder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
        var cells: [Notebook.Cell] = []
        for entry in entries {
            switch entry.outcome {
            case .ran:
                var source = CellLog.rewritingModulePaths(in: entry.source, entry.modules, from: folder)
                if entry.showedValue && named.contains(entry.number) { source += "\nlet _\(entry.number) = _" }
                if let path = entry.loadedFrom {
                    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
                        .filter { !$0.trimmingSpaces.hasPrefix("#>") }
                    source = "# :load \(path)\n" + lines.joined(separator: "\n")
                }
                cells.append(Notebook.Cell(source: source, output: entry.output))
            case .interrupted:
                cells.append(commented(entry, because: "was interrupted (Ctrl-C); kept as a comment so that the notebook replays"))
            case let .notCompiled(message):
                cells.append(commented(entry, because: "did not compile (\(message))"))
            }
        }
        return Notebook.render(cells)
    }

    /// The cells `ccs check` will replay, and those saved as comments.
    var counts: (replayed: Int, commented: Int) {
        (entries.filter(\.runs).count, entries.filter { $0.outcome != .ran }.count)
    }

    /// The source with each path a `use` call names as a string literal replaced by the path from
    /// `folder` to the file it ran.
    static func rewritingModulePaths(in source: String, _ modules: [ModuleUse], from folder: String) -> String {
        var scalars = Array(source.unicodeScalars)
        for use in modules.sorted(by: { $0.argument.lowerBound > $1.argument.lowerBound }) where use.argument.upperBound <= scalars.count {
            let written = String(String.UnicodeScalarView(scalars[use.argument]))
            guard written.count >= 2, written.first == "\"", written.last == "\"" else { continue }
            let literal = "\"" + relativePath(to: use.path, from: folder).replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"") + "\""
            scalars.replaceSubrange(use.argument, with: literal.unicodeScalars)
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// The path of `file` from `folder`, both absolute: `../lib/m.ccs`.
    static func relativePath(to file: String, from folder: String) -> String {
        let target = file.split(separator: "/"), base = folder.split(separator: "/")
        let common = zip(target, base).prefix { $0 == $1 }.count
        return (Array(repeating: "..", count: base.count - common) + target[common...].map(String.init)).joined(separator: "/")
    }

    /// The replayed cells whose results depend on the clock (a search or training bounded by time).
    var timedCells: [Entry] { entries.filter { $0.runs && !$0.timedCalls.isEmpty } }

    private func commented(_ entry: Entry, because reason: String) -> Notebook.Cell {
        let lines = entry.source.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }
        return Notebook.Cell(source: "# In [\(entry.number)] \(reason):\n" + lines.joined(separator: "\n"), output: [])
    }

    /// The numbers n of the names `_n` in a source (strings and comments included: a spare
    /// `let _n = _` is harmless).
    static func outputNumbers(namedIn source: String) -> [Int] {
        let characters = Array(source)
        let isNameCharacter: (Character) -> Bool = { $0.isLetter || $0.isNumber || $0 == "_" }
        var numbers: [Int] = []
        var i = 0
        while i < characters.count {
            defer { i += 1 }
            guard characters[i] == "_", i == 0 || !isNameCharacter(characters[i - 1]) else { continue }
            var j = i + 1
            while j < characters.count, characters[j].isASCII, characters[j].isNumber { j += 1 }
            guard j > i + 1, j == characters.count || !isNameCharacter(characters[j]) else { continue }
            if let number = Int(String(characters[(i + 1)..<j])) { numbers.append(number) }
            i = j - 1
        }
        return numbers
    }
}
