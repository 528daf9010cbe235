/// A few lines describing a graph: sizes, outputs, edge counts by sparsity type.
public struct GraphSummary: Sendable {
    public let graph: ComputationalGraph

    public init(_ graph: ComputationalGraph) { self.graph = graph }

    public var text: String {
        var typeCounts: [SparsityType: Int] = [:]
        for edge in graph.edges { typeCounts[edge.type, default: 0] += 1 }
        let types = typeCounts.keys.sorted().map { "\($0.rawValue)×\(typeCounts[$0]!)" }.joined(separator: " ")
        let inputs = graph.inputs.map { "\($0.name)\($0.shape)" }.joined(separator: ", ")
        let outputs = graph.outputs.map { "v\($0)\(graph.vertices[$0 - 1].shape)" }.joined(separator: ", ")
        return """
        graph \(graph.name): \(counted(graph.inputCount, "input")), \(counted(graph.vertexCount, "vertex", plural: "vertices")) \
        (\(graph.intermediateCount) eliminable), \(counted(graph.outputCount, "output")), \(counted(graph.edges.count, "edge"))
          inputs:  \(inputs)
          outputs: \(outputs)
          edge types: \(types)
        """
    }
}
