extension ComputationalGraph {
    /// The most multiplications one elimination step may count on a graph the game accepts: every
    /// step's cost is then a whole number a `Double` holds exactly (and far inside `Int`), so no
    /// step rounds or overflows. Totals are sums of such steps in `Double`: exact up to this value,
    /// rounded to double precision beyond it, never overflowing.
    public static let largestCost = 1 << 53

    /// The first vertex (in topological order) whose own elimination could cost more than
    /// `largestCost` in some order, or nil when no step can.
    public var vertexPassingCostCeiling: Int? { costBound(limit: Self.largestCost).stepPassedAt }

    /// Upper bounds on what eliminating vertices costs, in any order, checked against `limit`: the
    /// sum over every eliminable vertex (nil once it passes `limit`), and the first vertex whose
    /// own bound passes `limit`.
    ///
    /// Eliminating v multiplies, for each predecessor u and successor w, at most |u|·|v|·|w| entries
    /// (|x| the most elements any edge gives node x). Predecessors are always ancestors of v — before
    /// it in a topological order — and successors descendants, after it; so |v|·(sizes before
    /// v)·(sizes after v) bounds v's step in every order, and their sum every order's cost. The sum
    /// is cubic in the graph's size (a 100,000-vertex chain of 5-vectors passes 2^53 although its
    /// orders cost millions), which is why only a single step's bound refuses a graph. Computed with
    /// overflow-reporting arithmetic in O(nodes + edges).
    func costBound(limit: Int) -> (total: Int?, stepPassedAt: Int?) {
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
        guard var after = Bounds.checkedSum(size) else { return (nil, order.first) }
        var before = 0
        for i in 0..<inputCount {
            before += size[i]
            after -= size[i]
        }
        var total: Int? = 0
        for v in order {
            let own = size[inputCount + v - 1]
            after -= own
            if eliminable.contains(v) {
                guard let step = Bounds.checkedProduct([own, before, after]), step <= limit else { return (nil, v) }
                if let sum = total {
                    let (next, overflow) = sum.addingReportingOverflow(step)
                    total = overflow || next > limit ? nil : next
                }
            }
            before += own
        }
        return (total, nil)
    }
}
