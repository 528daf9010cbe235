/// A small maximum-flow network with integer capacities (Dinic's algorithm), reused across
/// queries: the lower bounds find minimum vertex cuts with it by splitting every node in two.
struct MaxFlow {
    static let infinity = Int.max / 4

    private(set) var nodeCount = 0
    private var head: [Int] = []
    private var next: [Int] = []
    private var to: [Int] = []
    private var capacity: [Int] = []
    private var level: [Int] = []
    private var cursor: [Int] = []
    private var queue: [Int] = []

    /// Empties the network and makes room for `nodes` nodes.
    mutating func reset(nodes: Int) {
        nodeCount = nodes
        if head.count < nodes {
            head = [Int](repeating: -1, count: nodes)
            level = [Int](repeating: 0, count: nodes)
            cursor = [Int](repeating: 0, count: nodes)
        } else {
            for i in 0..<nodes { head[i] = -1 }
        }
        next.removeAll(keepingCapacity: true)
        to.removeAll(keepingCapacity: true)
        capacity.removeAll(keepingCapacity: true)
    }

    mutating func addEdge(_ a: Int, _ b: Int, _ c: Int) {
        to.append(b); capacity.append(c); next.append(head[a]); head[a] = to.count - 1
        to.append(a); capacity.append(0); next.append(head[b]); head[b] = to.count - 1
    }

    /// The maximum flow from `source` to `sink`, stopping early once it reaches `limit`.
    mutating func maximumFlow(from source: Int, to sink: Int, limit: Int = MaxFlow.infinity) -> Int {
        var flow = 0
        while flow < limit && buildLevels(source, sink) {
            for i in 0..<nodeCount { cursor[i] = head[i] }
            while flow < limit {
                let pushed = push(source, sink, limit - flow)
                if pushed == 0 { break }
                flow += pushed
            }
        }
        return flow
    }

    /// Whether `node` is reachable from the source in the residual network of the last flow (the
    /// source side of a minimum cut).
    func isOnSourceSide(_ node: Int) -> Bool { level[node] >= 0 }

    private mutating func buildLevels(_ source: Int, _ sink: Int) -> Bool {
        for i in 0..<nodeCount { level[i] = -1 }
        queue.removeAll(keepingCapacity: true)
        level[source] = 0
        queue.append(source)
        var index = 0
        while index < queue.count {
            let a = queue[index]
            index += 1
            var e = head[a]
            while e >= 0 {
                if capacity[e] > 0 && level[to[e]] < 0 {
                    level[to[e]] = level[a] + 1
                    queue.append(to[e])
                }
                e = next[e]
            }
        }
        return level[sink] >= 0
    }

    private mutating func push(_ a: Int, _ sink: Int, _ amount: Int) -> Int {
        if a == sink { return amount }
        while cursor[a] >= 0 {
            let e = cursor[a]
            let b = to[e]
            if capacity[e] > 0 && level[b] == level[a] + 1 {
                let pushed = push(b, sink, min(amount, capacity[e]))
                if pushed > 0 {
                    capacity[e] -= pushed
                    capacity[e ^ 1] += pushed
                    return pushed
                }
            }
            cursor[a] = next[e]
        }
        return 0
    }
}
