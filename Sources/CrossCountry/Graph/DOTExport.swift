import Foundation

/// Graphviz DOT text of a computational graph: inputs as boxes, outputs double-circled, every
/// vertex labelled with its number, primitive and shape, and edges with non-dense sparsity types
/// labelled with their code. Marks colour vertices and add a line to their labels (a picture of an
/// elimination order colours each vertex by its step).
public enum DOTExport {
    /// A vertex's fill colour (`#rrggbb`) and a line added under its label.
    public struct Mark: Sendable, Equatable {
        public var colour: String
        public var note: String

        public init(colour: String, note: String) {
            self.colour = colour
            self.note = note
        }
    }

    /// The fill colours of inputs and of outputs that no mark colours.
    public static let inputColour = "#cfe2f3", outputColour = "#d9ead3"

    public static func text(of graph: ComputationalGraph, marks: [Int: Mark] = [:]) -> String {
        var lines = ["digraph \"\(escape(graph.name))\" {", "  rankdir=LR;", "  node [fontname=\"Helvetica\", fontsize=10];"]
        let filled = marks.isEmpty ? "" : ", style=filled"
        for (i, input) in graph.inputs.enumerated() {
            let name = input.name == "x\(i + 1)" ? "" : " " + escape(input.name)
            let fill = marks.isEmpty ? "" : "\(filled), fillcolor=\"\(inputColour)\""
            lines.append("  x\(i + 1) [shape=box, label=\"x\(i + 1)\(name)\\n\(input.shape)\"\(fill)];")
        }
        let outputs = Set(graph.outputs)
        for (k, vertex) in graph.vertices.enumerated() {
            let v = k + 1
            let shape = outputs.contains(v) ? "doublecircle" : "ellipse"
            var label = "v\(v)\\n\(escape(vertex.op)) \(vertex.shape)"
            var fill = ""
            if let mark = marks[v] {
                label += "\\n" + escape(mark.note)
                fill = "\(filled), fillcolor=\"\(mark.colour)\"" + (prefersWhiteText(mark.colour) ? ", fontcolor=\"white\"" : "")
            } else if outputs.contains(v) && !marks.isEmpty {
                fill = "\(filled), fillcolor=\"\(outputColour)\""
            }
            lines.append("  v\(v) [shape=\(shape), label=\"\(label)\"\(fill)];")
        }
        for edge in graph.edges {
            let label = edge.type == .dense ? "" : " [label=\"\(edge.type.rawValue)\"]"
            lines.append("  \(edge.source) -> v\(edge.target)\(label);")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Whether white text reads better than black on `#rrggbb`: the higher of the two WCAG 2
    /// contrast ratios, so that labels on the darkest steps stay legible.
    static func prefersWhiteText(_ colour: String) -> Bool {
        guard colour.hasPrefix("#"), colour.count == 7, let rgb = Int(colour.dropFirst(), radix: 16) else { return false }
        func linear(_ c: Int) -> Double {
            let s = Double(c) / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * linear(rgb >> 16) + 0.7152 * linear((rgb >> 8) & 0xFF) + 0.0722 * linear(rgb & 0xFF)
        return 1.05 / (luminance + 0.05) > (luminance + 0.05) / 0.05
    }

    private static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            if c == "\\" || c == "\"" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
