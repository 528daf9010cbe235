/// A jaxpr as `print(jax.make_jaxpr(f)(*args))` writes it, parsed but not yet interpreted:
/// `{ lambda ; a:f32[] b:f32[3]. let c:f32[3] = mul a b … in (c,) }`, every part with the line and
/// column it was written at, so that the importer's errors point into the file.
struct Jaxpr {
    /// A position in the text, 1-based.
    struct Location: Hashable, Sendable, CustomStringConvertible {
        var line: Int
        var column: Int
        var description: String { "\(line):\(column)" }
    }

    /// `f32[2,3]`: a dtype and the extents.
    struct VariableType: Hashable, Sendable, CustomStringConvertible {
        var dtype: String
        var dims: [Int]
        var description: String { "\(dtype)[\(dims.map(String.init).joined(separator: ","))]" }
    }

    /// A binder `name:type` (`_` for a dropped result).
    struct Binder {
        var name: String
        var type: VariableType
        var location: Location
    }

    /// An operand: a variable, or a literal such as `2.0:f32[]`.
    enum Atom {
        case variable(String, Location)
        case literal(Double, Location)

        var location: Location {
            switch self {
            case let .variable(_, l), let .literal(_, l): return l
            }
        }
    }

    /// A parameter's value: its text as written, or a jaxpr (`jaxpr={ lambda … }`).
    enum Parameter {
        case text(String, Location)
        case jaxpr(Jaxpr)
    }

    /// `outs = primitive[params] operands`.
    struct Equation {
        var outputs: [Binder]
        var primitive: String
        var primitiveLocation: Location
        var parameters: [String: Parameter]
        var operands: [Atom]
    }

    var constants: [Binder]
    var inputs: [Binder]
    var equations: [Equation]
    var outputs: [Atom]
    var location: Location
}

/// A jaxpr that cannot be read or imported, with where.
public struct JaxprError: Error, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let message: String

    init(_ message: String, at location: Jaxpr.Location) {
        line = location.line
        column = location.column
        self.message = message
    }

    /// `line:col: error: message`; callers put the file's name in front.
    public var description: String { "\(line):\(column): error: \(message)" }
}

/// Reads jaxpr text character by character (equations and parameters may span lines).
struct JaxprParser {
    private let text: [Character]
    private var index = 0
    private var line = 1
    private var column = 1

    init(_ text: String) { self.text = Array(text) }

    static func parse(_ text: String) throws(JaxprError) -> Jaxpr {
        var parser = JaxprParser(text)
        let jaxpr = try parser.jaxpr()
        parser.skipSpace()
        guard parser.index == parser.text.count else { throw parser.error("unexpected text after the jaxpr's closing '}'") }
        return jaxpr
    }

    private var location: Jaxpr.Location { Jaxpr.Location(line: line, column: column) }
    private var atEnd: Bool { index >= text.count }
    private var peek: Character? { atEnd ? nil : text[index] }

    private func error(_ message: String, at location: Jaxpr.Location? = nil) -> JaxprError {
        JaxprError(atEnd && location == nil ? "the jaxpr ends early: \(message)" : message, at: location ?? self.location)
    }

    private mutating func advance() {
        if text[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private mutating func skipSpace() {
        while let c = peek, c.isWhitespace { advance() }
    }

    private mutating func expect(_ c: Character, _ what: String) throws(JaxprError) {
        skipSpace()
        guard peek == c else { throw error("expected \(what)\(peek.map { ", found '\($0)'" } ?? "")") }
        advance()
    }

    private mutating func word() -> String {
        var w = ""
        while let c = peek, c.isLetter || c.isNumber || c == "_" {
            w.append(c)
            advance()
        }
        return w
    }

    private mutating func keyword(_ k: String) throws(JaxprError) {
        skipSpace()
        let at = location
        let w = word()
        guard w == k else { throw error("expected '\(k)'\(w.isEmpty ? "" : ", found '\(w)'")", at: at) }
    }

    // MARK: Structure

    mutating func jaxpr() throws(JaxprError) -> Jaxpr {
        skipSpace()
        let start = location
        try expect("{", "'{' opening the jaxpr")
        try keyword("lambda")
        var constants: [Jaxpr.Binder] = []
        skipSpace()
        while peek != ";" {
            guard !atEnd else { throw error("expected ';' after the constants") }
            constants.append(try binder())
            skipSpace()
        }
        advance()
        var inputs: [Jaxpr.Binder] = []
        skipSpace()
        while peek != "." {
            guard !atEnd else { throw error("expected '.' after the inputs") }
            inputs.append(try binder())
            skipSpace()
        }
        advance()
        try keyword("let")
        var equations: [Jaxpr.Equation] = []
        while true {
            skipSpace()
            let save = (index, line, column)
            if word() == "in", let c = peek, !c.isLetter, c != ":" { break }
            (index, line, column) = save
            guard !atEnd else { throw error("expected an equation or 'in'") }
            equations.append(try equation())
        }
        let outputs = try atomList()
        try expect("}", "'}' closing the jaxpr")
        return Jaxpr(constants: constants, inputs: inputs, equations: equations, outputs: outputs, location: start)
    }

    /// `(a, b)`, `(a,)`, or a single atom.
    private mutating func atomList() throws(JaxprError) -> [Jaxpr.Atom] {
        skipSpace()
        guard peek == "(" else { return [try atom()] }
        advance()
        var atoms: [Jaxpr.Atom] = []
        while true {
            skipSpace()
            if peek == ")" { advance(); return atoms }
            atoms.append(try atom())
            skipSpace()
            if peek == "," { advance() } else if peek != ")" { throw error("expected ',' or ')' in the outputs") }
        }
    }

    private mutating func binder() throws(JaxprError) -> Jaxpr.Binder {
        skipSpace()
        let at = location
        let name = word()
        guard !name.isEmpty else { throw error("expected a variable name\(peek.map { ", found '\($0)'" } ?? "")") }
        try expect(":", "':' and a type after '\(name)'")
        return Jaxpr.Binder(name: name, type: try type(), location: at)
    }

    private mutating func type() throws(JaxprError) -> Jaxpr.VariableType {
        let dtype = word()
        guard !dtype.isEmpty else { throw error("expected a type such as f32[3]") }
        guard peek == "[" else { throw error("expected '[' after the dtype \(dtype)") }
        advance()
        var dims: [Int] = []
        while peek != "]" {
            skipSpace()
            let at = location
            let w = word()
            guard let n = Int(w) else { throw error("expected an extent in the type, found '\(w)'", at: at) }
            dims.append(n)
            skipSpace()
            if peek == "," { advance() } else if peek != "]" { throw error("expected ',' or ']' in the type") }
        }
        advance()
        // A sharding or layout annotation, e.g. f32[4]{0}, says nothing ccs needs.
        if peek == "{" { try skipBalanced() }
        return Jaxpr.VariableType(dtype: dtype, dims: dims)
    }

    private mutating func equation() throws(JaxprError) -> Jaxpr.Equation {
        var outputs: [Jaxpr.Binder] = []
        while true {
            skipSpace()
            if peek == "=" { advance(); break }
            guard !atEnd else { throw error("expected '=' in the equation") }
            outputs.append(try binder())
        }
        skipSpace()
        let at = location
        let primitive = word()
        guard !primitive.isEmpty else { throw error("expected a primitive's name after '='") }
        var parameters: [String: Jaxpr.Parameter] = [:]
        if peek == "[" {
            advance()
            while true {
                skipSpace()
                if peek == "]" { advance(); break }
                guard !atEnd else { throw error("expected ']' closing the parameters of \(primitive)") }
                let keyAt = location
                let key = word()
                guard !key.isEmpty, peek == "=" else { throw error("expected name=value in the parameters of \(primitive)", at: keyAt) }
                advance()
                skipSpace()
                if peek == "{" {
                    parameters[key] = .jaxpr(try jaxpr())
                } else {
                    let valueAt = location
                    parameters[key] = .text(try rawValue(), valueAt)
                }
            }
        }
        var operands: [Jaxpr.Atom] = []
        while true {
            skipSpace()
            guard let c = peek else { throw error("expected 'in' after the equations") }
            if c == "}" { break }
            // The next equation starts with `name:type … =`; `in` ends the list.
            let save = (index, line, column)
            let w = word()
            let next = peek
            (index, line, column) = save
            if w == "in", next.map({ !$0.isLetter && $0 != ":" }) ?? true { break }
            if !w.isEmpty, next == ":", !JaxprParser.isLiteralWord(w) { break }
            if w.isEmpty, c != "-", !c.isNumber, c != "." { throw error("unexpected '\(c)' among the operands of \(primitive)") }
            operands.append(try atom())
        }
        return Jaxpr.Equation(outputs: outputs, primitive: primitive, primitiveLocation: at, parameters: parameters, operands: operands)
    }

    private static func isLiteralWord(_ w: String) -> Bool {
        w.first?.isNumber == true || ["inf", "nan", "True", "False"].contains(w)
    }

    private mutating func atom() throws(JaxprError) -> Jaxpr.Atom {
        skipSpace()
        let at = location
        var w = ""
        if peek == "-" { w.append("-"); advance() }
        while let c = peek, c.isLetter || c.isNumber || c == "_" || c == "." || ((c == "-" || c == "+") && (w.last == "e" || w.last == "E") && w.first != nil && (w.first!.isNumber || w.first == "-")) {
            w.append(c)
            advance()
        }
        guard !w.isEmpty else { throw error("expected an operand\(peek.map { ", found '\($0)'" } ?? "")") }
        let typed = peek == ":"
        if typed {
            advance()
            _ = try type()
        }
        if typed || JaxprParser.isLiteralWord(w) || w.hasPrefix("-") {
            let body = w.hasPrefix("-") ? String(w.dropFirst()) : w
            let magnitude: Double?
            switch body {
            case "inf": magnitude = .infinity
            case "nan": magnitude = .nan
            case "True": magnitude = 1
            case "False": magnitude = 0
            default: magnitude = Double(body)
            }
            guard let magnitude else { throw error("'\(w)' is not a number", at: at) }
            return .literal(w.hasPrefix("-") ? -magnitude : magnitude, at)
        }
        return .variable(w, at)
    }

    /// A parameter's value as written, up to whitespace or ']' outside brackets.
    private mutating func rawValue() throws(JaxprError) -> String {
        var value = ""
        var depth = 0
        while let c = peek {
            if depth == 0 && (c.isWhitespace || c == "]") { break }
            if "([{<".contains(c) { depth += 1 }
            if ")]}>".contains(c) { depth -= 1 }
            value.append(c)
            advance()
        }
        guard !atEnd else { throw error("a parameter's value is not closed") }
        return value
    }

    private mutating func skipBalanced() throws(JaxprError) {
        var depth = 0
        repeat {
            guard let c = peek else { throw error("a bracket is not closed") }
            if "([{".contains(c) { depth += 1 }
            if ")]}".contains(c) { depth -= 1 }
            advance()
        } while depth > 0
    }
}
