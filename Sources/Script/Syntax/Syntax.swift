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

    var kind: Kind
    var range: SourceRange
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

/// A function: `fn name(params) = expr`, `fn name(params) { … }`, or an anonymous `fn(params) …`.
struct FunctionDecl: Sendable {
    var name: String?
    var parameters: [Parameter]
    var body: Expr
    /// Where the function was written (the `fn` keyword through its name).
    var headerRange: SourceRange
}

/// Statements between braces; its value is the value of the last statement when that is an
/// expression not followed by `;`.
struct Block: Sendable {
    var statements: [Statement]
    var range: SourceRange
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
}

/// A parsed source: its top-level statements.
struct Program: Sendable {
    var file: SourceFile
    var statements: [Statement]
}
