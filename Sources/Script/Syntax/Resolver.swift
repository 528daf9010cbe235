/// Finds names a program uses but never defines before running it, so a typo is a compile error
/// (with a suggestion) rather than a failure halfway through a run.
///
/// Scoping: a `let` is visible after it; a `fn` from its own body on (so it can recurse); inside a
/// function body every name its enclosing blocks define anywhere is visible, because the body runs
/// only when called (mutual recursion, helpers defined further down).
struct Resolver {
    private struct Scope {
        var defined: Set<String>
        var declared: Set<String>
        var isFunction: Bool
    }

    /// Whether a name is defined outside the program (the session, the prelude, builtins), and
    /// whether it is a builtin.
    private let outside: (String) -> Bool
    private let isBuiltin: (String) -> Bool
    private let outsideNames: () -> [String]
    private var scopes: [Scope] = []
    private(set) var diagnostics: [Diagnostic] = []

    init(outside: @escaping (String) -> Bool, isBuiltin: @escaping (String) -> Bool, outsideNames: @escaping () -> [String]) {
        self.outside = outside
        self.isBuiltin = isBuiltin
        self.outsideNames = outsideNames
    }

    /// The problems of a program; empty when every name resolves.
    mutating func check(_ program: Program) -> [Diagnostic] {
        block(program.statements, isFunction: false)
        return diagnostics
    }

    private mutating func report(_ message: String, at range: SourceRange, notes: [Diagnostic.Note] = []) {
        if diagnostics.count < Parser.maximumDiagnostics { diagnostics.append(Diagnostic(message, at: range, notes: notes)) }
    }

    private static func declarations(_ statements: [Statement]) -> Set<String> {
        var names = Set<String>()
        for statement in statements {
            switch statement.kind {
            case let .bind(pattern, _): for (name, _) in pattern.names { names.insert(name) }
            case let .function(decl): if let name = decl.name { names.insert(name) }
            default: break
            }
        }
        return names
    }

    private mutating func block(_ statements: [Statement], isFunction: Bool, parameters: [String] = []) {
        scopes.append(Scope(defined: Set(parameters), declared: Resolver.declarations(statements), isFunction: isFunction))
        for statement in statements { self.statement(statement) }
        scopes.removeLast()
    }

    private mutating func statement(_ statement: Statement) {
        switch statement.kind {
        case let .bind(pattern, value):
            expression(value)
            for (name, _) in pattern.names { scopes[scopes.count - 1].defined.insert(name) }
        case let .function(decl):
            if let name = decl.name { scopes[scopes.count - 1].defined.insert(name) }
            function(decl)
        case let .assign(name, range, value):
            expression(value)
            switch lookup(name) {
            case .found: break
            case .builtin:
                report("cannot assign to the builtin '\(name)'; write 'let \(name) = …' to define your own", at: range)
            case .later, .unknown:
                report("cannot assign to '\(name)': it is not defined; write 'let \(name) = …' to define it", at: range)
            }
        case let .expression(expr, _):
            expression(expr)
        }
    }

    private mutating func function(_ decl: FunctionDecl) {
        scopes.append(Scope(defined: [], declared: [], isFunction: true))
        for parameter in decl.parameters {
            if let defaultValue = parameter.defaultValue { expression(defaultValue) }
            scopes[scopes.count - 1].defined.insert(parameter.name)
        }
        for body in [decl.body] + (decl.derivative.map { [$0] } ?? []) {
            if case let .block(statements) = body.kind {
                block(statements.statements, isFunction: false)
            } else {
                expression(body)
            }
        }
        scopes.removeLast()
    }

    private enum Lookup { case found, builtin, later, unknown }

    private func lookup(_ name: String) -> Lookup {
        var insideFunction = false
        var declaredLater = false
        for scope in scopes.reversed() {
            if scope.defined.contains(name) { return .found }
            if scope.declared.contains(name) {
                if insideFunction { return .found }
                declaredLater = true
            }
            if scope.isFunction { insideFunction = true }
        }
        if declaredLater { return .later }
        if outside(name) { return isBuiltin(name) ? .builtin : .found }
        return .unknown
    }

    private mutating func expression(_ expr: Expr) {
        switch expr.kind {
        case .number, .string, .bool: break
        case let .name(name):
            switch lookup(name) {
            case .found, .builtin: break
            case .later: report("'\(name)' is used before it is defined", at: expr.range)
            case .unknown:
                let visible = scopes.flatMap { $0.defined.union($0.declared) } + outsideNames()
                report("unknown name '\(name)'", at: expr.range, notes: Suggestion.note(for: name, among: visible))
            }
        case let .tuple(items), let .list(items):
            for item in items { expression(item) }
        case let .unary(_, operand): expression(operand)
        case let .binary(_, a, b), let .logical(_, a, b), let .range(a, b):
            expression(a)
            expression(b)
        case let .call(callee, arguments):
            expression(callee)
            for argument in arguments { expression(argument.value) }
        case let .index(base, items):
            expression(base)
            for item in items {
                switch item {
                case let .index(e): expression(e)
                case let .slice(start, end, _):
                    if let start { expression(start) }
                    if let end { expression(end) }
                }
            }
        case let .member(base, _): expression(base)
        case let .ifElse(condition, then, otherwise):
            expression(condition)
            block(then.statements, isFunction: false)
            if let otherwise { expression(otherwise) }
        case let .forLoop(pattern, sequence, body):
            expression(sequence)
            block(body.statements, isFunction: false, parameters: pattern.names.map(\.0))
        case let .function(decl): function(decl)
        case let .block(block): self.block(block.statements, isFunction: false)
        }
    }
}
