import CrossCountry
import Foundation

extension Builtins {
    /// Writing up results: tables, numbers to a precision, how two graphs differ.
    static func reports() -> [Builtin] {
        [
            Builtin("table", [parameter("header"), parameter("rows")],
                    summary: "A table with these column names and rows (each a list or tuple of as many values), shown aligned.",
                    example: "table([\"x\", \"sin x\"], [[0, sin(0)], [1, sin(1)]])") { (a: inout Arguments) throws(ScriptError) in
                var header: [String] = []
                for item in try a.sequence("header") {
                    guard case let .string(name) = item else { throw a.error("the header is a list of strings, got \(item.typeDescription)", at: "header") }
                    header.append(name)
                }
                var rows: [[Value]] = []
                for row in try a.sequence("rows") {
                    guard let cells = row.unpackable ?? row.elements, cells.count == header.count else {
                        throw a.error("every row needs \(header.count) values, one per column, got \(row.typeDescription)", at: "rows")
                    }
                    rows.append(cells)
                }
                return .table(TableValue(header: header, rows: rows))
            },
            Builtin("format", [parameter("x"), parameter("digits", .number(3))],
                    summary: "A number as text with this many significant digits (C's %g).",
                    example: "format(3.14159, 2)") { (a: inout Arguments) throws(ScriptError) in
                let x = try a.number("x")
                let digits = try a.integer("digits")
                guard (1...17).contains(digits) else { throw a.error("digits must be 1…17, got \(digits)", at: "digits") }
                return .string(String(format: "%.\(digits)g", x))
            },
            Builtin("graph_differences", [parameter("a"), parameter("b")],
                    summary: "How graph a differs from graph b as the vertex game sees them (vertex numbering, primitives, shapes, outputs, edges and their sparsity types), one line each; empty when identical.",
                    example: "graph_differences(load_graph(\"RoeFlux_1d\"), load_graph(\"RoeFlux_1d\"))") { (a: inout Arguments) throws(ScriptError) in
                .list(try a.graph("a").graph.differences(from: try a.graph("b").graph).map(Value.string))
            },
        ]
    }
}
