/// A `:command` line: what it asks for, parsed from the text after the colon.
enum REPLCommand: Equatable {
    case help(String?)
    case load(String)
    /// `:save FILE`, or `:save! FILE`, which replaces an existing file without asking.
    case save(String, replacing: Bool)
    case time(String)
    case graph(expression: String, order: String?, output: GraphOutput)
    case history(Int?)
    case reset
    case quit

    /// What `:graph` makes of a graph.
    enum GraphOutput: Equatable {
        /// The summary, and a picture at the path (by default the graph's name with `.svg`).
        case picture(String?)
        /// The DOT text, on the screen or into a file.
        case dot(String?)
    }

    /// A command's name, usage and one-line summary, for `:help` and completion.
    struct Info {
        let name: String
        let usage: String
        let summary: String
    }

    static let all: [Info] = [
        Info(name: ":help", usage: ":help [name]", summary: "these commands and the builtins, or one builtin's signature, summary and example"),
        Info(name: ":load", usage: ":load FILE", summary: "run a .ccs file in this session, as one cell"),
        Info(name: ":save", usage: ":save[!] FILE", summary: "write the session as a notebook, outputs as #> comments, that ccs check replays (! replaces a file)"),
        Info(name: ":time", usage: ":time EXPR", summary: "run a cell and report its wall-clock and CPU time"),
        Info(name: ":graph", usage: ":graph G [--order O] [--svg FILE | --png FILE | --dot [FILE]]",
             summary: "a graph's summary and its picture (G.svg; coloured by the order's steps), or its Graphviz DOT text"),
        Info(name: ":history", usage: ":history [N]", summary: "this session's cells (the last N)"),
        Info(name: ":reset", usage: ":reset", summary: "forget every definition and output; numbering restarts at 1"),
        Info(name: ":quit", usage: ":quit", summary: "leave the REPL (Ctrl-D does too)"),
    ]

    /// Why a command line could not be understood.
    struct Problem: Error, Equatable {
        let message: String
    }

    /// Whether a line is a command: `:name …`, or `?name` (as in IPython) for `:help name`.
    static func isCommand(_ line: String) -> Bool {
        let text = line.trimmingSpaces
        return text.hasPrefix(":") || text.hasPrefix("?")
    }

    /// Parses a command line (see `isCommand`).
    static func parse(_ line: String) throws(Problem) -> REPLCommand {
        let text = line.trimmingSpaces
        if text.hasPrefix("?") {
            let name = text.dropFirst().trimmingSpaces
            return .help(name.isEmpty ? nil : name)
        }
        let name = String(text.prefix { $0 != " " && $0 != "\t" })
        let argument = String(text.dropFirst(name.count)).trimmingSpaces
        func needs(_ what: String) throws(Problem) -> String {
            guard !argument.isEmpty else { throw Problem(message: "\(name) needs \(what): \(usage(of: name))") }
            return argument
        }
        switch name {
        case ":help", ":h", ":?": return .help(argument.isEmpty ? nil : argument)
        case ":load": return .load(unquoted(try needs("a file")))
        case ":save", ":save!": return .save(unquoted(try needs("a file")), replacing: name == ":save!")
        case ":time": return .time(try needs("an expression"))
        case ":graph":
            return try graph(try needs("a graph"))
        case ":history":
            guard !argument.isEmpty else { return .history(nil) }
            guard let count = Int(argument), count > 0 else {
                throw Problem(message: ":history takes a positive number of cells, got '\(argument)'")
            }
            return .history(count)
        case ":reset": return .reset
        case ":quit", ":q", ":exit": return .quit
        default:
            let known = all.map(\.name)
            let close = known.first { $0.hasPrefix(name) && name.count > 1 }
            let hint = close.map { "; did you mean \($0)?" } ?? "; :help lists the commands"
            throw Problem(message: "unknown command '\(name)'\(hint)")
        }
    }

    /// `:graph G [--order O] [--svg FILE | --png FILE | --dot [FILE]]`, from the text after `:graph`.
    private static func graph(_ text: String) throws(Problem) -> REPLCommand {
        var parts = text.components(separatedBy: " --")
        let expression = parts.removeFirst().trimmingSpaces
        var order: String?
        var output = GraphOutput.picture(nil)
        for part in parts {
            let option = String(part.prefix { $0 != " " }), value = String(part.dropFirst(option.count)).trimmingSpaces
            switch option {
            case "order":
                guard !value.isEmpty else { throw Problem(message: ":graph --order needs an order: \(usage(of: ":graph"))") }
                order = value
            case "svg", "png":
                guard !value.isEmpty else { throw Problem(message: ":graph --\(option) needs a file: \(usage(of: ":graph"))") }
                output = .picture(unquoted(value))
            case "dot": output = .dot(value.isEmpty ? nil : unquoted(value))
            default: throw Problem(message: ":graph has no option --\(option): \(usage(of: ":graph"))")
            }
        }
        guard !expression.isEmpty && !expression.hasPrefix("--") else {
            throw Problem(message: ":graph needs a graph before its options: \(usage(of: ":graph"))")
        }
        return .graph(expression: expression, order: order, output: output)
    }

    private static func usage(of name: String) -> String { all.first { name.hasPrefix($0.name) }?.usage ?? name }

    /// A file name, without the quotes a user may have typed around it.
    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, text.first == "\"", text.last == "\"" else { return text }
        return String(text.dropFirst().dropLast())
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
