import CrossCountry

/// How values are shown: in the REPL's `Out[n]`, by `ccs run`, by `str` and `print`.
public enum Display {
    /// The full text of a value (several lines for graphs and tables); empty for `nothing`.
    public static func text(_ value: Value) -> String {
        switch value {
        case .nothing: return ""
        case let .graph(g): return GraphSummary(g.graph).text
        case let .table(t): return t.text
        case let .function(f): return f.description
        default: return inline(value, quoted: true)
        }
    }

    /// A one-line form; strings are quoted when `quoted` (inside tuples and lists they always are).
    public static func inline(_ value: Value, quoted: Bool) -> String {
        switch value {
        case .nothing: return "()"
        case let .number(x): return number(x)
        case let .bool(b): return b ? "true" : "false"
        case let .string(s): return quoted ? quote(s) : s
        case let .tuple(items):
            return "(" + items.map { inline($0, quoted: true) }.joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
        case let .list(items): return "[" + items.map { inline($0, quoted: true) }.joined(separator: ", ") + "]"
        case let .range(a, b): return "\(a)..\(b)"
        case let .record(r):
            return r.kind + "(" + r.fields.map { "\($0.name): \(inline($0.value, quoted: true))" }.joined(separator: ", ") + ")"
        case let .function(f): return f.description
        case let .graph(g):
            let graph = g.graph
            return "graph \(graph.name) (\(graph.inputCount) inputs, \(graph.vertexCount) vertices, \(graph.outputCount) outputs)"
        case let .order(o): return o.name
        case let .model(m): return "cost model \(m.name)"
        case let .table(t): return "table (\(t.rows.count) rows)"
        case let .edge(e):
            return "edge \(e.source)→\(e.target) type \(e.type.rawValue) \(e.sourceShape)→\(e.targetShape)"
        }
    }

    /// Integers without a fraction, other numbers in the shortest form that reads back the same.
    public static func number(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(c)
            }
        }
        return out + "\""
    }
}

extension Function: CustomStringConvertible {
    public var description: String {
        switch body {
        case .native: return "builtin \(signature)"
        case let .closure(decl, _): return decl.name == nil ? signature : "fn \(signature)"
        }
    }
}

extension Value {
    /// The value on one line (strings quoted), for signatures and messages.
    var inlineText: String { Display.inline(self, quoted: true) }
}
