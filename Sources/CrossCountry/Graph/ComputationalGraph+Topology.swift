extension ComputationalGraph {
    /// The vertices (1-based) in an order where every edge's source comes before its target.
    public var topologicalVertexOrder: [Int] {
        var successors = [[Int]](repeating: [], count: vertexCount)
        for edge in edges {
            if case let .vertex(k) = edge.source { successors[k - 1].append(edge.target - 1) }
        }
        return Self.topologicalOrder(successors).map { $0 + 1 }
    }

    /// Node indices 0..<n, given each one's successors, with every edge's source before its target
    /// (Kahn's algorithm).
    public static func topologicalOrder(_ successors: [[Int]]) -> [Int] {
        var indegree = [Int](repeating: 0, count: successors.count)
        for list in successors { for w in list { indegree[w] += 1 } }
        var order = indegree.indices.filter { indegree[$0] == 0 }
        var index = 0
        while index < order.count {
            for w in successors[order[index]] {
                indegree[w] -= 1
                if indegree[w] == 0 { order.append(w) }
            }
            index += 1
        }
        return order
    }
}
