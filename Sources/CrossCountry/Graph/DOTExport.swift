/// Graphviz DOT text of a computational graph: inputs as boxes, outputs double-circled, every
/// vertex labelled with its number, primitive and shape, and edges with non-dense sparsity types
/// labelled with their code.
public enum DOTExport {
    public static func text(of graph: ComputationalGraph) -> String {
        var lines = ["digraph \"\(escape(graph.name))\" {", "  rankdir=LR;", "  node [fontname=\"Helvetica\", fontsize=10];"]
        for (i, input) in graph.inputs.enumerated() {
            let name = input.name == "x\(i + 1)" ? "" : " " + escape(input.name)
            lines.append("  x\(i + 1) [shape=box, label=\"x\(i + 1)\(name)\\n\(input.shape)\"];")
        }
        let outputs = Set(graph.outputs)
        for (k, vertex) in graph.vertices.enumerated() {
            let shape = outputs.contains(k + 1) ? "doublecircle" : "ellipse"
            lines.append("  v\(k + 1) [shape=\(shape), label=\"v\(k + 1)\\n\(escape(vertex.op)) \(vertex.shape)\"];")
        }
        for edge in graph.edges {
            let label = edge.type == .dense ? "" : " [label=\"\(edge.type.rawValue)\"]"
            lines.append("  \(edge.source) -> v\(edge.target)\(label);")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
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
