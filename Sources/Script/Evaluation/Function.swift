import CrossCountry

/// A callable value: a function written in `.ccs` (a closure over its defining scope) or a builtin.
public final class Function {
    enum Body {
        case closure(FunctionDecl, Environment)
        case native((inout Arguments) throws(ScriptError) -> Value)
    }

    /// One parameter: required, with a default, or collecting the remaining positional arguments.
    struct Parameter {
        enum Default {
            case required
            case value(Value)
            case expression(Expr)
            case variadic
        }

        var name: String
        var defaultValue: Default
    }

    public let name: String
    let parameters: [Parameter]
    let body: Body
    /// The function compiled as a cost model, once it has been used as one.
    var compiledModel: CostModel?

    init(name: String, parameters: [Parameter], body: Body) {
        self.name = name
        self.parameters = parameters
        self.body = body
    }

    convenience init(closure decl: FunctionDecl, in environment: Environment) {
        self.init(
            name: decl.name ?? "fn",
            parameters: decl.parameters.map {
                Parameter(name: $0.name, defaultValue: $0.defaultValue.map { .expression($0) } ?? .required)
            },
            body: .closure(decl, environment))
    }

    /// `name(a, b, c: 1)` for display and help.
    public var signature: String {
        let list = parameters.map { parameter -> String in
            switch parameter.defaultValue {
            case .required: return parameter.name
            case .variadic: return parameter.name + "…"
            case let .value(value): return "\(parameter.name): \(value.inlineText)"
            case let .expression(expr): return "\(parameter.name) = \(expr.range.text)"
            }
        }
        return "\(name)(\(list.joined(separator: ", ")))"
    }

    /// Whether the function can be called with `count` positional arguments alone.
    func accepts(positionalCount count: Int) -> Bool {
        var required = 0, maximum = 0
        for parameter in parameters {
            switch parameter.defaultValue {
            case .required: required += 1; maximum += 1
            case .variadic: maximum = Int.max
            default: maximum += 1
            }
        }
        return count >= required && count <= maximum
    }

    /// Matches a call's arguments to the parameters; throws the message a user needs otherwise.
    func bind(_ positional: [(Value, SourceRange)], _ named: [(label: String, labelRange: SourceRange, value: Value, range: SourceRange)],
              callRange: SourceRange) throws(ScriptError) -> (slots: [(Value, SourceRange)?], rest: [(Value, SourceRange)]) {
        var slots = [(Value, SourceRange)?](repeating: nil, count: parameters.count)
        var rest: [(Value, SourceRange)] = []
        var next = 0
        for argument in positional {
            if next < parameters.count, case .variadic = parameters[next].defaultValue {
                rest.append(argument)
                continue
            }
            guard next < parameters.count else {
                let count = parameters.count
                let required = parameters.filter { if case .required = $0.defaultValue { return true } else { return false } }.count
                let amount = count == 0 ? "no arguments" : "\(required < count ? "at most " : "")\(counted(count, "argument"))"
                throw .runtime("'\(name)' takes \(amount), but \(positional.count) \(positional.count == 1 ? "was" : "were") given",
                               at: argument.1)
            }
            slots[next] = argument
            next += 1
        }
        for argument in named {
            guard let index = parameters.firstIndex(where: { $0.name == argument.label }) else {
                let names = parameters.map(\.name)
                var notes = Suggestion.note(for: argument.label, among: names)
                if notes.isEmpty {
                    notes = [Diagnostic.Note(message: names.isEmpty ? "'\(name)' takes no arguments"
                                             : "the parameters of '\(name)' are \(names.joined(separator: ", "))", range: nil)]
                }
                throw .runtime("'\(name)' has no parameter named '\(argument.label)'", at: argument.labelRange, notes: notes)
            }
            if case .variadic = parameters[index].defaultValue {
                throw .runtime("'\(argument.label)' collects the remaining arguments and cannot be named", at: argument.labelRange)
            }
            guard slots[index] == nil else {
                throw .runtime("argument '\(argument.label)' is given twice", at: argument.labelRange)
            }
            slots[index] = (argument.value, argument.range)
        }
        let missing = parameters.indices.filter { i in
            if slots[i] != nil { return false }
            if case .required = parameters[i].defaultValue { return true }
            return false
        }.map { "'\(parameters[$0].name)'" }
        if !missing.isEmpty {
            throw .runtime("missing argument\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) in the call to '\(name)'",
                           at: callRange)
        }
        return (slots, rest)
    }
}
