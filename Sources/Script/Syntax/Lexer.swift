/// Splits `.ccs` source into tokens. Comments (`#` to the end of the line) are skipped; newlines are
/// tokens, and the parser decides where they end a statement.
struct Lexer {
    let file: SourceFile
    private let s: [Unicode.Scalar]
    private var i = 0

    init(file: SourceFile) {
        self.file = file
        s = file.scalars
    }

    /// Every token of the file, ending with `.endOfInput`.
    static func tokens(of file: SourceFile) -> [Token] {
        var lexer = Lexer(file: file)
        var tokens: [Token] = []
        while true {
            let token = lexer.next()
            tokens.append(token)
            if token.kind == .endOfInput { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? { i + ahead < s.count ? s[i + ahead] : nil }

    private func token(_ kind: Token.Kind, from start: Int) -> Token {
        Token(kind: kind, range: SourceRange(file: file, start: start, end: i))
    }

    mutating func next() -> Token {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\r" { i += 1 }
            else if c == "#" { while let d = peek(), d != "\n" { i += 1 } }
            else { break }
        }
        let start = i
        guard let c = peek() else { return token(.endOfInput, from: start) }
        if c == "\n" {
            i += 1
            return token(.newline, from: start)
        }
        if Lexer.isIdentifierStart(c) {
            while let d = peek(), Lexer.isIdentifierStart(d) || Lexer.isDigit(d) { i += 1 }
            let word = file.text(of: start..<i)
            if let keyword = Keyword(rawValue: word) { return token(.keyword(keyword), from: start) }
            return token(.identifier(word), from: start)
        }
        if Lexer.isDigit(c) { return number(from: start) }
        if c == "\"" { return string(from: start) }
        if let symbol = symbol(c, peek(1)) {
            i += symbol.rawValue.unicodeScalars.count
            return token(.symbol(symbol), from: start)
        }
        i += 1
        if c == "!" { return token(.invalid("unexpected character '!'; write 'not' for negation"), from: start) }
        if c == "&" || c == "|" {
            return token(.invalid("unexpected character '\(c)'; write 'and' / 'or'"), from: start)
        }
        return token(.invalid("unexpected character '\(c)'"), from: start)
    }

    /// The longest symbol starting with `c` (then `next`), if any.
    private func symbol(_ c: Unicode.Scalar, _ next: Unicode.Scalar?) -> Symbol? {
        switch (c, next) {
        case ("=", "="): return .equal
        case ("!", "="): return .notEqual
        case ("<", "="): return .lessEqual
        case (">", "="): return .greaterEqual
        case (".", "."): return .dotDot
        default: return Symbol(rawValue: String(c))
        }
    }

    private mutating func number(from start: Int) -> Token {
        var isInteger = true
        while let d = peek(), Lexer.isDigit(d) || d == "_" { i += 1 }
        if peek() == ".", let d = peek(1), Lexer.isDigit(d) {
            isInteger = false
            i += 1
            while let d = peek(), Lexer.isDigit(d) || d == "_" { i += 1 }
        }
        if peek() == "e" || peek() == "E" {
            isInteger = false
            i += 1
            if peek() == "+" || peek() == "-" { i += 1 }
            guard let d = peek(), Lexer.isDigit(d) else {
                return token(.invalid("malformed number '\(file.text(of: start..<i))': the exponent has no digits"), from: start)
            }
            while let d = peek(), Lexer.isDigit(d) { i += 1 }
        }
        if let d = peek(), Lexer.isIdentifierStart(d) {
            while let d = peek(), Lexer.isIdentifierStart(d) || Lexer.isDigit(d) { i += 1 }
            return token(.invalid("malformed number '\(file.text(of: start..<i))'"), from: start)
        }
        let text = String(file.text(of: start..<i).filter { $0 != "_" })
        guard let value = Double(text), value.isFinite else {
            return token(.invalid("number '\(file.text(of: start..<i))' is out of range"), from: start)
        }
        return token(.number(value, isInteger: isInteger && abs(value) < 1e15), from: start)
    }

    private mutating func string(from start: Int) -> Token {
        i += 1
        var text = ""
        while let c = peek(), c != "\"" {
            if c == "\n" { break }
            i += 1
            guard c == "\\" else {
                text.unicodeScalars.append(c)
                continue
            }
            let escapeStart = i - 1
            guard let e = peek(), e != "\n" else { break }
            i += 1
            switch e {
            case "n": text += "\n"
            case "t": text += "\t"
            case "\\": text += "\\"
            case "\"": text += "\""
            default:
                while let c = peek(), c != "\"", c != "\n" { i += 1 }
                if peek() == "\"" { i += 1 }
                return Token(kind: .invalid("invalid escape '\\\(e)' in a string"),
                             range: SourceRange(file: file, start: escapeStart, end: escapeStart + 2))
            }
        }
        guard peek() == "\"" else { return token(.invalid("unterminated string"), from: start) }
        i += 1
        return token(.string(text), from: start)
    }

    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
            || (c.value >= 0x80 && c.properties.isAlphabetic)
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
}
