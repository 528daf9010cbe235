import Foundation
import Script

/// What Tab does: text to insert at the cursor, or, when nothing can be added, the choices to list.
public struct Completion: Equatable, Sendable {
    public var insertion: String
    public var choices: [String]

    public init(insertion: String = "", choices: [String] = []) {
        self.insertion = insertion
        self.choices = choices
    }
}

/// Tab completion: names in scope, builtins and keywords in code; fields after `name.`; keyword
/// arguments inside a call (`search(g, sec` → `seconds: `); `:commands` at the start of a line;
/// file paths inside a string literal and after `:load`, `:save` and `--dot`; indentation on an
/// empty line.
public struct Completer {
    /// The names in scope now (the session's, then the builtins).
    var names: () -> [String]
    /// The field names of the value a dotted path of names denotes (`g`, `m.sub`), if it has fields.
    var fields: (String) -> [String]?
    /// The parameter names of the function a dotted path denotes, if it is one.
    var parameters: (String) -> [String]?
    /// The directory relative paths start from, and what `~` stands for.
    var currentDirectory: String
    var home: String?

    public init(names: @escaping () -> [String], fields: @escaping (String) -> [String]? = { _ in nil },
                parameters: @escaping (String) -> [String]? = { _ in nil },
                currentDirectory: String = FileManager.default.currentDirectoryPath,
                home: String? = ProcessInfo.processInfo.environment["HOME"]) {
        self.names = names
        self.fields = fields
        self.parameters = parameters
        self.currentDirectory = currentDirectory
        self.home = home
    }

    /// A completer for a session's names, fields and parameters.
    public init(session: Session) {
        self.init(names: { session.namesInScope }, fields: session.fieldNames(of:), parameters: session.parameterNames(of:))
    }

    /// Completes the word that ends at the cursor; `text` is the line up to the cursor.
    public func complete(_ text: String) -> Completion {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        if trimmed.isEmpty { return Completion(insertion: "  ") }
        if trimmed.hasPrefix(":") { return completeCommandLine(String(trimmed)) }
        if trimmed.hasPrefix("?") { return completeCommandLine(":help " + trimmed.dropFirst()) }
        switch context(atEndOf: text) {
        case .code: return completeName(in: text)
        case let .string(opening): return completePath(String(text[opening...]))
        case .comment: return Completion()
        }
    }

    private func completeCommandLine(_ line: String) -> Completion {
        guard let space = line.firstIndex(of: " ") else {
            return resolve(word: line, matches: REPLCommand.all.map { ($0.name, $0.name) }.filter { $0.0.hasPrefix(line) }, terminator: " ")
        }
        let command = line[..<space]
        let rest = line[line.index(after: space)...]
        switch command {
        case ":load", ":save", ":save!":
            return completePath(String(rest.drop { $0 == " " }))
        case ":help":
            let word = String(rest.drop { $0 == " " })
            let candidates = names() + Session.keywords + REPLCommand.all.map(\.name)
            return resolve(word: word, matches: Set(candidates).sorted().filter { $0.hasPrefix(word) }.map { ($0, $0) }, terminator: "")
        case ":graph":
            for option in ["--dot ", "--svg ", "--png "] {
                if let found = rest.range(of: option, options: .backwards), !rest[found.upperBound...].contains(" --") {
                    return completePath(String(rest[found.upperBound...].drop { $0 == " " }))
                }
            }
            return completeName(in: String(rest))
        default:
            return completeName(in: String(rest))
        }
    }

    /// What the end of a line of code is in.
    private enum Context {
        case code
        /// A string literal whose text begins at the index.
        case string(String.Index)
        case comment
    }

    private func context(atEndOf text: String) -> Context {
        var open: String.Index?
        var escaped = false
        for index in text.indices {
            let c = text[index]
            if open != nil {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { open = nil }
            } else if c == "\"" {
                open = text.index(after: index)
            } else if c == "#" {
                return .comment
            }
        }
        return open.map { .string($0) } ?? .code
    }

    private func completeName(in text: String) -> Completion {
        let word = String(text.reversed().prefix(while: Completer.isNameCharacter).reversed())
        if word.first?.isNumber == true { return Completion() }
        let before = text.dropLast(word.count)
        if before.last == "." {
            guard let path = Completer.namePath(endingAt: before.dropLast()), let fields = fields(path) else { return Completion() }
            return resolve(word: word, matches: fields.filter { $0.hasPrefix(word) }.sorted().map { ($0, $0) }, terminator: "")
        }
        var matches: [(full: String, shown: String)] = []
        if let callee = Completer.callee(openAt: before), let parameters = parameters(callee) {
            matches = parameters.filter { $0.hasPrefix(word) }.map { ($0 + ": ", $0 + ":") }
        }
        guard !word.isEmpty else { return resolve(word: word, matches: matches, terminator: "") }
        var candidates = Set(names() + Session.keywords).filter { $0.hasPrefix(word) }
        if !word.hasPrefix("_") { candidates = candidates.filter { !$0.hasPrefix("_") } }
        return resolve(word: word, matches: matches + candidates.sorted().map { ($0, $0) }, terminator: "")
    }

    private static func isNameCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    /// The dotted path of names (`m.sub.g`) that ends the text, if it ends in one.
    private static func namePath(endingAt text: Substring) -> String? {
        let path = String(text.reversed().prefix { isNameCharacter($0) || $0 == "." }.reversed())
        let parts = path.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && !$0.first!.isNumber }) else { return nil }
        return path
    }

    /// The function whose argument list is open at the end of the text, when the text ends where an
    /// argument starts (just after its `(` or a `,`): `search(g, ` → `search`.
    private static func callee(openAt text: Substring) -> String? {
        let code = Array(text)
        guard let last = code.lastIndex(where: { $0 != " " && $0 != "\t" }), code[last] == "(" || code[last] == "," else { return nil }
        // The innermost bracket still open, skipping string literals.
        var open: [Int] = []
        var inString = false, escaped = false
        for (i, c) in code.enumerated() {
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                continue
            }
            switch c {
            case "\"": inString = true
            case "(", "[", "{": open.append(i)
            case ")", "]", "}": _ = open.popLast()
            default: break
            }
        }
        guard let innermost = open.last, code[innermost] == "(" else { return nil }
        return namePath(endingAt: text.prefix(innermost))
    }

    private func completePath(_ word: String) -> Completion {
        let slash = word.lastIndex(of: "/")
        let directoryPart = slash.map { String(word[...$0]) } ?? ""
        let prefix = slash.map { String(word[word.index(after: $0)...]) } ?? word
        var directory = directoryPart.isEmpty ? currentDirectory : directoryPart
        if directory == "~/" || directory.hasPrefix("~/"), let home { directory = home + directory.dropFirst() }
        if !directory.hasPrefix("/") { directory = currentDirectory + "/" + directory }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return Completion() }
        let matches = entries.filter { $0.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().map { name in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory)
            let shown = isDirectory.boolValue ? name + "/" : name
            return (directoryPart + shown, shown)
        }
        return resolve(word: word, matches: matches, terminator: "")
    }

    /// One match completes (plus `terminator`, unless it is a directory); several extend the word
    /// to their common prefix, or are listed when it is already that long.
    private func resolve(word: String, matches: [(full: String, shown: String)], terminator: String) -> Completion {
        guard let first = matches.first else { return Completion() }
        if matches.count == 1 {
            return Completion(insertion: String(first.full.dropFirst(word.count)) + (first.full.hasSuffix("/") ? "" : terminator))
        }
        var common = first.full
        for match in matches.dropFirst() {
            common = String(zip(common, match.full).prefix { $0 == $1 }.map(\.0))
        }
        if common.count > word.count { return Completion(insertion: String(common.dropFirst(word.count))) }
        return Completion(choices: matches.map(\.shown))
    }
}
