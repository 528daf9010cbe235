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
    }

    private(set) var entries: [Entry] = []

    mutating func append(_ entry: Entry) { entries.append(entry) }

    /// The session as a notebook that `ccs run` replays and `ccs check` verifies. A cell whose value
    /// a later cell names as `_n` is followed by `let _n = _`, since only the REPL defines `_n`.
    func notebook() -> String {
        let named = Set(entries.flatMap { CellLog.outputNumbers(namedIn: $0.source) })
        var cells: [Notebook.Cell] = []
        for entry in entries {
            switch entry.outcome {
            case .ran:
                var source = entry.source
                if let path = entry.loadedFrom {
                    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
                        .filter { !$0.trimmingSpaces.hasPrefix("#>") }
                    source = "# :load \(path)\n" + lines.joined(separator: "\n")
                }
                cells.append(Notebook.Cell(source: source, output: entry.output))
                if entry.showedValue && named.contains(entry.number) {
                    cells.append(Notebook.Cell(source: "let _\(entry.number) = _", output: []))
                }
            case .interrupted:
                cells.append(commented(entry, because: "was interrupted (Ctrl-C); kept as a comment so that the notebook replays"))
            case let .notCompiled(message):
                cells.append(commented(entry, because: "did not compile (\(message))"))
            }
        }
        return Notebook.render(cells)
    }

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
