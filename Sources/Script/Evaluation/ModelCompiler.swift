import CrossCountry
import Foundation

/// Compiles a `.ccs` cost model — a function of `(ins, outs)` or `(v, ins, outs)` — once into an
/// engine evaluator (`EdgeCostFunction`): a tree of closures over the live edges, typed when it is
/// compiled, so that pricing a step runs no interpreter and builds no list.
///
/// A model must be a pure function of the edges it is shown: the game calls it in any order, on
/// several threads. So it may compute with numbers, booleans and strings, read the edges' and the
/// vertex's fields, loop over and `map`/`sum` the edges, define and call functions (which
/// are inlined), and read numbers, strings and functions defined outside it, as they are when the
/// model is compiled. Printing, random numbers, files, assigning to a name outside the model, or
/// any other builtin, are errors at compile time that point at the offending call.
struct ModelCompiler {
    /// The values a compiled expression can have, each with its evaluator.
    enum Compiled {
        case number(@Sendable (Frame) -> Double)
        case bool(@Sendable (Frame) -> Bool)
        case string(@Sendable (Frame) -> String)
        case edge(@Sendable (Frame) -> EdgeRef)
        case numbers(NumberSequence)
        case edges(EdgeSequence)
        /// A tuple of known length (an edge's shapes, a tuple written out).
        case tuple([Compiled])
        /// The vertex's shape (its rank varies from vertex to vertex).
        case shape(@Sendable (Frame) -> Shape)
        case vertex
        case function(Callable)
        /// A statement run for what it assigns (a loop, a branch of statements).
        case effect(@Sendable (Frame) -> Void)
        case nothing

        var typeName: String {
            switch self {
            case .number: return "a number"
            case .bool: return "a boolean"
            case .string: return "a string"
            case .edge: return "an edge"
            case .numbers: return "a list of numbers"
            case .edges: return "a list of edges"
            case let .tuple(items): return "a tuple of \(items.count)"
            case .shape: return "a shape"
            case .vertex: return "the vertex"
            case .function: return "a function"
            case .effect, .nothing: return "nothing"
            }
        }
    }

    /// Visits the items of a list in turn.
    typealias NumberSequence = @Sendable (Frame, (Double) -> Void) -> Void
    typealias EdgeSequence = @Sendable (Frame, (EdgeRef) -> Void) -> Void

    /// What a compiled model runs on: the step's edges and its local variables' slots.
    struct Frame {
        let step: StepEdges
        let numbers: UnsafeMutablePointer<Double>
        let edges: UnsafeMutablePointer<EdgeRef>
    }

    /// A function a model calls: written in `.ccs` (in the model, or outside it with an empty scope
    /// over its own environment), or a builtin.
    enum Callable {
        case written(FunctionDecl, Scope)
        case builtin(String)
    }

    /// Names visible at a point of the model: local bindings, then the enclosing scopes, then the
    /// environment the model's function was defined in.
    final class Scope {
        enum Binding {
            case number(Int)
            case bool(Int)
            case edge(Int)
            /// Anything else is re-evaluated where it is used (everything a model computes is pure).
            case alias(Compiled)
        }

        var bindings: [String: Binding] = [:]
        let parent: Scope?
        let environment: Environment
        /// Whether this scope belongs to the model (names found further out are outside it).
        let isModel: Bool

        init(parent: Scope?, environment: Environment, isModel: Bool) {
            self.parent = parent
            self.environment = environment
            self.isModel = isModel
        }
    }

    let name: String
    let header: SourceRange
    private(set) var numberSlots = 0
    private(set) var edgeSlots = 0
    /// The functions being inlined, to refuse recursion.
    private var inlining: [String] = []

    /// The model `function` stands for, compiled.
    static func compile(_ function: Function) throws(ScriptError) -> CostModel {
        guard case let .closure(decl, environment) = function.body else {
            throw .runtime("'\(function.name)' is a builtin, not a cost model; a cost model is a function of (ins, outs) or (v, ins, outs)", at: nil)
        }
        var compiler = ModelCompiler(name: function.name, header: decl.headerRange)
        let body = try compiler.compileModel(function, decl, environment)
        let numbers = max(1, compiler.numberSlots), edges = max(1, compiler.edgeSlots)
        return CostModel.function(function.name, EdgeCostFunction { step in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: numbers) { n in
                withUnsafeTemporaryAllocation(of: EdgeRef.self, capacity: edges) { e in
                    body(Frame(step: step, numbers: n.baseAddress!, edges: e.baseAddress!))
                }
            }
        })
    }

    private init(name: String, header: SourceRange) {
        self.name = name
        self.header = header
    }

    private func error(_ message: String, at range: SourceRange) -> ScriptError {
        .runtime("the cost model '\(name)' \(message)", at: range,
                 notes: [Diagnostic.Note(message: "the cost model is defined here", range: header)])
    }

    /// The model's body with its parameters bound: `(v, ins, outs)` when the function accepts three
    /// arguments, else `(ins, outs)` — as the interpreter called models.
    private mutating func compileModel(_ function: Function, _ decl: FunctionDecl, _ environment: Environment) throws(ScriptError) -> @Sendable (Frame) -> Double {
        let three = function.accepts(positionalCount: 3)
        guard three || function.accepts(positionalCount: 2) else {
            throw error("takes \(decl.parameters.count) argument\(decl.parameters.count == 1 ? "" : "s"); a cost model takes (ins, outs) or (v, ins, outs)", at: decl.headerRange)
        }
        let scope = Scope(parent: nil, environment: environment, isModel: true)
        let given: [Compiled] = (three ? [.vertex] : []) + [.edges { f, body in f.step.forEachIn(body) }, .edges { f, body in f.step.forEachOut(body) }]
        for (k, parameter) in decl.parameters.enumerated() {
            scope.bindings[parameter.name] = .alias(k < given.count ? given[k] : try compile(parameter.defaultValue!, in: scope))
        }
        let body = try compile(decl.body, in: scope)
        guard case let .number(f) = body else { throw error("must return a number, but returns \(body.typeName)", at: decl.body.range) }
        return f
    }

    // MARK: Expressions

    private mutating func compile(_ expr: Expr, in scope: Scope) throws(ScriptError) -> Compiled {
        switch expr.kind {
        case let .number(x, _): return .number { _ in x }
        case let .string(s): return .string { _ in s }
        case let .bool(b): return .bool { _ in b }
        case let .name(name): return try lookup(name, in: scope, at: expr.range)
        case let .tuple(items):
            var compiled: [Compiled] = []
            for item in items { compiled.append(try compile(item, in: scope)) }
            return compiled.isEmpty ? .nothing : .tuple(compiled)
        case let .list(items): return try list(items, in: scope, at: expr.range)
        case let .unary(op, operand): return try unary(op, try compile(operand, in: scope), at: expr.range)
        case let .binary(op, lhs, rhs):
            return try binary(op, try compile(lhs, in: scope), try compile(rhs, in: scope), at: expr.range)
        case let .logical(isAnd, lhs, rhs):
            let a = try bool(lhs, in: scope), b = try bool(rhs, in: scope)
            return isAnd ? .bool { a($0) && b($0) } : .bool { a($0) || b($0) }
        case let .range(lower, upper):
            let a = try number(lower, in: scope), b = try number(upper, in: scope)
            return .numbers { f, body in
                let lo = a(f), hi = b(f)
                guard lo.isFinite, hi.isFinite else { return }
                var i = lo.rounded(.down)
                while i < hi {
                    body(i)
                    i += 1
                }
            }
        case let .call(callee, arguments): return try call(callee, arguments, in: scope, at: expr.range)
        case let .index(base, items): return try index(try compile(base, in: scope), items, in: scope, at: expr.range)
        case let .member(base, field): return try member(try compile(base, in: scope), field, at: expr.range)
        case let .ifElse(condition, then, otherwise):
            let test = try bool(condition, in: scope)
            let yes = try block(then, in: scope)
            let no = try otherwise.map { e throws(ScriptError) in try compile(e, in: scope) } ?? .nothing
            return try choose(test, yes, no, at: expr.range)
        case let .forLoop(pattern, sequence, body):
            return try loop(pattern, try compile(sequence, in: scope), body, in: scope, at: expr.range)
        case let .function(decl): return .function(.written(decl, scope))
        case let .block(b): return try block(b, in: scope)
        }
    }

    private mutating func number(_ expr: Expr, in scope: Scope) throws(ScriptError) -> @Sendable (Frame) -> Double {
        let compiled = try compile(expr, in: scope)
        guard case let .number(f) = compiled else { throw error("needs a number here, got \(compiled.typeName)", at: expr.range) }
        return f
    }

    private mutating func bool(_ expr: Expr, in scope: Scope) throws(ScriptError) -> @Sendable (Frame) -> Bool {
        let compiled = try compile(expr, in: scope)
        guard case let .bool(f) = compiled else { throw error("needs true or false here, got \(compiled.typeName)", at: expr.range) }
        return f
    }

    private func lookup(_ name: String, in scope: Scope, at range: SourceRange) throws(ScriptError) -> Compiled {
        var current: Scope? = scope
        while let s = current {
            if let binding = s.bindings[name] {
                switch binding {
                case let .number(slot): return .number { $0.numbers[slot] }
                case let .bool(slot): return .bool { $0.numbers[slot] != 0 }
                case let .edge(slot): return .edge { $0.edges[slot] }
                case let .alias(compiled): return compiled
                }
            }
            if s.parent == nil { break }
            current = s.parent
        }
        guard let value = (current ?? scope).environment.lookup(name) else {
            throw error("uses '\(name)', which is not defined", at: range)
        }
        return try outside(value, name, at: range)
    }

    /// A value from outside the model: a constant as it is now, or a function to inline.
    private func outside(_ value: Value, _ name: String, at range: SourceRange) throws(ScriptError) -> Compiled {
        switch value {
        case let .number(x): return .number { _ in x }
        case let .bool(b): return .bool { _ in b }
        case let .string(s): return .string { _ in s }
        case let .function(function):
            guard case let .closure(decl, environment) = function.body else { return .function(.builtin(function.name)) }
            return .function(.written(decl, Scope(parent: nil, environment: environment, isModel: false)))
        default:
            throw error("reads '\(name)', \(value.typeDescription); a cost model may read numbers, booleans, strings and functions from outside it", at: range)
        }
    }

    private mutating func list(_ items: [Expr], in scope: Scope, at range: SourceRange) throws(ScriptError) -> Compiled {
        var numbers: [@Sendable (Frame) -> Double] = [], edges: [@Sendable (Frame) -> EdgeRef] = []
        for item in items {
            switch try compile(item, in: scope) {
            case let .number(f): numbers.append(f)
            case let .edge(f): edges.append(f)
            case let other: throw error("can list numbers or edges, not \(other.typeName)", at: item.range)
            }
        }
        guard numbers.isEmpty || edges.isEmpty else { throw error("cannot list numbers and edges together", at: range) }
        let edgeItems = edges, numberItems = numbers
        if !edgeItems.isEmpty { return .edges { f, body in for e in edgeItems { body(e(f)) } } }
        return .numbers { f, body in for n in numberItems { body(n(f)) } }
    }

    private func unary(_ op: UnaryOperator, _ operand: Compiled, at range: SourceRange) throws(ScriptError) -> Compiled {
        switch (op, operand) {
        case let (.negate, .number(f)): return .number { -f($0) }
        case let (.plus, .number(f)): return .number(f)
        case let (.not, .bool(f)): return .bool { !f($0) }
        default: throw error("cannot apply '\(op.rawValue)' to \(operand.typeName)", at: range)
        }
    }

    private func binary(_ op: BinaryOperator, _ a: Compiled, _ b: Compiled, at range: SourceRange) throws(ScriptError) -> Compiled {
        switch (a, b) {
        case let (.number(x), .number(y)):
            switch op {
            case .add: return .number { x($0) + y($0) }
            case .subtract: return .number { x($0) - y($0) }
            case .multiply: return .number { x($0) * y($0) }
            case .divide: return .number { x($0) / y($0) }
            case .power: return .number { pow(x($0), y($0)) }
            case .matmul: throw error("multiplies numbers with '@'; use '*'", at: range)
            default: return .bool { Operators.compare(op, x($0), y($0)) }
            }
        case let (.string(x), .string(y)) where op.isComparison: return .bool { Operators.compare(op, x($0), y($0)) }
        case let (.string(x), .string(y)) where op == .add: return .string { x($0) + y($0) }
        case let (.bool(x), .bool(y)) where op == .equal: return .bool { x($0) == y($0) }
        case let (.bool(x), .bool(y)) where op == .notEqual: return .bool { x($0) != y($0) }
        case let (.edge(x), .edge(y)) where op == .equal: return .bool { x($0) == y($0) }
        case let (.edge(x), .edge(y)) where op == .notEqual: return .bool { x($0) != y($0) }
        case let (.edges(x), .edges(y)) where op == .add:
            return .edges { f, body in
                x(f, body)
                y(f, body)
            }
        default: throw error("cannot apply '\(op.rawValue)' to \(a.typeName) and \(b.typeName)", at: range)
        }
    }

    private func choose(_ test: @escaping @Sendable (Frame) -> Bool, _ yes: Compiled, _ no: Compiled, at range: SourceRange) throws(ScriptError) -> Compiled {
        switch (yes, no) {
        case let (.number(a), .number(b)): return .number { test($0) ? a($0) : b($0) }
        case let (.bool(a), .bool(b)): return .bool { test($0) ? a($0) : b($0) }
        case let (.string(a), .string(b)): return .string { test($0) ? a($0) : b($0) }
        case let (.edge(a), .edge(b)): return .edge { test($0) ? a($0) : b($0) }
        case (.nothing, .nothing): return .nothing
        case let (.effect(a), .effect(b)): return .effect { test($0) ? a($0) : b($0) }
        case let (.effect(a), .nothing): return .effect { if test($0) { a($0) } }
        case let (.nothing, .effect(b)): return .effect { if !test($0) { b($0) } }
        default:
            throw error("gives \(yes.typeName) on one branch of 'if' and \(no.typeName) on the other; both must give a number (or both a boolean, string or edge)", at: range)
        }
    }

    // MARK: Fields and indexing

    private func member(_ base: Compiled, _ field: String, at range: SourceRange) throws(ScriptError) -> Compiled {
        switch (base, field) {
        case let (.edge(e), "type"): return .number { f in Double(f.step.type(e(f)).rawValue) }
        case let (.edge(e), "from"): return .string { f in f.step.source(e(f)).description }
        case let (.edge(e), "to"): return .string { f in f.step.target(e(f)).description }
        case let (.edge(e), "from_shape"): return Self.pair { f in f.step.sourceShape(e(f)) }
        case let (.edge(e), "to_shape"): return Self.pair { f in f.step.targetShape(e(f)) }
        case (.vertex, "number"): return .number { Double($0.step.vertex) }
        case (.vertex, "op"): return .string { $0.step.op }
        case (.vertex, "shape"): return .shape { $0.step.shape }
        case (.edge, _):
            throw error("reads the field '\(field)' of an edge; edges have type, from, to, from_shape and to_shape", at: range)
        case (.vertex, _):
            throw error("reads the field '\(field)' of the vertex; it has number, op and shape", at: range)
        default:
            throw error("reads the field '\(field)' of \(base.typeName)", at: range)
        }
    }

    /// A shape pair as a tuple of two numbers.
    private static func pair(_ shape: @escaping @Sendable (Frame) -> ShapePair) -> Compiled {
        .tuple([.number { Double(shape($0).first) }, .number { Double(shape($0).second) }])
    }

    private mutating func index(_ base: Compiled, _ items: [IndexItem], in scope: Scope, at range: SourceRange) throws(ScriptError) -> Compiled {
        guard items.count == 1, case let .index(indexExpr) = items[0] else {
            throw error("can index with one position, not slices", at: range)
        }
        let i = try number(indexExpr, in: scope)
        switch base {
        case let .tuple(parts):
            var numbers: [@Sendable (Frame) -> Double] = []
            for part in parts {
                guard case let .number(f) = part else { throw error("can index tuples of numbers only", at: range) }
                numbers.append(f)
            }
            let items = numbers
            return .number { f in
                guard let n = Int(exactly: i(f)), n >= 0, n < items.count else { return .nan }
                return items[n](f)
            }
        case let .shape(shape):
            return .number { f in
                let dims = shape(f).dims
                guard let n = Int(exactly: i(f)), n >= 0, n < dims.count else { return .nan }
                return Double(dims[n])
            }
        case let .numbers(sequence):
            return .number { f in
                guard let n = Int(exactly: i(f)), n >= 0 else { return .nan }
                var k = 0, found = Double.nan
                sequence(f) { x in
                    if k == n { found = x }
                    k += 1
                }
                return found
            }
        case let .edges(sequence):
            // An edge past the end is no edge (`EdgeRef.none`, of sparsity type 0).
            return .edge { f in
                let n = Int(exactly: i(f)) ?? -1
                var k = 0, found = EdgeRef.none
                sequence(f) { e in
                    if k == n { found = e }
                    k += 1
                }
                return found
            }
        default:
            throw error("indexes \(base.typeName)", at: range)
        }
    }

    // MARK: Blocks, statements and loops

    private mutating func block(_ block: Block, in outer: Scope) throws(ScriptError) -> Compiled {
        let scope = Scope(parent: outer, environment: outer.environment, isModel: outer.isModel)
        var effects: [@Sendable (Frame) -> Void] = []
        var result = Compiled.nothing
        for (k, statement) in block.statements.enumerated() {
            let isLast = k == block.statements.count - 1
            switch statement.kind {
            case let .bind(pattern, expr):
                effects += try bind(pattern, try compile(expr, in: scope), in: scope)
            case let .function(decl):
                if let name = decl.name { scope.bindings[name] = .alias(.function(.written(decl, scope))) }
            case let .assign(name, range, expr):
                effects.append(try assign(name, try compile(expr, in: scope), in: scope, at: range))
            case let .expression(expr, silent):
                let compiled = try compile(expr, in: scope)
                if isLast && !silent {
                    result = compiled
                } else if case let .effect(effect) = compiled {
                    effects.append(effect)
                }
            }
        }
        return try Self.after(effects, result, at: block.range) { self.error($0, at: $1) }
    }

    /// `result`, evaluated after the statements `effects` (a block's, or a call's argument bindings).
    private static func after(_ effects: [@Sendable (Frame) -> Void], _ result: Compiled, at range: SourceRange,
                              or error: (String, SourceRange) -> ScriptError) throws(ScriptError) -> Compiled {
        guard !effects.isEmpty else { return result }
        let run = effects
        switch result {
        case let .number(f): return .number { frame in for e in run { e(frame) }; return f(frame) }
        case let .bool(f): return .bool { frame in for e in run { e(frame) }; return f(frame) }
        case let .edge(f): return .edge { frame in for e in run { e(frame) }; return f(frame) }
        case let .string(f): return .string { frame in for e in run { e(frame) }; return f(frame) }
        case .nothing: return .effect { frame in for e in run { e(frame) } }
        case let .effect(last): return .effect { frame in for e in run { e(frame) }; last(frame) }
        default:
            throw error("gives \(result.typeName) after statements; there it must give a number, boolean, string or edge", range)
        }
    }

    private mutating func bind(_ pattern: Pattern, _ value: Compiled, in scope: Scope) throws(ScriptError) -> [@Sendable (Frame) -> Void] {
        switch pattern {
        case .ignore: return []
        case let .name(name, _):
            switch value {
            case let .number(f):
                let slot = numberSlots
                numberSlots += 1
                scope.bindings[name] = .number(slot)
                return [{ $0.numbers[slot] = f($0) }]
            case let .bool(f):
                let slot = numberSlots
                numberSlots += 1
                scope.bindings[name] = .bool(slot)
                return [{ $0.numbers[slot] = f($0) ? 1 : 0 }]
            case let .edge(f):
                let slot = edgeSlots
                edgeSlots += 1
                scope.bindings[name] = .edge(slot)
                return [{ $0.edges[slot] = f($0) }]
            default:
                scope.bindings[name] = .alias(value)
                return []
            }
        case let .tuple(patterns, range):
            guard case let .tuple(items) = value, items.count == patterns.count else {
                throw error("cannot unpack \(value.typeName) into \(patterns.count) names", at: range)
            }
            var effects: [@Sendable (Frame) -> Void] = []
            for (p, item) in zip(patterns, items) { effects += try bind(p, item, in: scope) }
            return effects
        }
    }

    private func assign(_ name: String, _ value: Compiled, in scope: Scope, at range: SourceRange) throws(ScriptError) -> @Sendable (Frame) -> Void {
        var current: Scope? = scope
        while let s = current {
            if let binding = s.bindings[name] {
                guard s.isModel else { break }
                switch (binding, value) {
                case let (.number(slot), .number(f)): return { $0.numbers[slot] = f($0) }
                case let (.bool(slot), .bool(f)): return { $0.numbers[slot] = f($0) ? 1 : 0 }
                case let (.edge(slot), .edge(f)): return { $0.edges[slot] = f($0) }
                case (.alias, _): throw error("assigns to '\(name)', which cannot change", at: range)
                default: throw error("assigns \(value.typeName) to '\(name)', which holds another kind of value", at: range)
                }
            }
            current = s.parent
        }
        throw error("assigns to '\(name)', which lives outside the model: a cost model cannot keep state between calls", at: range)
    }

    private mutating func loop(_ pattern: Pattern, _ sequence: Compiled, _ body: Block, in scope: Scope,
                               at range: SourceRange) throws(ScriptError) -> Compiled {
        let inner = Scope(parent: scope, environment: scope.environment, isModel: scope.isModel)
        let run: @Sendable (Frame) -> Void
        switch sequence {
        case let .numbers(items):
            let slot = numberSlots
            numberSlots += 1
            if case let .name(name, _) = pattern { inner.bindings[name] = .number(slot) }
            let step = try effects(of: body, in: inner)
            run = { f in items(f) { x in f.numbers[slot] = x; step(f) } }
        case let .edges(items):
            let slot = edgeSlots
            edgeSlots += 1
            if case let .name(name, _) = pattern { inner.bindings[name] = .edge(slot) }
            let step = try effects(of: body, in: inner)
            run = { f in items(f) { e in f.edges[slot] = e; step(f) } }
        default:
            throw error("loops over \(sequence.typeName); a model loops over edges, lists of numbers or ranges", at: range)
        }
        return .effect(run)
    }

    /// A loop body run for its assignments (a body that assigns nothing does nothing).
    private mutating func effects(of body: Block, in scope: Scope) throws(ScriptError) -> @Sendable (Frame) -> Void {
        if case let .effect(run) = try block(body, in: scope) { return run }
        return { _ in }
    }

    // MARK: Calls

    private mutating func call(_ calleeExpr: Expr, _ arguments: [CallArgument], in scope: Scope, at range: SourceRange) throws(ScriptError) -> Compiled {
        let callee = try compile(calleeExpr, in: scope)
        guard case let .function(callable) = callee else { throw error("calls \(callee.typeName)", at: calleeExpr.range) }
        switch callable {
        case let .builtin(name): return try builtin(name, arguments, in: scope, at: range)
        case let .written(decl, defining):
            var values: [(label: String?, value: Compiled, range: SourceRange)] = []
            for argument in arguments { values.append((argument.label, try compile(argument.value, in: scope), argument.value.range)) }
            return try inline(decl, defining, values, at: range)
        }
    }

    /// A call of a function written in `.ccs`: its body compiled where it was defined (a function
    /// from outside the model sees only its own environment), with the arguments bound in slots of
    /// the model's.
    private mutating func inline(_ decl: FunctionDecl, _ defining: Scope, _ arguments: [(label: String?, value: Compiled, range: SourceRange)],
                                 at range: SourceRange) throws(ScriptError) -> Compiled {
        let label = decl.name ?? "fn"
        guard decl.name == nil || !inlining.contains(label) else {
            throw error("calls '\(label)' from within itself; a cost model cannot recurse", at: range)
        }
        let target = Scope(parent: defining, environment: defining.environment, isModel: true)
        var given = [Compiled?](repeating: nil, count: decl.parameters.count)
        var next = 0
        for argument in arguments {
            let index: Int
            if let name = argument.label {
                guard let i = decl.parameters.firstIndex(where: { $0.name == name }) else {
                    throw error("calls '\(label)' with an argument '\(name)' it does not have", at: argument.range)
                }
                index = i
            } else {
                index = next
                next += 1
            }
            guard index < given.count else { throw error("calls '\(label)' with too many arguments", at: argument.range) }
            given[index] = argument.value
        }
        var effects: [@Sendable (Frame) -> Void] = []
        for (parameter, value) in zip(decl.parameters, given) {
            if let value {
                effects += try bind(.name(parameter.name, parameter.range), value, in: target)
            } else if let defaultValue = parameter.defaultValue {
                effects += try bind(.name(parameter.name, parameter.range), try compile(defaultValue, in: target), in: target)
            } else {
                throw error("calls '\(label)' without its argument '\(parameter.name)'", at: range)
            }
        }
        inlining.append(label)
        defer { inlining.removeLast() }
        let body = try compile(decl.body, in: target)
        return try Self.after(effects, body, at: range) { self.error($0, at: $1) }
    }

    /// One argument of a builtin, compiled.
    private mutating func arguments(_ arguments: [CallArgument], _ count: ClosedRange<Int>, _ name: String, in scope: Scope,
                                    at range: SourceRange) throws(ScriptError) -> [Compiled] {
        guard count.contains(arguments.count), arguments.allSatisfy({ $0.label == nil }) else {
            throw error("calls '\(name)' with \(arguments.count) argument\(arguments.count == 1 ? "" : "s"); in a cost model it takes \(count.lowerBound == count.upperBound ? "\(count.lowerBound)" : "\(count.lowerBound) to \(count.upperBound)") without names", at: range)
        }
        var compiled: [Compiled] = []
        for argument in arguments { compiled.append(try compile(argument.value, in: scope)) }
        return compiled
    }

    /// Builtins a model may call: arithmetic on numbers, the paper's pair cost, and list functions.
    private mutating func builtin(_ name: String, _ arguments: [CallArgument], in scope: Scope, at range: SourceRange) throws(ScriptError) -> Compiled {
        if let f = Self.unaryMath[name] {
            let a = try self.arguments(arguments, 1...1, name, in: scope, at: range)
            guard case let .number(x) = a[0] else { throw error("calls '\(name)' on \(a[0].typeName); in a cost model it takes a number", at: range) }
            return .number { f(x($0)) }
        }
        switch name {
        case "pow", "atan2":
            let a = try self.arguments(arguments, 2...2, name, in: scope, at: range)
            guard case let .number(x) = a[0], case let .number(y) = a[1] else { throw error("calls '\(name)' on \(a[0].typeName) and \(a[1].typeName)", at: range) }
            return name == "pow" ? .number { pow(x($0), y($0)) } : .number { Foundation.atan2(x($0), y($0)) }
        case "where":
            let a = try self.arguments(arguments, 3...3, name, in: scope, at: range)
            guard case let .bool(c) = a[0] else { throw error("calls 'where' with \(a[0].typeName) as its condition", at: range) }
            return try choose(c, a[1], a[2], at: range)
        case "pair_cost":
            let a = try self.arguments(arguments, 2...2, name, in: scope, at: range)
            guard case let .edge(i) = a[0], case let .edge(o) = a[1] else {
                throw error("calls 'pair_cost' on \(a[0].typeName) and \(a[1].typeName); it takes an in-edge and an out-edge", at: range)
            }
            return .number { f in Double(f.step.paperCost(i(f), o(f))) }
        case "len":
            let a = try self.arguments(arguments, 1...1, name, in: scope, at: range)
            switch a[0] {
            case let .tuple(items):
                let count = Double(items.count)
                return .number { _ in count }
            case let .shape(shape): return .number { Double(shape($0).dims.count) }
            case let .string(s): return .number { Double(s($0).count) }
            default: break
            }
            if let count = Self.count(a[0]) { return .number(count) }
            throw error("calls 'len' on \(a[0].typeName)", at: range)
        case "sum", "max", "min":
            let a = try self.arguments(arguments, 1...16, name, in: scope, at: range)
            return try reduce(name, a, at: range)
        case "map":
            let a = try self.arguments(arguments, 2...2, name, in: scope, at: range)
            guard case let .function(.written(decl, defining)) = a[0] else {
                throw error("calls '\(name)' with \(a[0].typeName) instead of a function written in .ccs", at: range)
            }
            return try map(decl, defining, a[1], at: range)
        default:
            throw error(Self.refusal(name), at: range)
        }
    }

    /// Why a builtin is not allowed in a model.
    static func refusal(_ name: String) -> String {
        switch name {
        case "print": return "calls 'print': a cost model must be a pure function of the edges, and the game calls it any number of times, in any order"
        case "rand": return "calls 'rand': a cost model must be a pure function of the edges, so the same position always costs the same"
        default:
            return "calls '\(name)', which a cost model cannot use: it may compute with numbers (+ - * / ^, math functions, max, min, where), read the edges (len, sum, map, for loops, pair_cost) and call functions"
        }
    }

    /// Elementwise math on numbers, by builtin name.
    static let unaryMath: [String: @Sendable (Double) -> Double] = [
        "abs": { Swift.abs($0) }, "sign": { $0 > 0 ? 1 : $0 < 0 ? -1 : 0 }, "exp": { Foundation.exp($0) },
        "log": { Foundation.log($0) }, "log1p": { Foundation.log1p($0) }, "sqrt": { $0.squareRoot() }, "square": { $0 * $0 },
        "sin": { Foundation.sin($0) }, "cos": { Foundation.cos($0) }, "tan": { Foundation.tan($0) }, "asin": { Foundation.asin($0) },
        "acos": { Foundation.acos($0) }, "atan": { Foundation.atan($0) }, "sinh": { Foundation.sinh($0) },
        "cosh": { Foundation.cosh($0) }, "tanh": { Foundation.tanh($0) }, "asinh": { Foundation.asinh($0) },
        "acosh": { Foundation.acosh($0) }, "atanh": { Foundation.atanh($0) }, "erf": { Foundation.erf($0) },
        "logistic": { 1 / (1 + Foundation.exp(-$0)) },
    ]

    /// How many items a list has: the vertex's edge counts directly, any other list by visiting it.
    private static func count(_ compiled: Compiled) -> (@Sendable (Frame) -> Double)? {
        switch compiled {
        case let .numbers(items):
            return { f in
                var n = 0.0
                items(f) { _ in n += 1 }
                return n
            }
        case let .edges(items):
            return { f in
                var n = 0.0
                items(f) { _ in n += 1 }
                return n
            }
        default: return nil
        }
    }

    private func reduce(_ name: String, _ a: [Compiled], at range: SourceRange) throws(ScriptError) -> Compiled {
        let combine: @Sendable (Double, Double) -> Double
        switch name {
        case "sum": combine = { $0 + $1 }
        case "max": combine = { Swift.max($0, $1) }
        default: combine = { Swift.min($0, $1) }
        }
        let start: Double = name == "sum" ? 0 : name == "max" ? -.infinity : .infinity
        if a.count == 1, case let .numbers(items) = a[0] {
            // An empty list has no largest or smallest item: NaN, which the game reports.
            let empty = name == "sum" ? 0 : Double.nan
            return .number { f in
                var total = start, any = false
                items(f) { x in
                    total = combine(total, x)
                    any = true
                }
                return any ? total : empty
            }
        }
        if a.count == 1, case .number = a[0], name == "sum" { return a[0] }
        var numbers: [@Sendable (Frame) -> Double] = []
        for item in a {
            guard case let .number(f) = item else { throw error("calls '\(name)' on \(item.typeName); it takes numbers or a list of numbers", at: range) }
            numbers.append(f)
        }
        guard name != "sum" else { throw error("calls 'sum' on several numbers; add them with '+'", at: range) }
        let items = numbers
        return .number { f in items.dropFirst().reduce(items[0](f)) { combine($0, $1(f)) } }
    }

    private mutating func map(_ decl: FunctionDecl, _ defining: Scope, _ list: Compiled, at range: SourceRange) throws(ScriptError) -> Compiled {
        let (parameter, body) = try lambda(decl, defining, element: list, at: range)
        switch (parameter, body) {
        case let (.number(slot, items), .number(g)):
            return .numbers { frame, visit in items(frame) { x in frame.numbers[slot] = x; visit(g(frame)) } }
        case let (.edge(slot, items), .number(g)):
            return .numbers { frame, visit in items(frame) { e in frame.edges[slot] = e; visit(g(frame)) } }
        case let (.number(slot, items), .edge(g)):
            return .edges { frame, visit in items(frame) { x in frame.numbers[slot] = x; visit(g(frame)) } }
        case let (.edge(slot, items), .edge(g)):
            return .edges { frame, visit in items(frame) { e in frame.edges[slot] = e; visit(g(frame)) } }
        default:
            throw error("maps to \(body.typeName); in a cost model 'map' gives numbers or edges", at: range)
        }
    }

    /// Where a one-parameter function's argument goes when it is applied to every item of a list.
    private enum Element {
        case number(Int, NumberSequence)
        case edge(Int, EdgeSequence)
    }

    private mutating func lambda(_ decl: FunctionDecl, _ defining: Scope, element list: Compiled,
                                 at range: SourceRange) throws(ScriptError) -> (Element, Compiled) {
        guard decl.parameters.count == 1 else {
            throw error("applies a function of \(decl.parameters.count) arguments to each item; it needs one", at: range)
        }
        let scope = Scope(parent: defining, environment: defining.environment, isModel: true)
        let element: Element
        switch list {
        case let .numbers(items):
            element = .number(numberSlots, items)
            scope.bindings[decl.parameters[0].name] = .number(numberSlots)
            numberSlots += 1
        case let .edges(items):
            element = .edge(edgeSlots, items)
            scope.bindings[decl.parameters[0].name] = .edge(edgeSlots)
            edgeSlots += 1
        default:
            throw error("applies a function to each item of \(list.typeName); it needs edges or a list of numbers", at: range)
        }
        let label = decl.name ?? "fn"
        guard decl.name == nil || !inlining.contains(label) else { throw error("calls '\(label)' from within itself; a cost model cannot recurse", at: range) }
        inlining.append(label)
        defer { inlining.removeLast() }
        return (element, try compile(decl.body, in: scope))
    }
}
