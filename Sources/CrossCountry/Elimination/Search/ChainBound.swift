extension LowerBound {
    /// What chains add to the floors on structured graphs. Take a path from an input to an output
    /// through remaining vertices. Whenever one of its inner vertices v is eliminated, the nearest
    /// path nodes still present on either side are v's predecessor and successor (the path between
    /// them has only eliminated inner vertices), so v pays at least the product floor for that
    /// triple. Eliminating the inner vertices in any order therefore costs at least the cheapest
    /// way to contract the chain — a matrix-chain dynamic programme over the path, with product
    /// floors as costs. Paths (longest first, vertex-disjoint, up to `attempts` of them) whose
    /// programme beats the sum of their vertices' floors add the difference; their vertices are
    /// marked `used`.
    mutating func chainGains(_ state: EliminationState, floor: [Int], used: inout [Bool], attempts: Int = 32) -> Int {
        guard floors.isWeighted else { return 0 }
        var gain = 0
        var tried = used
        for _ in 0..<attempts {
            guard let path = longestPath(state, avoiding: tried), path.count >= 4 else { break }
            let inner = path[1..<(path.count - 1)].map { $0 - game.inputCount + 1 }
            let extra = chainFloor(path) - inner.reduce(0) { $0 + floor[$1] }
            for v in inner { tried[v] = true }
            guard extra > 0 else { continue }
            gain += extra
            for v in inner { used[v] = true }
        }
        return gain
    }

    /// The cheapest contraction of a chain of nodes, product floors as costs.
    private func chainFloor(_ path: [Int]) -> Int {
        let n = path.count
        var best = [Int](repeating: 0, count: n * n)
        for span in 2..<n {
            for i in 0..<(n - span) {
                let j = i + span
                var cheapest = Int.max
                for k in (i + 1)..<j {
                    cheapest = min(cheapest, best[i * n + k] + best[k * n + j] + floors.productFloor(path[i], path[k], path[j]))
                }
                best[i * n + j] = cheapest
            }
        }
        return best[n - 1]
    }

    /// The path with the most inner vertices from an input to an output in the current graph, its
    /// inner vertices remaining, not outputs and not `avoiding`; node indices, input first.
    private func longestPath(_ state: EliminationState, avoiding used: [Bool]) -> [Int]? {
        let I = game.inputCount
        var length = [Int](repeating: -1, count: game.nodeCount)
        var parent = [Int](repeating: -1, count: game.nodeCount)
        var end = -1, endParent = -1, endLength = -1
        for x in floors.topological {
            if x < I {
                length[x] = 0
                continue
            }
            let v = x - I + 1
            var best = -1, bestParent = -1
            state.forEachInEdge(ofIndex: v - 1) { p, _ in
                if length[p] > best {
                    best = length[p]
                    bestParent = p
                }
            }
            guard best >= 0 else { continue }
            if isOutput[x] && best > endLength {
                end = x
                endParent = bestParent
                endLength = best
            }
            if !isOutput[x] && !state.isEliminated(v) && !used[v] {
                length[x] = best + 1
                parent[x] = bestParent
            }
        }
        guard end >= 0 else { return nil }
        var path = [end]
        var x = endParent
        while x >= 0 {
            path.append(x)
            x = parent[x]
        }
        return path.reversed()
    }
}
