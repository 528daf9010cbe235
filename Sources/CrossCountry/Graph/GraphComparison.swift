extension ComputationalGraph {
    /// How this graph differs from another as the vertex game sees them — inputs, vertex numbering,
    /// primitives, shapes (as the game's 2-vectors, so (1, 1), (1) and () agree), outputs (as a set:
    /// published graphs list them in vertex order) and edges with their sparsity types and recorded
    /// shapes — one line per difference, at most `limit`; empty when the two are identical.
    public func differences(from other: ComputationalGraph, limit: Int = 20) -> [String] {
        var found: [String] = []
        func note(_ line: String) { if found.count < limit { found.append(line) } }
        if inputCount != other.inputCount { note("\(inputCount) inputs, not \(other.inputCount)") }
        for (i, (a, b)) in zip(inputs, other.inputs).enumerated() where a.shape.pair != b.shape.pair {
            note("input x\(i + 1) has shape \(a.shape), not \(b.shape)")
        }
        if vertexCount != other.vertexCount { note("\(vertexCount) vertices, not \(other.vertexCount)") }
        for (k, (a, b)) in zip(vertices, other.vertices).enumerated() where a.op != b.op || a.shape.pair != b.shape.pair {
            note("v\(k + 1) is \(a.op)\(a.shape), not \(b.op)\(b.shape)")
        }
        if Set(outputs) != Set(other.outputs) {
            note("outputs \(outputs.sorted().map { "v\($0)" }.joined(separator: " ")), not \(other.outputs.sorted().map { "v\($0)" }.joined(separator: " "))")
        }
        let mine = Set(edges), theirs = Set(other.edges)
        for edge in edges where !theirs.contains(edge) { note("edge \(edge.text) is not in the other graph") }
        for edge in other.edges where !mine.contains(edge) { note("edge \(edge.text) is missing") }
        return found
    }
}

extension Edge {
    /// `x3→v7 type -2 (1, 3)→(1, 1)`.
    var text: String { "\(source)→v\(target) type \(type.rawValue) \(sourceShape)→\(targetShape)" }
}
