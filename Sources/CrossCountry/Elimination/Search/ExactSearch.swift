/// Best-first (A*) search over game positions that proves an order optimal.
///
/// Positions are ranked by f = cost so far + the lower bound's floors of the remaining vertices.
/// A position reached again no cheaper than before is dropped (memoised by `PositionKey`); of
/// interchangeable vertices (`areTwins`) only the lowest is tried. Bounds are computed lazily:
/// a child enters the queue with its parent's f plus its step cost minus the eliminated vertex's
/// floor — valid because floors only grow as vertices go — and gets its own bound when it first
/// reaches the front. Since every queued f is a lower bound for its subtree, the smallest queued f
/// bounds the optimum at any moment; when it reaches the incumbent's cost, that cost is optimal.
struct ExactSearch {
    private struct Entry {
        var parent: Int32
        var vertex: Int32
        var cost: Int
        var f: Int
        var bounded: Bool
    }

    let game: EliminationGame
    private var bound: LowerBound
    private var entries: [Entry] = []
    private var bestCost: [PositionKey: Int] = [:]
    private var queue = PriorityQueue<(f: Int, cost: Int, index: Int32)> { a, b in
        a.f != b.f ? a.f < b.f : a.cost != b.cost ? a.cost > b.cost : a.index < b.index
    }
    private var floor: [Int]
    private var state: EliminationState
    private(set) var incumbent: [Int]
    private(set) var incumbentCost: Int
    /// A proven lower bound on the optimum.
    private(set) var lowerBound: Int
    /// Positions expanded so far.
    private(set) var expanded = 0

    /// Starts from a known order (`incumbent`), which the search tries to beat or prove optimal;
    /// nil when the game's cost model has no lower bound.
    init?(game: EliminationGame, incumbent: [Int], cost: Int) {
        guard var bound = LowerBound(game: game) else { return nil }
        self.game = game
        floor = [Int](repeating: 0, count: game.vertexCount + 1)
        state = game.start()
        self.incumbent = incumbent
        incumbentCost = cost
        let rootBound = bound.floorSum(for: state, into: &floor)
        self.bound = bound
        lowerBound = min(rootBound, cost)
        entries.append(Entry(parent: -1, vertex: 0, cost: 0, f: rootBound, bounded: true))
        bestCost[state.positionKey] = 0
        queue.push((rootBound, 0, 0))
    }

    /// Whether the incumbent is proven optimal.
    var isProven: Bool { lowerBound >= incumbentCost }

    /// Expands positions until the incumbent is proven optimal, `shouldStop()` (checked every 16
    /// positions taken from the queue, expanded or not) says so, or more than `maxPositions`
    /// positions are stored.
    mutating func run(maxPositions: Int = 1_000_000, shouldStop: () -> Bool) {
        var taken = 0
        while !isProven, let top = queue.first {
            taken += 1
            if taken & 15 == 0 && shouldStop() { return }
            if entries.count > maxPositions { return }
            lowerBound = max(lowerBound, min(top.f, incumbentCost))
            guard top.f < incumbentCost else { break }
            _ = queue.pop()
            expand(Int(top.index))
        }
        lowerBound = incumbentCost
    }

    private mutating func replay(_ index: Int) {
        var path: [Int] = []
        var i = index
        while entries[i].parent >= 0 {
            path.append(Int(entries[i].vertex))
            i = Int(entries[i].parent)
        }
        state.reset()
        for v in path.reversed() { state.eliminate(v) }
    }

    private mutating func expand(_ index: Int) {
        let entry = entries[index]
        replay(index)
        if let best = bestCost[state.positionKey], best < entry.cost { return }
        let f = bound.floorSum(for: state, into: &floor)
        if !entry.bounded {
            entries[index].bounded = true
            if f > entry.f {
                entries[index].f = f
                if f < incumbentCost { queue.push((f, entry.cost, Int32(index))) }
                return
            }
        }
        expanded += 1
        if state.isFinished {
            if entry.cost < incumbentCost {
                incumbentCost = entry.cost
                incumbent = state.eliminated
            }
            return
        }
        let remaining = game.eliminable.filter { !state.isEliminated($0) }
        for (i, v) in remaining.enumerated() {
            if remaining[..<i].contains(where: { state.areTwins($0, v) }) { continue }
            let step = state.paperCostOfEliminating(v)
            let childCost = entry.cost + step
            let childF = max(max(f, entry.f) + step - floor[v], childCost)
            guard childF < incumbentCost else { continue }
            var child = state
            child.eliminate(v)
            let key = child.positionKey
            if let best = bestCost[key], best <= childCost { continue }
            bestCost[key] = childCost
            entries.append(Entry(parent: Int32(index), vertex: Int32(v), cost: childCost, f: childF, bounded: false))
            queue.push((childF, childCost, Int32(entries.count - 1)))
        }
    }
}
