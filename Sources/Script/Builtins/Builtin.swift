/// A name the language predefines — a function or a value such as `forward` or `paper` — with the
/// documentation `:help` shows.
public struct Builtin {
    public let name: String
    /// How it is called (`cost(g, order, model: paper)`), or just the name for a value.
    public let signature: String
    /// One or two sentences saying what it does.
    public let summary: String
    /// A short example a user can type.
    public let example: String
    let value: Value

    /// A builtin function.
    init(_ name: String, _ parameters: [Function.Parameter], summary: String, example: String,
         _ body: @escaping (inout Arguments) throws(ScriptError) -> Value) {
        let function = Function(name: name, parameters: parameters, body: .native(body))
        self.name = name
        signature = function.signature
        self.summary = summary
        self.example = example
        value = .function(function)
    }

    /// A function written in `.ccs` (the prelude).
    init(function: Function, summary: String, example: String) {
        name = function.name
        signature = function.signature
        self.summary = summary
        self.example = example
        value = .function(function)
    }

    /// A builtin value.
    init(value name: String, _ value: Value, summary: String, example: String) {
        self.name = name
        signature = name
        self.summary = summary
        self.example = example
        self.value = value
    }

    /// The text `:help name` shows.
    public var help: String { "\(signature)\n  \(summary)\n  example: \(example)" }
}

/// A required parameter.
func parameter(_ name: String) -> Function.Parameter { .init(name: name, defaultValue: .required) }
/// A parameter with a default.
func parameter(_ name: String, _ value: Value) -> Function.Parameter { .init(name: name, defaultValue: .value(value)) }
/// A parameter collecting the remaining positional arguments.
func rest(_ name: String) -> Function.Parameter { .init(name: name, defaultValue: .variadic) }

/// Every builtin of the language, in the order `:help` lists them.
enum Builtins {
    static func all() -> [Builtin] {
        core() + math() + [tensordot()] + tracing() + [importing()] + jacobians() + [jacobianError()] + graphs() + searching() + agent()
            + modules() + reports() + pictures()
    }

    /// The library every session, module and `:help` shares, built once. It is never written after
    /// it is built — sessions define names in scopes of their own above it — so sharing it across
    /// threads is sound; and building it once matters, as its prelude functions and their scope
    /// refer to each other and are never freed.
    nonisolated(unsafe) static let shared = library()

    /// The scope beneath every session: the native builtins, then the prelude's functions; with the
    /// documentation of both.
    static func library() -> (scope: Environment, builtins: [Builtin]) {
        let scope = Environment(parent: nil)
        var builtins = all()
        for builtin in builtins { scope.define(builtin.name, builtin.value) }
        let interpreter = Interpreter(stop: .never, write: { _ in })
        do {
            let program = try Parser.parse(SourceFile(name: Prelude.fileName, text: Prelude.source))
            for statement in program.statements { _ = try interpreter.execute(statement, in: scope) }
        } catch {
            // The prelude is fixed source in this module, loaded by every test; no input reaches here.
            preconditionFailure("the prelude does not load: \(error)")
        }
        for doc in Prelude.documentation() {
            if case let .function(function)? = scope.lookup(doc.name) {
                builtins.append(Builtin(function: function, summary: doc.summary, example: doc.example))
            }
        }
        return (scope, builtins)
    }
}
