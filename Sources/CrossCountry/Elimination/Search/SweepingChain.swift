import Foundation

/// One simulated-annealing chain for large graphs: a round sweeps a base position along the order,
/// and every move rearranges positions b…q just ahead of the base (q ≤ b + window). A move is costed
/// by playing the old and the new window on the base position as trials and taking them back
/// (`EliminationState.startTrial`, `rollBack`): a few dozen steps, where costing from snapshots
/// meant copying a whole position and re-playing up to the distance between snapshots.
///
/// Why the window is enough: eliminating a set of vertices leaves the same adjacency whatever the
/// order within the set (an edge u→w exists exactly when a path from u to w has only eliminated
/// inner vertices), so after q the old and the new order reach the same position — unless the edge
/// records (structured graphs), the cost model's attributes or the `memory` tally differ. Only the
/// in-edges of the window's vertices' successors can differ, so the trials compare those and the
/// tally, and a move that leaves another position behind is not taken.
///
/// Acceptance is `AnnealingChain`'s: a move is taken when its cost is at most the current cost plus
/// T·(−ln u), for a uniform u drawn before the move is costed.
struct SweepingChain {
    let game: EliminationGame
    /// The most positions past the base a move reaches.
    let window: Int
    /// How much work a round's moves do per unit of its sweep's (see `run`).
    let effort: Double
    private(set) var order: [Int]
    private(set) var cost: Double
    /// The position after `order[0..<baseIndex]`.
    private var base: EliminationState
    private(set) var baseIndex = 0
    private var rng: SplitMix64
    /// The cheapest order this chain has seen, unless `bestIsCurrent` (then it is `order`: copying
    /// a 100,000-vertex order on every improvement would cost as much as the moves).
    private var storedBest: [Int]
    private var bestIsCurrent = true
    private(set) var bestCost: Double
    /// Moves tried and accepted over the chain's life.
    private(set) var moves = 0
    private(set) var accepted = 0
    /// False when the last `run` was cut short by its stop condition.
    private(set) var completedLastRun = true
    /// A move's new window, and the vertices whose in-edges it may change with their in-edges after
    /// the old window and after the new one.
    private var candidate: [Int] = []
    private var touched: [Int32] = []
    private var isTouched: [Bool]
    private var oldEdges: [UInt64] = []
    private var newEdges: [UInt64] = []

    /// A chain along `start`, whose cost is `cost`.
    init(game: EliminationGame, start: [Int], cost: Double, seed: UInt64, window: Int, effort: Double) {
        self.game = game
        self.window = max(1, window)
        self.effort = effort
        order = start
        self.cost = cost
        base = game.start()
        rng = SplitMix64(seed: seed)
        storedBest = start
        bestCost = cost
        isTouched = [Bool](repeating: false, count: game.vertexCount)
    }

    var best: [Int] { bestIsCurrent ? order : storedBest }

    /// Continues from `order` at cost `cost` (typically the best any chain has found), with the base
    /// back at the start.
    mutating func restart(from start: [Int], cost: Double) {
        if bestIsCurrent && cost > bestCost {
            storedBest.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: order) }
            bestIsCurrent = false
        }
        for i in order.indices { order[i] = start[i] }
        self.cost = cost
        if cost <= bestCost {
            bestCost = cost
            bestIsCurrent = true
        }
        base.reset()
        baseIndex = 0
    }

    /// Moves the base one step along the order.
    mutating func advance() {
        base.eliminate(order[baseIndex])
        baseIndex += 1
    }

    /// One sweep of the base along the order, cooling from `hot` to `cold` as it goes, with moves
    /// spread so that their trials do about `effort` times the work of the sweep's own steps so
    /// far (`EliminationState.work`: where steps are dear, as late in reverse mode where each one
    /// feeds the output's long list, a round makes fewer moves instead of taking longer), unless
    /// `shouldStop` (asked before every move and every 256 steps) cuts it short.
    mutating func run(hot: Double, cold: Double, shouldStop: () -> Bool) {
        completedLastRun = false
        let n = order.count
        var sweepWork = 1, trialWork = 0
        while baseIndex < n - 1 {
            if baseIndex & 255 == 0 && shouldStop() { return }
            let temperature = hot * pow(cold / hot, Double(baseIndex) / Double(max(1, n - 2)))
            var work = base.work
            while Double(trialWork) < effort * Double(sweepWork) {
                if shouldStop() { return }
                move(temperature: temperature)
                trialWork += base.work - work
                work = base.work
            }
            advance()
            sweepWork += base.work - work
        }
        completedLastRun = true
    }

    /// A random swap or insertion between the base and a position up to `window` past it, taken
    /// when its cost is within the threshold.
    private mutating func move(temperature: Double) {
        let b = baseIndex
        let q = b + 1 + Int(rng.next() % UInt64(min(window, order.count - 1 - b)))
        candidate.removeAll(keepingCapacity: true)
        candidate.append(contentsOf: order[b...q])
        switch rng.next() % 3 {
        case 0: candidate.swapAt(0, q - b)
        case 1: candidate.append(candidate.removeFirst())
        default: candidate.insert(candidate.removeLast(), at: 0)
        }
        let u = Double(rng.next() >> 11 + 1) * 0x1p-53
        moves += 1
        guard let newCost = price(candidate, limit: cost + temperature * -log(u)) else { return }
        accepted += 1
        if bestIsCurrent && newCost >= bestCost {
            storedBest.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: order) }
            bestIsCurrent = false
        }
        for (k, v) in candidate.enumerated() { order[b + k] = v }
        cost = newCost
        if newCost < bestCost {
            bestCost = newCost
            bestIsCurrent = true
        }
    }

    /// The cost of the order with positions base…base + window.count − 1 replaced by `window` (the
    /// same vertices), or nil when it exceeds `limit` or when the new window leaves another position
    /// behind than the old (other edge records, attributes or `memory` tally): then the rest of the
    /// order could cost differently, and finding out would take a play to the end — on a large
    /// graph as long as the whole sweep — so such a move is not taken.
    mutating func price(_ window: [Int], limit: Double) -> Double? {
        let b = baseIndex, q = b + window.count - 1
        let compares = !game.adjacencyIsPosition
        defer {
            for vi in touched { isTouched[Int(vi)] = false }
            touched.removeAll(keepingCapacity: true)
        }
        // Only the in-edges of the window's vertices' successors in the base position can differ
        // after it: an edge into another vertex w would have to come from a path of window
        // vertices, and the last of them already fed w in the base position.
        if compares {
            for v in window { base.collectSuccessors(ofIndex: v - 1, into: &touched, marked: &isTouched) }
        }
        // The old window: its cost, and what it leaves behind.
        let prefix = base.cost
        base.startTrial()
        for k in b...q { base.eliminate(order[k]) }
        let oldWindow = base.cost - prefix, oldTally = base.storage
        if compares { base.copyInEdges(ofIndices: touched, into: &oldEdges) }
        base.rollBack()
        // The new window: played whole (a few dozen steps), since until it ends it is not known
        // whether the old tail's cost still holds.
        base.startTrial()
        defer { base.rollBack() }
        for v in window { base.eliminate(v) }
        guard base.storage == oldTally && (!compares || sameInEdges()) else { return nil }
        let total = cost - oldWindow + (base.cost - prefix)
        return total <= limit ? total : nil
    }

    /// Whether the touched vertices' in-edges after the new window are those after the old one.
    private mutating func sameInEdges() -> Bool {
        base.copyInEdges(ofIndices: touched, into: &newEdges)
        return newEdges == oldEdges
    }
}
