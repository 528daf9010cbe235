/// Parses `.ccs` source into a `Program` by recursive descent with precedence climbing.
///
/// Newlines end statements except inside `(…)` and `[…]` and after a binary operator or a comma.
/// After an error the parser skips to the next statement (panic mode) and goes on, so that the
/// first diagnostic is the real problem and a few more may follow; it never stops at the first.
struct Parser {
    /// Deepest nesting of brackets, blocks, prefix operators, `^` and `else if` accepted: the depth
    /// of the parser's own recursion, so that hostile input cannot exhaust the stack.
    static let maximumNesting = 200
    /// The tallest expression tree accepted, flat chains counted (`a + b + c` is three levels):
    /// every later pass — names, evaluation, tracing — recurses at most this deep per call.
    static let maximumHeight = 2_000
    static let maximumDiagnostics = 10

    private let file: SourceFile
    private var tokens: [Token]
    private var position = 0
    /// Per open bracket, whether newlines end statements inside it (`{`: yes; `(`, `[`: no).
    private var newlineModes: [Bool] = [true]
    private var nesting = 0
    private var diagnostics: [Diagnostic] = []
    private var incomplete = false

    private struct Failure: Error {}

    private init(file: SourceFile) {
        self.file = file
        tokens = Lexer.tokens(of: file)
    }

    /// Parses a whole source; throws a compile-phase `ScriptError` listing the problems found.
    static func parse(_ file: SourceFile) throws(ScriptError) -> Program {
        var parser = Parser(file: file)
        let statements = parser.statements(until: nil)
        if !parser.diagnostics.isEmpty {
            var error = ScriptError(phase: .compile, diagnostics: parser.diagnostics)
            error.isIncomplete = parser.incomplete
            throw error
        }
        return Program(file: file, statements: statements)
    }

    /// Whether the text stops in the middle of a construct (open bracket, unfinished block or
    /// expression, `let x =`) — a REPL then reads another line instead of reporting an error.
    static func isIncomplete(_ text: String) -> Bool {
        // Source past the limit is complete: running it reports its size.
        guard text.utf8.count <= Session.longestSource else { return false }
        do {
            _ = try parse(SourceFile(name: "<input>", text: text))
            return false
        } catch {
            return error.isIncomplete
        }
    }

    // MARK: Tokens

    private var current: Token {
        mutating get {
            if newlineModes.last == false {
                while case .newline = tokens[position].kind { position += 1 }
            }
            return tokens[position]
        }
    }

    private mutating func advance() -> Token {
        let token = current
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private mutating func check(_ symbol: Symbol) -> Bool { current.kind == .symbol(symbol) }
    private mutating func check(_ keyword: Keyword) -> Bool { current.kind == .keyword(keyword) }

    private mutating func accept(_ symbol: Symbol) -> Token? { check(symbol) ? advance() : nil }

    private mutating func skipNewlines() {
        while case .newline = tokens[position].kind { position += 1 }
    }

    /// The range just before the current token (for "expected … after …" at the end of a line).
    private var previousEnd: SourceRange {
        let end = position > 0 ? tokens[position - 1].range.end : 0
        return SourceRange(file: file, start: end, end: end)
    }

    // MARK: Errors

    private mutating func fail(_ message: String, at range: SourceRange, notes: [Diagnostic.Note] = []) -> Failure {
        if diagnostics.count < Parser.maximumDiagnostics {
            diagnostics.append(Diagnostic(message, at: range, notes: notes))
        }
        return Failure()
    }

    /// "expected X, found Y" at the current token (an unreadable token reports its own message).
    private mutating func unexpected(_ expected: String, notes: [Diagnostic.Note] = []) -> Failure {
        let token = current
        if token.kind == .endOfInput {
            if diagnostics.isEmpty { incomplete = true }
            // Point just past the last token rather than at the empty line after it.
            var last = position - 1
            while last >= 0, case .newline = tokens[last].kind { last -= 1 }
            let end = last >= 0 ? tokens[last].range.end : 0
            return fail("expected \(expected), found end of input", at: SourceRange(file: file, start: end, end: end), notes: notes)
        }
        if case let .invalid(message) = token.kind { return fail(message, at: token.range) }
        return fail("expected \(expected), found \(token.kind.displayName)", at: token.range, notes: notes)
    }

    private mutating func expect(_ symbol: Symbol, _ expected: String) throws(Failure) -> Token {
        guard let token = accept(symbol) else { throw unexpected(expected) }
        return token
    }

    /// Consumes the bracket closing `open` (restoring the newline mode outside it), or reports what
    /// was expected with a note pointing at the opening bracket.
    private mutating func close(_ symbol: Symbol, opened open: Token, expected: String) throws(Failure) -> Token {
        guard check(symbol) else {
            throw unexpected(expected, notes: [Diagnostic.Note(message: "'\(open.range.text)' opened here", range: open.range)])
        }
        newlineModes.removeLast()
        return advance()
    }

    /// Skips to the start of the next statement: past a newline or `;` outside brackets, or up to
    /// the `}` closing the current block.
    private mutating func synchronize(modes: Int) {
        newlineModes.removeSubrange(modes...)
        var depth = 0
        while true {
            switch tokens[position].kind {
            case .endOfInput: return
            case .newline, .symbol(.semicolon):
                if depth == 0 {
                    position += 1
                    return
                }
            case .symbol(.leftParen), .symbol(.leftBracket), .symbol(.leftBrace): depth += 1
            case .symbol(.rightParen), .symbol(.rightBracket): depth = max(0, depth - 1)
            case .symbol(.rightBrace):
                if depth == 0 { return }
                depth -= 1
            default: break
            }
            position += 1
        }
    }

    // MARK: Statements

    /// Statements up to `}` (inside a block) or the end of input (at top level).
    private mutating func statements(until closing: Symbol?) -> [Statement] {
        var statements: [Statement] = []
        while true {
            skipNewlines()
            while accept(.semicolon) != nil { skipNewlines() }
            let kind = current.kind
            if kind == .endOfInput { return statements }
            if let closing, kind == .symbol(closing) { return statements }
            let modes = newlineModes.count
            do {
                statements.append(try statement())
                try endOfStatement(&statements[statements.count - 1], inBlock: closing != nil)
            } catch {
                synchronize(modes: modes)
                if diagnostics.count >= Parser.maximumDiagnostics { return statements }
            }
        }
    }

    private mutating func endOfStatement(_ statement: inout Statement, inBlock: Bool) throws(Failure) {
        if let semicolon = accept(.semicolon) {
            if case let .expression(expr, _) = statement.kind {
                statement.kind = .expression(expr, silent: true)
                statement.range = statement.range.to(semicolon.range)
            }
            return
        }
        switch current.kind {
        case .newline, .endOfInput: return
        case .symbol(.rightBrace) where inBlock: return
        case .symbol(.assign):
            throw fail("cannot assign to this expression", at: current.range, notes: assignmentNotes(statement))
        default:
            throw unexpected("a newline or ';' after the statement")
        }
    }

    private func assignmentNotes(_ statement: Statement) -> [Diagnostic.Note] {
        if case let .expression(expr, _) = statement.kind, case .call = expr.kind {
            return [Diagnostic.Note(message: "to define a function, write 'fn \(expr.range.text) = …'", range: nil)]
        }
        return []
    }

    private mutating func statement() throws(Failure) -> Statement {
        let start = current
        switch start.kind {
        case .keyword(.let):
            _ = advance()
            let pattern = try self.pattern("a name after 'let'")
            guard accept(.assign) != nil else {
                if check(.equal) { throw fail("expected '=' in 'let', found '=='", at: current.range) }
                throw unexpected("'=' after 'let \(pattern.range.text)'")
            }
            skipNewlines()
            let value = try expression()
            return Statement(kind: .bind(pattern, value), range: start.range.to(value.range))
        case .keyword(.fn):
            if case .identifier = tokens[position + 1].kind {
                let decl = try function()
                return Statement(kind: .function(decl), range: start.range.to(decl.body.range))
            }
        case let .identifier(name):
            if tokens[position + 1].kind == .symbol(.assign) {
                _ = advance()
                _ = advance()
                skipNewlines()
                let value = try expression()
                return Statement(kind: .assign(name, start.range, value), range: start.range.to(value.range))
            }
        default: break
        }
        let expr = try expression()
        return Statement(kind: .expression(expr, silent: false), range: expr.range)
    }

    private mutating func pattern(_ expected: String) throws(Failure) -> Pattern {
        let token = current
        switch token.kind {
        case .identifier("_"):
            _ = advance()
            return .ignore(token.range)
        case let .identifier(name):
            _ = advance()
            return .name(name, token.range)
        case .symbol(.leftParen):
            _ = advance()
            try enter(at: token.range)
            defer { nesting -= 1 }
            newlineModes.append(false)
            var items: [Pattern] = []
            while !check(.rightParen) {
                items.append(try pattern("a name in the tuple pattern"))
                if accept(.comma) == nil { break }
            }
            let close = try close(.rightParen, opened: token, expected: "',' or ')' in the tuple pattern")
            return .tuple(items, token.range.to(close.range))
        default:
            throw unexpected(expected)
        }
    }

    /// `fn name(params) = expr`, `fn name(params) { … }`, or the anonymous forms without a name.
    private mutating func function() throws(Failure) -> FunctionDecl {
        let keyword = advance()
        var name: String?
        var header = keyword.range
        if case let .identifier(identifier) = current.kind {
            name = identifier
            header = header.to(advance().range)
        }
        let open = try expect(.leftParen, name.map { "'(' after 'fn \($0)'" } ?? "'(' or a name after 'fn'")
        newlineModes.append(false)
        var parameters: [Parameter] = []
        while !check(.rightParen) {
            let token = current
            guard case let .identifier(parameterName) = token.kind else { throw unexpected("a parameter name") }
            _ = advance()
            if parameters.contains(where: { $0.name == parameterName }) {
                throw fail("duplicate parameter '\(parameterName)'", at: token.range)
            }
            var defaultValue: Expr?
            if accept(.assign) != nil {
                defaultValue = try expression()
            } else if parameters.last?.defaultValue != nil {
                throw fail("parameter '\(parameterName)' needs a default value, as the parameters before it have one",
                           at: token.range)
            }
            parameters.append(Parameter(name: parameterName, range: token.range, defaultValue: defaultValue))
            if accept(.comma) == nil { break }
        }
        _ = try close(.rightParen, opened: open, expected: "',' or ')' after a parameter")
        let body: Expr
        if accept(.assign) != nil {
            skipNewlines()
            body = try expression()
        } else if check(.leftBrace) {
            let block = try self.block()
            body = try make(.block(block), block.range)
        } else {
            let what = name.map { "'\($0)'" } ?? "the function"
            throw unexpected("'=' or '{' after the parameters of \(what)")
        }
        let derivative = try derivativeClause(of: name, parameters)
        return FunctionDecl(name: name, parameters: parameters, body: body, headerRange: header, derivative: derivative)
    }

    /// `with derivative(params) = expr` (or `{ … }`) after a function's body, possibly on the next
    /// line; `with` and `derivative` are ordinary names elsewhere. The parameters repeat the function's.
    private mutating func derivativeClause(of name: String?, _ parameters: [Parameter]) throws(Failure) -> Expr? {
        var ahead = position
        while tokens[ahead].kind == .newline, ahead + 1 < tokens.count { ahead += 1 }
        guard ahead + 1 < tokens.count, tokens[ahead].kind == .identifier("with"), tokens[ahead + 1].kind == .identifier("derivative")
        else { return nil }
        while position < ahead { _ = advance() }
        let keyword = advance()
        _ = advance()
        let open = try expect(.leftParen, "'(' after 'with derivative'")
        newlineModes.append(false)
        var names: [Token] = []
        while !check(.rightParen) {
            guard case .identifier = current.kind else { throw unexpected("a parameter name") }
            names.append(advance())
            if accept(.comma) == nil { break }
        }
        let close = try close(.rightParen, opened: open, expected: "',' or ')' after a parameter")
        let written = names.map { token -> String in if case let .identifier(n) = token.kind { n } else { "" } }
        guard written == parameters.map(\.name) else {
            let expected = parameters.map(\.name).joined(separator: ", ")
            throw fail("the derivative's parameters must be those of \(name.map { "'\($0)'" } ?? "the function"): (\(expected))",
                       at: keyword.range.to(close.range))
        }
        if accept(.assign) != nil {
            skipNewlines()
            return try expression()
        }
        guard check(.leftBrace) else { throw unexpected("'=' or '{' after 'with derivative(…)'") }
        let block = try self.block()
        return try make(.block(block), block.range)
    }

    private mutating func block() throws(Failure) -> Block {
        let open = current
        guard check(.leftBrace) else { throw unexpected("'{'") }
        _ = advance()
        newlineModes.append(true)
        let body = statements(until: .rightBrace)
        guard check(.rightBrace) else {
            throw unexpected("'}'", notes: [Diagnostic.Note(message: "'{' opened here", range: open.range)])
        }
        newlineModes.removeLast()
        let close = advance()
        return Block(statements: body, range: open.range.to(close.range))
    }

    // MARK: Expressions

    /// One level deeper in the parser's recursion; the caller undoes it with `defer { nesting -= 1 }`.
    private mutating func enter(at range: SourceRange) throws(Failure) {
        guard nesting < Parser.maximumNesting else {
            throw fail("the expression is nested too deeply (more than \(Parser.maximumNesting) levels)", at: range)
        }
        nesting += 1
    }

    /// A node of the tree, refused when it makes the tree taller than `maximumHeight` (`at`: the
    /// operator that did).
    private mutating func make(_ kind: Expr.Kind, _ range: SourceRange, at operatorRange: SourceRange? = nil) throws(Failure) -> Expr {
        let expr = Expr(kind: kind, range: range)
        guard expr.height <= Parser.maximumHeight else {
            throw fail("the expression is nested too deeply: more than \(Parser.maximumHeight) levels, each operator of a chain such as a + b + c counting one",
                       at: operatorRange ?? range)
        }
        return expr
    }

    private mutating func expression() throws(Failure) -> Expr {
        try enter(at: current.range)
        defer { nesting -= 1 }
        return try binary(minimumPrecedence: 1)
    }

    private static func precedence(of kind: Token.Kind) -> Int? {
        switch kind {
        case .keyword(.or): return 1
        case .keyword(.and): return 2
        case .symbol(.equal), .symbol(.notEqual), .symbol(.less), .symbol(.lessEqual), .symbol(.greater),
             .symbol(.greaterEqual): return 4
        case .symbol(.dotDot): return 5
        case .symbol(.plus), .symbol(.minus): return 6
        case .symbol(.star), .symbol(.slash), .symbol(.at): return 7
        default: return nil
        }
    }

    private mutating func binary(minimumPrecedence: Int) throws(Failure) -> Expr {
        var lhs = try unary()
        while let precedence = Parser.precedence(of: current.kind), precedence >= minimumPrecedence {
            let op = advance()
            skipNewlines()
            let rhs = try binary(minimumPrecedence: precedence + 1)
            let range = lhs.range.to(rhs.range)
            switch op.kind {
            case .keyword(.or): lhs = try make(.logical(isAnd: false, lhs, rhs), range, at: op.range)
            case .keyword(.and): lhs = try make(.logical(isAnd: true, lhs, rhs), range, at: op.range)
            case .symbol(.dotDot): lhs = try make(.range(lhs, rhs), range, at: op.range)
            case let .symbol(symbol):
                guard let binaryOperator = BinaryOperator(rawValue: symbol.rawValue) else { throw unexpected("an operator") }
                lhs = try make(.binary(binaryOperator, lhs, rhs), range, at: op.range)
            default: throw unexpected("an operator")
            }
            if precedence == 4 || precedence == 5, Parser.precedence(of: current.kind) == precedence {
                throw fail(precedence == 4
                    ? "comparisons do not chain; write (a < b) and (b < c)"
                    : "ranges do not chain", at: current.range)
            }
        }
        return lhs
    }

    private mutating func unary() throws(Failure) -> Expr {
        let token = current
        let op: UnaryOperator
        switch token.kind {
        case .symbol(.minus): op = .negate
        case .symbol(.plus): op = .plus
        case .keyword(.not):
            _ = advance()
            try enter(at: token.range)
            defer { nesting -= 1 }
            let operand = try binary(minimumPrecedence: 4)
            return try make(.unary(.not, operand), token.range.to(operand.range))
        default: return try power()
        }
        _ = advance()
        try enter(at: token.range)
        defer { nesting -= 1 }
        let operand = try unary()
        return try make(.unary(op, operand), token.range.to(operand.range))
    }

    /// `^` binds tighter than unary minus and groups to the right; its exponent may be negated (`2^-1`).
    private mutating func power() throws(Failure) -> Expr {
        let base = try postfix()
        guard let caret = accept(.caret) else { return base }
        try enter(at: caret.range)
        defer { nesting -= 1 }
        skipNewlines()
        let exponent = try unary()
        return try make(.binary(.power, base, exponent), base.range.to(exponent.range), at: caret.range)
    }

    private mutating func postfix() throws(Failure) -> Expr {
        var expr = try primary()
        while true {
            if let open = accept(.leftParen) {
                newlineModes.append(false)
                var arguments: [CallArgument] = []
                while !check(.rightParen) {
                    if case let .identifier(label) = current.kind, tokens[position + 1].kind == .symbol(.colon) {
                        let labelToken = advance()
                        _ = advance()
                        arguments.append(CallArgument(label: label, labelRange: labelToken.range, value: try expression()))
                    } else {
                        let value = try expression()
                        if arguments.last?.label != nil {
                            throw fail("a positional argument cannot follow a named argument", at: value.range)
                        }
                        arguments.append(CallArgument(label: nil, labelRange: nil, value: value))
                    }
                    if accept(.comma) == nil { break }
                }
                let close = try close(.rightParen, opened: open, expected: "',' or ')' after an argument")
                expr = try make(.call(expr, arguments), expr.range.to(close.range), at: open.range)
            } else if let open = accept(.leftBracket) {
                newlineModes.append(false)
                var items: [IndexItem] = []
                repeat {
                    let start = current.range
                    var first: Expr?
                    if !check(.colon) && !check(.comma) && !check(.rightBracket) { first = try expression() }
                    if accept(.colon) != nil {
                        var second: Expr?
                        if !check(.comma) && !check(.rightBracket) { second = try expression() }
                        items.append(.slice(start: first, end: second, range: start.to(previousEnd)))
                    } else if let first {
                        items.append(.index(first))
                    } else {
                        throw unexpected("an index")
                    }
                } while accept(.comma) != nil
                let close = try close(.rightBracket, opened: open, expected: "',' or ']' after an index")
                expr = try make(.index(expr, items), expr.range.to(close.range), at: open.range)
            } else if let dot = accept(.dot) {
                let token = current
                guard case let .identifier(name) = token.kind else { throw unexpected("a field name after '.'") }
                _ = advance()
                expr = try make(.member(expr, name), expr.range.to(token.range), at: dot.range)
            } else {
                return expr
            }
        }
    }

    private mutating func primary() throws(Failure) -> Expr {
        let token = current
        switch token.kind {
        case let .number(value, isInteger):
            _ = advance()
            return Expr(kind: .number(value, isInteger: isInteger), range: token.range)
        case let .string(text):
            _ = advance()
            return Expr(kind: .string(text), range: token.range)
        case .keyword(.true), .keyword(.false):
            _ = advance()
            return Expr(kind: .bool(token.kind == .keyword(.true)), range: token.range)
        case let .identifier(name):
            _ = advance()
            return Expr(kind: .name(name), range: token.range)
        case .symbol(.leftParen):
            _ = advance()
            newlineModes.append(false)
            var items: [Expr] = []
            var sawComma = false
            while !check(.rightParen) {
                items.append(try expression())
                if accept(.comma) == nil { break }
                sawComma = true
            }
            let close = try close(.rightParen, opened: token, expected: items.count == 1 && !sawComma ? "')'" : "',' or ')'")
            if items.count == 1 && !sawComma { return Expr(kind: items[0].kind, range: token.range.to(close.range)) }
            return try make(.tuple(items), token.range.to(close.range))
        case .symbol(.leftBracket):
            _ = advance()
            newlineModes.append(false)
            var items: [Expr] = []
            while !check(.rightBracket) {
                items.append(try expression())
                if accept(.comma) == nil { break }
            }
            let close = try close(.rightBracket, opened: token, expected: "',' or ']' in the list")
            return try make(.list(items), token.range.to(close.range))
        case .symbol(.leftBrace):
            let block = try self.block()
            return try make(.block(block), block.range)
        case .keyword(.if):
            return try ifExpression()
        case .keyword(.for):
            _ = advance()
            let pattern = try self.pattern("a loop variable after 'for'")
            guard check(.in) else { throw unexpected("'in' after the loop variable") }
            _ = advance()
            let sequence = try expression()
            guard check(.leftBrace) else { throw unexpected("'{' to begin the body of 'for'") }
            let body = try block()
            return try make(.forLoop(pattern, sequence: sequence, body: body), token.range.to(body.range))
        case .keyword(.fn):
            let decl = try function()
            return try make(.function(decl), token.range.to(decl.body.range))
        case .symbol(.assign):
            throw fail("'=' is not an expression; to compare, write '=='", at: token.range)
        default:
            throw unexpected("an expression")
        }
    }

    private mutating func ifExpression() throws(Failure) -> Expr {
        let keyword = advance()
        try enter(at: keyword.range)
        defer { nesting -= 1 }
        let condition = try expression()
        guard check(.leftBrace) else {
            if check(.assign) { throw fail("'=' is not a comparison; write '=='", at: current.range) }
            throw unexpected("'{' after the condition of 'if'")
        }
        let then = try block()
        var lookahead = position
        while case .newline = tokens[lookahead].kind { lookahead += 1 }
        guard tokens[lookahead].kind == .keyword(.else) else {
            return try make(.ifElse(condition: condition, then: then, otherwise: nil), keyword.range.to(then.range))
        }
        position = lookahead + 1
        let otherwise: Expr
        if check(.if) {
            otherwise = try ifExpression()
        } else {
            guard check(.leftBrace) else { throw unexpected("'{' or 'if' after 'else'") }
            let block = try self.block()
            otherwise = try make(.block(block), block.range)
        }
        return try make(.ifElse(condition: condition, then: then, otherwise: otherwise), keyword.range.to(otherwise.range))
    }
}
