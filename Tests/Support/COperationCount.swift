import CrossCountry

/// The operations per point of a generated library source, read back from its C text alone (an
/// oracle independent of the emitter's own counts): the binary `*`, `/`, `+` and `-` and the
/// calls in the definitions of the one-point kernel `ccs_point` and its parts, and in the loops
/// between them, each loop body's operations times its iterations; a subscript's index arithmetic
/// is no operation on values.
public struct COperationCount: Equatable, CustomStringConvertible {
    public var multiplications = 0
    public var divisions = 0
    /// Additions and subtractions; `+=` counts one.
    public var additions = 0
    public var calls = 0

    public init() {}

    public var description: String { "\(multiplications) mul, \(divisions) div, \(additions) add, \(calls) calls" }

    /// The counts of `source`, a `JacobianSource` of form `.library` with one kernel.
    public init(source: String) {
        var inPoint = false
        // The iterations of the loops enclosing the current line, innermost last, with the
        // indentation of each `for` so that a loop ends with its body.
        var loops: [(indent: Int, trips: Int, braced: Bool)] = []
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("static void ccs_point") { inPoint = true; continue }
            if line.hasPrefix("}") { inPoint = false; loops.removeAll(); continue }
            guard inPoint else { continue }
            let indent = line.prefix { $0 == " " }.count
            var text = line.drop { $0 == " " }
            // A braced loop ends at its closing brace; an unbraced one after its single statement.
            if text == "}" {
                if let last = loops.last, last.braced, last.indent == indent { loops.removeLast() }
                continue
            }
            while let last = loops.last, !last.braced, last.indent >= indent { loops.removeLast() }
            var trips = loops.reduce(1) { $0 * $1.trips }
            // `for (long j = 0; j < N; j++) …`: its statement on the same line, or the lines below.
            while text.hasPrefix("for (") {
                guard let bound = Self.bound(text), let close = text.firstIndex(of: ")") else { break }
                let rest = text[text.index(after: close)...].drop { $0 == " " }
                if rest.isEmpty || rest == "{" {
                    loops.append((indent, bound, rest == "{"))
                    text = ""
                } else {
                    trips *= bound
                    text = rest
                }
            }
            guard !text.isEmpty else { continue }
            // A zeroing loop or a store of a value moves entries; only expressions compute, and only
            // outside subscripts (a loop's index arithmetic and index tables compute no value).
            var expression: Substring
            if text.hasPrefix("const double t") || text.hasPrefix("double "), let eq = text.firstIndex(of: "=") {
                expression = text[text.index(after: eq)...]
            } else if let plusEq = text.range(of: " += ") {
                additions += trips
                expression = text[plusEq.upperBound...]
            } else if let eq = text.range(of: " = ") {
                expression = text[eq.upperBound...]
            } else {
                continue
            }
            expression = Self.withoutSubscripts(expression)
            multiplications += trips * Self.occurrences(of: " * ", in: expression)
            divisions += trips * Self.occurrences(of: " / ", in: expression)
            additions += trips * (Self.occurrences(of: " + ", in: expression) + Self.occurrences(of: " - ", in: expression))
            calls += trips * Self.occurrences(of: "ccs_", in: expression)
        }
    }

    /// N in `for (long j = 0; j < N; j++)`.
    private static func bound(_ text: Substring) -> Int? {
        guard let lt = text.range(of: " < ") else { return nil }
        return Int(text[lt.upperBound...].prefix { $0.isNumber })
    }

    /// `text` without what its square brackets enclose, nested ones included.
    private static func withoutSubscripts(_ text: Substring) -> Substring {
        guard text.contains("[") else { return text }
        var depth = 0, kept = ""
        for character in text {
            if character == "[" { depth += 1 } else if character == "]" { depth -= 1 } else if depth == 0 { kept.append(character) }
        }
        return Substring(kept)
    }

    private static func occurrences(of pattern: String, in text: Substring) -> Int {
        var count = 0, rest = text
        while let r = rest.range(of: pattern) {
            count += 1
            rest = rest[r.upperBound...]
        }
        return count
    }
}
