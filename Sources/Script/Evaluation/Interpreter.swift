import Agent
import CrossCountry

/// Evaluates `.ccs` syntax trees: strictly left to right (as Python does, so traced programs record
/// their operations in the order the source writes them), with closures, named arguments, loops
/// that unroll while tracing, a bounded call depth and cooperative interruption.
public final class Interpreter {
    /// Deepest chain of `.ccs` calls; a runaway recursion becomes an error instead of a crash.
    public static let maximumCallDepth = 2_000

    /// Polled between calls and loop iterations; raising it stops the run with an "interrupted" error.
    public let stop: StopFlag
    /// Where `print` writes.
    var write: (String) -> Void
    /// Folds calls on concrete values; it never records a vertex, as every operand it sees is a constant.
    let folding = GraphBuilder(name: "constants")
    /// Where long builtins (training, search) report progress; a status line, not part of the output.
    var progress: (String) -> Void = { _ in }
    /// One-line notes of builtins that are not part of a cell's output (a Jacobian compiled
    /// natively, and in how long; native code unavailable, and why).
    var note: (String) -> Void = { _ in }
    /// Whether builtins may write files (a fuzz test or a sandbox turns this off).
    var allowsFileWrites = true
    /// The files `use` is running, outermost first (a file that uses itself is an error, not a loop).
    var loadingModules: [String] = []
    /// The files `use` ran, with where each was named, in order (a REPL rewrites them on `:save`).
    var usedModules: [ModuleUse] = []
    /// The curves of the policies trained in this session, for `plot`.
    var trainingCurves: [(record: TrainingRecord, curve: [CurvePoint])] = []
    /// Calls bounded by the clock rather than by work, each as the call that would repeat its work
    /// exactly (`search(…, rounds: 17)`): their results differ between machines.
    var timedCalls: [String] = []
    /// How far down its thread's stack evaluation may go (a session sets it for each cell).
    var stack = StackBudget.unlimited
    private var depth = 0

    init(stop: StopFlag, write: @escaping (String) -> Void) {
        self.stop = stop
        self.write = write
    }

    func checkInterrupt(at range: SourceRange) throws(ScriptError) {
        guard stop.isRaised else { return }
        var error = ScriptError.runtime("interrupted", at: range)
        error.isInterrupted = true
        throw error
    }

    // MARK: Statements

    /// Runs one statement; an expression statement gives its value, any other statement `nothing`.
    func execute(_ statement: Statement, in environment: Environment) throws(ScriptError) -> Value {
        switch statement.kind {
        case let .bind(pattern, expr):
            let value = try evaluate(expr, in: environment)
            try bind(pattern, to: value, in: environment)
            return .nothing
        case let .function(decl):
            environment.define(decl.name ?? "fn", .function(Function(closure: decl, in: environment)))
            return .nothing
        case let .assign(name, range, expr):
            let value = try evaluate(expr, in: environment)
            guard environment.assign(name, value) else {
                throw .runtime("cannot assign to '\(name)': it is not defined; write 'let \(name) = …' to define it", at: range)
            }
            return .nothing
        case let .expression(expr, _):
            return try evaluate(expr, in: environment)
        }
    }

    /// Runs a block's statements in a new scope; its value is the last statement's when that is an
    /// expression not followed by `;`.
    func execute(_ block: Block, in environment: Environment) throws(ScriptError) -> Value {
        let scope = Environment(parent: environment)
        var last = Value.nothing
        for statement in block.statements {
            last = try execute(statement, in: scope)
            if case .expression(_, silent: true) = statement.kind { last = .nothing }
        }
        return last
    }

    func bind(_ pattern: Pattern, to value: Value, in environment: Environment) throws(ScriptError) {
        switch pattern {
        case let .name(name, _): environment.define(name, value)
        case .ignore: break
        case let .tuple(patterns, range):
            guard let items = value.unpackable else {
                throw .runtime("cannot unpack \(value.typeDescription) into \(patterns.count) names", at: range)
            }
            guard items.count == patterns.count else {
                throw .runtime("cannot unpack \(value.typeDescription) into \(patterns.count) names", at: range)
            }
            for (p, item) in zip(patterns, items) { try bind(p, to: item, in: environment) }
        }
    }

    /// The error for evaluation that has spent its stack: deep recursion, each call nesting deep
    /// expressions, or builtins calling back into functions — together, past what any one limit holds.
    private func stackSpent(at range: SourceRange) -> ScriptError {
        .runtime("the program nests too deeply: its stack is spent \(counted(depth, "call")) deep; does a recursion miss its base case, or could a loop do its work?",
                 at: range)
    }

    // MARK: Expressions

    func evaluate(_ expr: Expr, in environment: Environment) throws(ScriptError) -> Value {
        if stack.isSpent { throw stackSpent(at: expr.range) }
        switch expr.kind {
        case let .number(x, _): return .number(x)
        case let .string(s): return .string(s)
        case let .bool(b): return .bool(b)
        case let .name(name):
            guard let value = environment.lookup(name) else {
                throw .runtime("'\(name)' is used before it is defined", at: expr.range)
            }
            return value
        case let .tuple(items):
            var values: [Value] = []
            for item in items { values.append(try evaluate(item, in: environment)) }
            try Value.checkNesting(values, at: expr.range)
            return values.isEmpty ? .nothing : .tuple(values)
        case let .list(items):
            var values: [Value] = []
            for item in items { values.append(try evaluate(item, in: environment)) }
            try Value.checkNesting(values, at: expr.range)
            return Operators.list(values)
        case let .unary(op, operand):
            let value = try evaluate(operand, in: environment)
            return try Operators.unary(op, value, at: expr.range, interpreter: self)
        case let .binary(op, lhs, rhs):
            let a = try evaluate(lhs, in: environment)
            let b = try evaluate(rhs, in: environment)
            return try Operators.binary(op, a, b, at: expr.range, interpreter: self)
        case let .logical(isAnd, lhs, rhs):
            let a = try condition(lhs, in: environment, context: isAnd ? "'and'" : "'or'")
            if a != isAnd { return .bool(a) }
            return .bool(try condition(rhs, in: environment, context: isAnd ? "'and'" : "'or'"))
        case let .range(lower, upper):
            let a = try evaluate(lower, in: environment)
            let b = try evaluate(upper, in: environment)
            return .range(try rangeBound(a, lower.range), try rangeBound(b, upper.range))
        case let .call(callee, arguments):
            return try call(callee, arguments, at: expr.range, in: environment)
        case let .index(base, items):
            let value = try evaluate(base, in: environment)
            var indices: [EvaluatedIndex] = []
            for item in items {
                switch item {
                case let .index(e): indices.append(.index(try evaluate(e, in: environment), e.range))
                case let .slice(start, end, range):
                    let s = try start.map { e throws(ScriptError) in (try evaluate(e, in: environment), e.range) }
                    let t = try end.map { e throws(ScriptError) in (try evaluate(e, in: environment), e.range) }
                    indices.append(.slice(s, t, range))
                }
            }
            return try Operators.index(value, indices, at: expr.range, interpreter: self)
        case let .member(base, name):
            let value = try evaluate(base, in: environment)
            return try Operators.member(value, name, at: expr.range)
        case let .ifElse(conditionExpr, then, otherwise):
            if try condition(conditionExpr, in: environment, context: "'if'") {
                return try execute(then, in: environment)
            }
            guard let otherwise else { return .nothing }
            return try evaluate(otherwise, in: environment)
        case let .forLoop(pattern, sequenceExpr, body):
            let sequence = try evaluate(sequenceExpr, in: environment)
            let count: Int
            let item: (Int) -> Value
            if case let .range(lower, upper) = sequence {
                count = max(0, upper - lower)
                item = { .number(Double(lower + $0)) }
            } else if let items = sequence.elements {
                count = items.count
                item = { items[$0] }
            } else {
                throw .runtime("'for' needs a range, list or vector to loop over, got \(sequence.typeDescription)",
                               at: sequenceExpr.range)
            }
            // The loop's value lists the body's values, unless every one is `nothing` (a loop run
            // for its effects, which then keeps no list however long it runs).
            var results: [Value] = []
            var leadingNothings = 0
            for i in 0..<count {
                try checkInterrupt(at: expr.range)
                let scope = Environment(parent: environment)
                try bind(pattern, to: item(i), in: scope)
                let value = try execute(body, in: scope)
                if results.isEmpty && value.isNothing {
                    leadingNothings += 1
                } else {
                    if results.isEmpty { results = [Value](repeating: .nothing, count: leadingNothings) }
                    guard results.count < Value.longestList else {
                        throw .runtime("the loop's list of values would pass \(Value.longestList) items; end its body with ';' to keep none",
                                       at: body.range)
                    }
                    results.append(value)
                }
            }
            try Value.checkNesting(results, at: expr.range)
            return results.isEmpty ? .nothing : Operators.list(results)
        case let .function(decl):
            return .function(Function(closure: decl, in: environment))
        case let .block(block):
            return try execute(block, in: environment)
        }
    }

    /// The bounds a range may have: far beyond any list or loop, and never near overflow.
    static let rangeBounds = -(1 << 40)...(1 << 40)

    private func rangeBound(_ value: Value, _ range: SourceRange) throws(ScriptError) -> Int {
        guard case let .number(x) = value else { throw .runtime("a range needs whole numbers, got \(value.brief)", at: range) }
        do {
            return try Bounds.whole(x, "a range bound", in: Interpreter.rangeBounds)
        } catch {
            throw .runtime(error.description, at: range)
        }
    }

    /// Evaluates a condition, which must be a concrete boolean.
    private func condition(_ expr: Expr, in environment: Environment, context: String) throws(ScriptError) -> Bool {
        let value = try evaluate(expr, in: environment)
        switch value {
        case let .bool(b): return b
        case .traced: throw Operators.branchOnTraced(at: expr.range)
        default:
            throw .runtime("the condition of \(context) must be true or false, got \(value.typeDescription)", at: expr.range)
        }
    }

    // MARK: Calls

    private func call(_ calleeExpr: Expr, _ arguments: [CallArgument], at range: SourceRange,
                      in environment: Environment) throws(ScriptError) -> Value {
        let callee = try evaluate(calleeExpr, in: environment)
        var positional: [(Value, SourceRange)] = []
        var named: [(label: String, labelRange: SourceRange, value: Value, range: SourceRange)] = []
        for argument in arguments {
            let value = try evaluate(argument.value, in: environment)
            if let label = argument.label, let labelRange = argument.labelRange {
                named.append((label, labelRange, value, argument.value.range))
            } else {
                positional.append((value, argument.value.range))
            }
        }
        guard case let .function(function) = callee else {
            throw .runtime("\(callee.typeDescription) cannot be called", at: calleeExpr.range)
        }
        return try call(function, positional, named, at: range)
    }

    /// Calls a function with evaluated arguments.
    func call(_ function: Function, _ positional: [(Value, SourceRange)],
              _ named: [(label: String, labelRange: SourceRange, value: Value, range: SourceRange)] = [],
              at range: SourceRange) throws(ScriptError) -> Value {
        try checkInterrupt(at: range)
        let (slots, rest) = try function.bind(positional, named, callRange: range)
        switch function.body {
        case let .native(body):
            var arguments = Arguments(function: function, slots: slots, rest: rest, callRange: range, interpreter: self)
            return try body(&arguments)
        case let .closure(decl, captured):
            guard depth < Interpreter.maximumCallDepth else {
                throw .runtime("too many nested calls (more than \(Interpreter.maximumCallDepth)); does a recursion miss its base case?",
                               at: range)
            }
            depth += 1
            defer { depth -= 1 }
            do {
                let scope = Environment(parent: captured)
                for (parameter, slot) in zip(decl.parameters, slots) {
                    if let slot {
                        scope.define(parameter.name, slot.0)
                    } else if let defaultExpr = parameter.defaultValue {
                        scope.define(parameter.name, try evaluate(defaultExpr, in: scope))
                    }
                }
                if decl.derivative != nil, let custom = try customCall(function, decl, captured, scope, at: range) { return custom }
                return try evaluate(decl.body, in: scope)
            } catch {
                var error = error
                if error.phase == .runtime, !error.diagnostics.isEmpty {
                    error.diagnostics[0].traceback.append(Diagnostic.Frame(function: function.name, callSite: range))
                }
                throw error
            }
        }
    }

    /// Calls a function value with positional values only (builtins calling user functions).
    func call(_ function: Function, _ values: [Value], at range: SourceRange) throws(ScriptError) -> Value {
        try call(function, values.map { ($0, range) }, at: range)
    }
}

/// One evaluated entry of `x[…]`.
enum EvaluatedIndex {
    case index(Value, SourceRange)
    case slice((Value, SourceRange)?, (Value, SourceRange)?, SourceRange)
}

extension Value {
    /// The longest range that may be turned into a list, and the most values a loop collects.
    static let longestList = 1_000_000
    /// The most elements one vector or matrix may hold.
    static let largestTensor = 50_000_000
    /// The most bytes (UTF-8) one string may hold: a loop doubling a string stops here, not at the
    /// end of memory.
    static let longestString = 1 << 26

    /// The items a `for` loop visits; nil when the value is not a sequence.
    var elements: [Value]? {
        switch self {
        case let .list(items), let .tuple(items): return items
        case let .table(t): return t.records
        case let .tensor(t) where t.shape.rank == 1: return t.scalars.map { .number($0) }
        case let .tensor(t):
            let columns = t.shape.dims[1]
            return (0..<t.shape.dims[0]).compactMap { r in
                (try? Tensor(vector: Array(t.scalars[r * columns..<(r + 1) * columns]))).map { .tensor($0) }
            }
        case let .range(a, b):
            guard b - a <= Value.longestList else { return nil }
            return a < b ? (a..<b).map { .number(Double($0)) } : []
        default: return nil
        }
    }

    /// The items of a tuple or list, for `let (a, b) = …`.
    var unpackable: [Value]? {
        switch self {
        case let .list(items), let .tuple(items): return items
        default: return nil
        }
    }
}
