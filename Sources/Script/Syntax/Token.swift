/// One lexical token of `.ccs` source.
struct Token: Sendable {
    enum Kind: Equatable, Sendable {
        case identifier(String)
        /// A number literal; `isInteger` when written without a point or exponent.
        case number(Double, isInteger: Bool)
        case string(String)
        case keyword(Keyword)
        case symbol(Symbol)
        case newline
        case endOfInput
        /// Text the lexer could not read; the message says why.
        case invalid(String)
    }

    var kind: Kind
    var range: SourceRange
}

/// Reserved words.
enum Keyword: String, CaseIterable, Sendable {
    case `let`, fn, `if`, `else`, `for`, `in`, `true`, `false`, and, or, not
}

/// Punctuation and operators.
enum Symbol: String, CaseIterable, Sendable {
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
    case leftBrace = "{", rightBrace = "}"
    case comma = ",", colon = ":", semicolon = ";", dot = ".", dotDot = ".."
    case assign = "=", equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case plus = "+", minus = "-", star = "*", slash = "/", caret = "^", at = "@"
}

extension Token.Kind {
    /// How a diagnostic names the token: `')'`, `end of input`, `identifier 'x'`.
    var displayName: String {
        switch self {
        case let .identifier(name): return "identifier '\(name)'"
        case let .number(value, isInteger): return "number \(isInteger ? String(Int(value)) : String(value))"
        case .string: return "a string"
        case let .keyword(k): return "'\(k.rawValue)'"
        case let .symbol(s): return "'\(s.rawValue)'"
        case .newline: return "end of line"
        case .endOfInput: return "end of input"
        case let .invalid(message): return message
        }
    }
}
