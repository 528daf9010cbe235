extension ComputationalGraph {
    /// The most multiplications any elimination order may count on a graph the game accepts: costs,
    /// bounds and their sums then stay whole numbers a `Double` holds exactly (and far inside
    /// `Int`), so the game's arithmetic never rounds or overflows.
    public static let largestCost = 1 << 53

    /// The first vertex (in topological order) at which an upper bound on the cost of eliminating
    /// every vertex passes `largestCost`, or nil when no order can cost that much.
    ///
    /// Eliminating v multiplies, for each predecessor u and successor w, at most |u|·|v|·|w| entries
    /// (|x| the most elements any edge gives node x). Predecessors are always ancestors of v — before
    /// it in a topological order — and successors descendants, after it; so the sum over eliminable
    /// v of |v|·(sizes before v)·(sizes after v) bounds every order's cost. It is computed with
    /// overflow-reporting arithmetic in O(nodes + edges).
    public var vertexPassingCostCeiling: Int? { costBound(limit: Self.largestCost).passedAt }

    /// The bound above, summed until it passes `limit`: the total (when it stays within), or the
    /// vertex at which it passed.
    func costBound(limit: Int) -> (total: Int, passedAt: Int?) {
        // Sizes by node index: inputs first, then vertices.
        var size = inputs.map(\.shape.count) + vertices.map(\.shape.count)
        func widen(_ node: Node, _ pair: ShapePair) {
            let index: Int
            switch node {
            case let .input(i): index = i - 1
            case let .vertex(k): index = inputCount + k - 1
            }
            size[index] = max(size[index], Shape.count(of: pair) ?? Shape.largestCount)
        }
        for edge in edges {
            widen(edge.source, edge.sourceShape)
            widen(.vertex(edge.target), edge.targetShape)
        }
        let order = topologicalVertexOrder
        let eliminable = Set(eliminableVertices)
        guard var after = Bounds.checkedSum(size) else { return (0, order.first) }
        var before = 0
        for i in 0..<inputCount {
            before += size[i]
            after -= size[i]
        }
        var total = 0
        for v in order {
            let own = size[inputCount + v - 1]
            after -= own
            if eliminable.contains(v) {
                guard let step = Bounds.checkedProduct([own, before, after]),
                      case let (sum, false) = total.addingReportingOverflow(step), sum <= limit else { return (total, v) }
                total = sum
            }
            before += own
        }
        return (total, nil)
    }
}
