/// Turns text a user controls (graph, input and output names) into C that cannot be anything but
/// what ccs means: identifiers of letters, digits and underscores, comments without comment ends,
/// line breaks or non-ASCII characters, and numbers that read back to the same double.
enum CText {
    private static let keywords: Set<String> = [
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
        "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
        "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while",
        "_Bool", "_Complex", "_Imaginary",
    ]

    /// A C identifier for `name`: every other character becomes `_` (runs collapse), leading and
    /// trailing underscores go, and a name that is empty, starts with a digit or is a keyword gets
    /// a prefix.
    static func identifier(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            let ok = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
            if ok { out.unicodeScalars.append(scalar) } else if !out.hasSuffix("_") { out += "_" }
        }
        while out.hasPrefix("_") { out.removeFirst() }
        while out.hasSuffix("_") { out.removeLast() }
        if out.first.map(\.isNumber) ?? true || keywords.contains(out) { out = "f_" + out }
        return out
    }

    /// Text safe inside a /* */ comment on one line: printable ASCII only, no `*/`, at most
    /// `limit` characters.
    static func comment(_ text: String, limit: Int = 120) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if out.count >= limit { out += "..."; break }
            let printable = scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F
            out.unicodeScalars.append(printable ? scalar : "?")
            if out.hasSuffix("*/") || out.hasSuffix("/*") { out.removeLast(); out += " " }
        }
        return out
    }

    /// A double literal that C reads back exactly (Swift prints the shortest round-tripping digits).
    static func literal(_ x: Double) -> String {
        if x.isNaN { return "NAN" }
        if x.isInfinite { return x < 0 ? "(-INFINITY)" : "INFINITY" }
        var text = x.magnitude.description
        if !text.contains(".") && !text.contains("e") { text += ".0" }
        return x.sign == .minus ? "(-\(text))" : text
    }
}
