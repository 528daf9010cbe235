/// An expression of the `.ccs` language with the source range it was written at.
struct Expr: Sendable {
    indirect enum Kind: Sendable {
        /// A number literal; `isInteger` when written without a point or exponent.
        case number(Double, isInteger: Bool)
        case string(String)
        case bool(Bool)
        case name(String)
        /// `(a, b)`; `()` is the empty tuple, the value `nothing`.
        case tuple([Expr])
        /// `[a, b]`: a vector or matrix when the elements are numbers, otherwise a list.
        case list([Expr])
        case unary(UnaryOperator, Expr)
        case binary(BinaryOperator, Expr, Expr)
        /// `a and b`, `a or b`: the right side runs only when needed.
        case logical(isAnd: Bool, Expr, Expr)
        /// `a..b`: the integers a, a+1, …, b−1.
        case range(Expr, Expr)
        case call(Expr, [CallArgument])
        case index(Expr, [IndexItem])
        /// `x.name`: a field of a record (an edge's `type`, a graph's `inputs`).
        case member(Expr, String)
        case ifElse(condition: Expr, then: Block, otherwise: Expr?)
        case forLoop(Pattern, sequence: Expr, body: Block)
        case function(FunctionDecl)
        case block(Block)
    }

    let kind: Kind
    let range: SourceRange
    /// The levels of the tree from this node down — a flat chain (`a + b + c`, `f()()`, `x[0][1]`)
    /// counts one per operator — which bounds how deeply every pass over it recurses.
    let height: Int

    init(kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
        height = 1 + kind.childHeight
    }
}

extension Expr.Kind {
    /// The height of the tallest child (0 for a leaf).
    var childHeight: Int {
        func tallest(_ items: [Expr]) -> Int { items.reduce(0) { max($0, $1.height) } }
        switch self {
        case .number, .string, .bool, .name: return 0
        case let .tuple(items), let .list(items): return tallest(items)
        case let .unary(_, operand): return operand.height
        case let .binary(_, a, b), let .logical(_, a, b), let .range(a, b): return max(a.height, b.height)
        case let .call(callee, arguments): return max(callee.height, tallest(arguments.map(\.value)))
        case let .index(base, items):
            return items.reduce(base.height) { height, item in
                switch item {
                case let .index(e): return max(height, e.height)
                case let .slice(start, end, _): return max(height, start?.height ?? 0, end?.height ?? 0)
                }
            }
        case let .member(base, _): return base.height
        case let .ifElse(condition, then, otherwise): return max(condition.height, then.height, otherwise?.height ?? 0)
        case let .forLoop(_, sequence, body): return max(sequence.height, body.height)
        case let .function(decl): return decl.height
        case let .block(block): return block.height
        }
    }
}

/// A prefix operator.
enum UnaryOperator: String, Sendable {
    case negate = "-", plus = "+", not = "not"
}

/// An infix operator other than `and`/`or`.
enum BinaryOperator: String, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^", matmul = "@"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="

    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return true
        default: return false
        }
    }
}

/// One argument of a call: positional, or named (`axis: 0`).
struct CallArgument: Sendable {
    var label: String?
    var labelRange: SourceRange?
    var value: Expr
}

/// One entry between the brackets of `x[…]`: an index or a slice `start:end` (either may be left out).
enum IndexItem: Sendable {
    case index(Expr)
    case slice(start: Expr?, end: Expr?, range: SourceRange)
}

/// The names a `let` or `for` binds: one name, `_`, or a tuple of patterns.
indirect enum Pattern: Sendable {
    case name(String, SourceRange)
    case ignore(SourceRange)
    case tuple([Pattern], SourceRange)

    var range: SourceRange {
        switch self {
        case let .name(_, r), let .ignore(r), let .tuple(_, r): return r
        }
    }

    /// The names bound, in order.
    var names: [(String, SourceRange)] {
        switch self {
        case let .name(name, r): return [(name, r)]
        case .ignore: return []
        case let .tuple(items, _): return items.flatMap(\.names)
        }
    }
}

/// A parameter of a function, with an optional default value.
struct Parameter: Sendable {
    var name: String
    var range: SourceRange
    var defaultValue: Expr?
}

/// A function: `fn name(params) = expr`, `fn name(params) { … }`, or an anonymous `fn(params) …`,
/// optionally followed by `with derivative(params) = expr` (its partials, one per parameter).
struct FunctionDecl: Sendable {
    var name: String?
    var parameters: [Parameter]
    var body: Expr
    /// Where the function was written (the `fn` keyword through its name).
    var headerRange: SourceRange
    /// The partials the function declares for itself, as an expression of its parameters: one value,
    /// or a tuple with one per parameter.
    var derivative: Expr? = nil

    /// The tree's height beneath the function: its body's, its derivative's or a default value's.
    var height: Int { parameters.reduce(max(body.height, derivative?.height ?? 0)) { max($0, $1.defaultValue?.height ?? 0) } }
}

/// Statements between braces; its value is the value of the last statement when that is an
/// expression not followed by `;`.
struct Block: Sendable {
    let statements: [Statement]
    let range: SourceRange
    /// One more than the tallest statement's height.
    let height: Int

    init(statements: [Statement], range: SourceRange) {
        self.statements = statements
        self.range = range
        height = 1 + statements.reduce(0) { max($0, $1.height) }
    }
}

/// A statement.
struct Statement: Sendable {
    enum Kind: Sendable {
        case bind(Pattern, Expr)
        case function(FunctionDecl)
        /// `name = expr`: rebinds an existing variable (loops accumulate this way).
        case assign(String, SourceRange, Expr)
        /// An expression; `silent` when followed by `;` (its value is not shown).
        case expression(Expr, silent: Bool)
    }

    var kind: Kind
    var range: SourceRange

    /// The height of the tree beneath the statement.
    var height: Int {
        switch kind {
        case let .bind(_, value), let .assign(_, _, value), let .expression(value, _): return value.height
        case let .function(decl): return 1 + decl.height
        }
    }
}

/// A parsed source: its top-level statements.
struct Program: Sendable {
    var file: SourceFile
    var statements: [Statement]
}
