extension Builtins {
    /// Printing, conversion, sequences and checks.
    static func core() -> [Builtin] {
        [
            Builtin("print", [rest("values")], summary: "Prints the values separated by spaces (strings without quotes).",
                    example: "print(\"cost:\", 407)") { (a: inout Arguments) throws(ScriptError) in
                a.interpreter.write(a.rest.map { Display.inline($0.0, quoted: false) }.joined(separator: " ") + "\n")
                return .nothing
            },
            Builtin("show", [parameter("x"), parameter("all", .bool(false))],
                    summary: "Prints a value as the REPL shows it; all: true shows every element of a vector or matrix of more than \(Display.threshold) elements, which are otherwise elided in the middle as NumPy does.",
                    example: "show(rand(40, 40, seed: 1), all: true)") { (a: inout Arguments) throws(ScriptError) in
                a.interpreter.write(Display.text(try a.required("x"), elide: !(try a.bool("all"))) + "\n")
                return .nothing
            },
            Builtin("str", [parameter("x")], summary: "The text of a value, as the REPL shows it.",
                    example: "\"n = \" + str(3)") { (a: inout Arguments) throws(ScriptError) in
                let x = try a.required("x")
                if case .string = x { return x }
                return .string(Display.text(x))
            },
            Builtin("len", [parameter("x")], summary: "The number of items of a list, tuple, range or string.",
                    example: "len([forward, reverse])") { (a: inout Arguments) throws(ScriptError) in
                let x = try a.required("x")
                switch x {
                case let .string(s): return .number(Double(s.count))
                case let .range(lo, hi): return .number(Double(max(0, hi - lo)))
                default:
                    guard let items = x.elements else { throw a.error("\(x.typeDescription) has no length", at: "x") }
                    return .number(Double(items.count))
                }
            },
            Builtin("map", [parameter("f"), parameter("xs")], summary: "f(x) for every item x of xs: a vector when every result is a number, else a list.",
                    example: "map(fn(n) = n^2, 1..4)") { (a: inout Arguments) throws(ScriptError) in
                let f = try a.callable("f")
                var results: [Value] = []
                for x in try a.sequence("xs") { results.append(try a.interpreter.call(f, [x], at: a.callRange)) }
                try Value.checkNesting(results, at: a.callRange)
                return Operators.list(results)
            },
            Builtin("help", [parameter("x", .nothing)],
                    summary: "Prints what a builtin does with an example (given the builtin or its name as a string), or a value's kind and signature; help() lists the builtins.",
                    example: "help(cost)") { (a: inout Arguments) throws(ScriptError) in
                a.interpreter.write(Builtins.help(for: a.value("x") ?? .nothing) + "\n")
                return .nothing
            },
            Builtin("type", [parameter("x")], summary: "What kind of value x is, in words.",
                    example: "type(markowitz)") { (a: inout Arguments) throws(ScriptError) in
                .string(try a.required("x").typeDescription)
            },
            Builtin("assert", [parameter("condition"), parameter("message", .string("assertion failed"))],
                    summary: "Stops with an error carrying the message unless the condition is true.",
                    example: "assert(cost(g, markowitz) < 500, \"too expensive\")") { (a: inout Arguments) throws(ScriptError) in
                guard try a.bool("condition") else { throw a.error(try a.string("message")) }
                return .nothing
            },
            Builtin("error", [parameter("message")], summary: "Stops with an error carrying the message.",
                    example: "error(\"unsupported input\")") { (a: inout Arguments) throws(ScriptError) in
                throw a.error(try a.string("message"))
            },
        ]
    }

    /// The text `help(x)` prints.
    static func help(for value: Value) -> String {
        let documented = shared.builtins
        switch value {
        case .nothing:
            return "help(name) shows a builtin's signature, summary and example; the builtins are "
                + documented.map(\.name).sorted().joined(separator: ", ")
        case let .string(name):
            return documented.first { $0.name == name }?.help ?? "no builtin is called '\(name)'"
        case let .function(function):
            // A builtin or a prelude function by its name; a function of the user's by its signature and home.
            if case let .closure(decl, _) = function.body, decl.headerRange.file.name != Prelude.fileName {
                return "\(function.description)\n  defined at \(decl.headerRange.location)"
            }
            return documented.first { $0.name == function.name }?.help ?? function.description
        default:
            return "\(value.typeDescription): \(Display.inline(value, quoted: true))"
        }
    }
}
