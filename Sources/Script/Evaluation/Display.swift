import Agent
import CrossCountry
import Foundation

/// How values are shown: in the REPL's `Out[n]`, by `ccs run`, by `str` and `print`. Vectors and
/// matrices of more than `threshold` elements show their first and last `edgeItems` rows and
/// columns, as NumPy prints them; `elide: false` (`show(x, all: true)`) shows every element.
public enum Display {
    /// Elements beyond which a vector or matrix is elided.
    public static let threshold = 1000
    /// Rows and columns kept at each end of an elided axis.
    static let edgeItems = 3
    /// What stands for the elided rows and columns.
    static let ellipsis = "..."

    /// The full text of a value (several lines for graphs, tables and text of several lines, which
    /// shows unquoted); empty for `nothing`.
    public static func text(_ value: Value, elide: Bool = true) -> String {
        switch value {
        case .nothing: return ""
        case let .graph(g): return GraphSummary(g.graph).text
        case let .table(t): return t.text(elide: elide)
        case let .function(f): return f.description
        case let .tensor(t) where t.shape.rank == 2: return matrix(t, elide: elide) + elisionNote(t, elide: elide)
        case let .tensor(t): return inline(value, quoted: true, elide: elide) + elisionNote(t, elide: elide)
        case let .jacobian(j): return j.text(elide: elide)
        // Text of several lines (DOT, a summary from str) reads as itself; quoted, it would be one
        // long line of escapes.
        case let .string(s) where s.contains("\n"): return s.hasSuffix("\n") ? String(s.dropLast()) : s
        case let .policy(p): return p.record.best.isEmpty ? p.description : p.description + "\n" + BestOrder.table(p.record.best)
        default: return inline(value, quoted: true, elide: elide)
        }
    }

    /// Whether a tensor is shown with its middle elided.
    static func isElided(_ t: Tensor, elide: Bool) -> Bool { elide && t.scalars.count > threshold }

    /// The line under an elided vector or matrix saying how to see it all.
    static func elisionNote(_ t: Tensor, elide: Bool) -> String {
        guard isElided(t, elide: elide) else { return "" }
        let size = t.shape.rank == 1 ? "\(t.scalars.count) elements" : "\(t.shape.dims[0])×\(t.shape.dims[1])"
        return "\n(\(size); show(x, all: true) shows every element)"
    }

    /// The indices shown along an axis of `count`: all, or both ends with nil for the elided middle.
    static func shownIndices(_ count: Int, elided: Bool) -> [Int?] {
        guard elided, count > 2 * edgeItems else { return Array(0..<count) }
        return Array(0..<edgeItems) + [nil] + Array((count - edgeItems)..<count)
    }

    /// A matrix with its columns aligned, one row per line.
    static func matrix(_ t: Tensor, elide: Bool = true) -> String {
        let columns = t.shape.dims[1]
        let elided = isElided(t, elide: elide)
        let rowIndices = shownIndices(t.shape.dims[0], elided: elided)
        let columnIndices = shownIndices(columns, elided: elided)
        let cells = rowIndices.map { r in columnIndices.map { c in r.flatMap { r in c.map { element(t.scalars[r * columns + $0]) } } ?? ellipsis } }
        var widths = [Int](repeating: 0, count: columnIndices.count)
        for row in cells { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        let rows = zip(rowIndices, cells).map { r, row in
            guard r != nil else { return ellipsis }
            return row.enumerated().map { c, cell in
                columnIndices[c] == nil ? cell : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ")
        }
        return rows.enumerated().map { i, row in
            guard rowIndices[i] != nil else { return " " + row }
            return (i == 0 ? "[[" : " [") + row + (i == rows.count - 1 ? "]]" : "]")
        }.joined(separator: "\n")
    }

    /// A one-line form; strings are quoted when `quoted` (inside tuples and lists they always are).
    public static func inline(_ value: Value, quoted: Bool, elide: Bool = true) -> String {
        switch value {
        case .nothing: return "()"
        case let .number(x): return number(x)
        case let .tensor(t) where t.shape.rank == 1:
            let shown = shownIndices(t.scalars.count, elided: isElided(t, elide: elide))
            return "[" + shown.map { $0.map { element(t.scalars[$0]) } ?? ellipsis }.joined(separator: ", ") + "]"
        case let .tensor(t):
            let columns = t.shape.dims[1]
            let elided = isElided(t, elide: elide)
            let columnIndices = shownIndices(columns, elided: elided)
            return "[" + shownIndices(t.shape.dims[0], elided: elided).map { r in
                guard let r else { return ellipsis }
                return "[" + columnIndices.map { $0.map { element(t.scalars[r * columns + $0]) } ?? ellipsis }.joined(separator: ", ") + "]"
            }.joined(separator: ", ") + "]"
        case let .traced(t):
            let at = (try? t.builder.value(of: .traced(t.value))).map { " = \($0)" } ?? ""
            return "traced \(t.value.node)\(t.shape.isScalar ? "" : " \(t.shape)")\(at)"
        case let .bool(b): return b ? "true" : "false"
        case let .string(s): return quoted ? quote(s) : s
        case let .tuple(items):
            return "(" + items.map { inline($0, quoted: true, elide: elide) }.joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
        case let .list(items): return "[" + items.map { inline($0, quoted: true, elide: elide) }.joined(separator: ", ") + "]"
        case let .range(a, b): return "\(a)..\(b)"
        case let .record(r):
            return r.kind + "(" + r.fields.map { "\($0.name): \(inline($0.value, quoted: true))" }.joined(separator: ", ") + ")"
        case let .function(f): return f.description
        case let .graph(g):
            let graph = g.graph
            return "graph \(graph.name) (\(counted(graph.inputCount, "input")), \(counted(graph.vertexCount, "vertex", plural: "vertices")), \(counted(graph.outputCount, "output")))"
        case let .order(o): return o.name
        case let .model(m): return "cost model \(m.name)"
        case let .table(t): return "table (\(t.rows.count) rows)"
        case let .jacobian(j):
            let (count, inputs) = j.size
            return "\(j.entries == nil ? "" : "traced ")Jacobian (\(counted(count, "output")) × \(counted(inputs, "input")))"
        case let .policy(p): return p.description
        }
    }

    /// Integers without a fraction, other numbers in the shortest form that reads back the same.
    public static func number(_ x: Double) -> String { Tensor.format(x) }

    /// An element of a vector or matrix: six significant digits, so that rows stay readable (index
    /// the element to see every digit).
    public static func element(_ x: Double) -> String {
        guard x.isFinite, x != x.rounded() || abs(x) >= 1e15 else { return number(x) }
        return String(format: "%.6g", x)
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
