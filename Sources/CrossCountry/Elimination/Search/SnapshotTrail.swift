/// An elimination order together with the game states reached along it, every `interval` steps,
/// so that a change to positions p…q of the order is re-played only from the last snapshot
/// before p — and usually only up to the first snapshot after q.
///
/// Why stopping early is exact: the adjacency after a set of eliminations does not depend on their
/// order (an edge u→w exists exactly when some path from u to w has only eliminated inner
/// vertices), and on scalar graphs adjacency is the whole state. So once a re-play passes q it
/// is back in the old position and the old tail's cost still holds. On structured graphs the
/// edge types can depend on the order, so the re-play compares the live edge records with the
/// stored snapshot and runs on to the end when they differ. Only the in-edge lists of the vertices
/// the re-play's eliminations fed can differ (the same ones the old order's eliminations fed), so
/// only those are compared.
struct SnapshotTrail {
    let game: EliminationGame
    let interval: Int
    /// The order the snapshots were taken along.
    private(set) var order: [Int]
    /// snapshots[k] is the position after the first k·interval steps of `order`.
    private var snapshots: [EliminationState]
    /// prefixCosts[k] is the cost of those steps (the snapshots' own totals go stale when a change
    /// is spliced in without re-playing the tail).
    private var prefixCosts: [Double]
    /// Scratch state for evaluating changed orders.
    private var work: EliminationState
    private(set) var cost: Double
    /// The vertex indices whose in-edges the current re-play changed (structured graphs only).
    private var touched: [Int32] = []
    private var isTouched: [Bool]

    /// The trail along `order`, or nil when `shouldStop` (asked every 256 steps of the first
    /// play: on a large graph it copies thousands of positions) says so.
    init?(game: EliminationGame, order: [Int], interval: Int, shouldStop: () -> Bool = { false }) {
        self.game = game
        self.interval = max(1, interval)
        self.order = order
        let count = order.count / self.interval + 1
        snapshots = (0..<count).map { _ in game.start() }
        prefixCosts = [Double](repeating: 0, count: count)
        work = game.start()
        isTouched = game.adjacencyIsPosition ? [] : [Bool](repeating: false, count: game.vertexCount)
        var running = 0.0
        for (position, v) in order.enumerated() {
            if position & 255 == 255 && shouldStop() { return nil }
            running += work.eliminate(v)
            guard (position + 1) % self.interval == 0 else { continue }
            Self.copy(&snapshots[(position + 1) / self.interval], from: &work)
            prefixCosts[(position + 1) / self.interval] = running
        }
        cost = running
    }

    /// A snapshot interval that balances copying a state against re-playing steps: scalar states
    /// are a few bitsets, structured ones also carry their live edge records.
    static func defaultInterval(for game: EliminationGame) -> Int { game.isScalar ? 2 : 4 }

    /// The snapshot interval for a search on `game` along an order whose positions take up to
    /// `stateBytes`: the default, or sparser so that the snapshots fit in `budget`; nil when not
    /// even a few fit.
    static func interval(for game: EliminationGame, stateBytes: Int, budget: Int) -> Int? {
        let n = game.eliminable.count, fixed = 3 * stateBytes
        guard budget > fixed + stateBytes else { return nil }
        let snapshots = (budget - fixed) / max(1, stateBytes)
        return max(defaultInterval(for: game), (n + snapshots - 1) / snapshots)
    }

    /// Whether the re-play has rejoined the stored position at snapshot k (same eliminated set by construction).
    private mutating func rejoins(_ k: Int) -> Bool {
        Self.sameTally(&work, &snapshots[k]) && (game.adjacencyIsPosition || Self.same(&work, &snapshots[k], touched))
    }

    /// Under `memory`, the total of a re-play that reaches snapshot k's position with another peak
    /// so far, when it is known without playing on: an order's total is its final peak, the levels
    /// ahead depend only on the position, and the stored order's total (`cost`) is the larger of
    /// snapshot k's peak and those levels. So unless the stored peak exceeds both the re-play's and
    /// every level ahead (the one case it hides them), the total is the larger of the re-play's peak
    /// and `cost`. Evaluating only: the later snapshots' peaks would be stale after a commit.
    private mutating func peakRejoining(_ k: Int) -> Double? {
        guard case .memory = game.model.rules, work.storage.live == snapshots[k].storage.live else { return nil }
        let peak = Double(work.storage.peak), stored = Double(snapshots[k].storage.peak)
        guard peak >= stored || cost > stored else { return nil }
        guard game.adjacencyIsPosition || Self.same(&work, &snapshots[k], touched) else { return nil }
        return max(peak, cost)
    }

    // The work state and a snapshot meet through two inout accesses to distinct properties, so that
    // neither is copied (a copy retains every array of a state: measurable per move).
    private static func same(_ a: inout EliminationState, _ b: inout EliminationState, _ indices: [Int32]) -> Bool {
        a.hasSameInEdges(as: b, ofIndices: indices)
    }

    /// Whether the two positions' `memory` tallies agree (the same peak so far gives the same
    /// costs from here; other models leave the tallies at their start).
    private static func sameTally(_ a: inout EliminationState, _ b: inout EliminationState) -> Bool { a.storage == b.storage }

    private static func copy(_ target: inout EliminationState, from source: inout EliminationState) {
        // A snapshot that is copied from moves on from a retired value table first, once, rather
        // than every copy of it moving on by itself.
        source.refreshValues()
        target.assign(from: source)
    }

    /// Eliminates v in the work state, noting (on structured graphs) whose in-edges change.
    private mutating func step(_ v: Int) -> Double {
        if !game.adjacencyIsPosition { work.collectSuccessors(ofIndex: v - 1, into: &touched, marked: &isTouched) }
        return work.eliminate(v)
    }

    /// The cost of `candidate`, an order equal to `order` outside positions p…q, or nil as soon as
    /// its running cost exceeds `limit` (costs only grow, so the rest cannot bring it back).
    mutating func evaluate(_ candidate: [Int], changedFrom p: Int, through q: Int, limit: Double) -> Double? {
        replay(candidate, from: p, through: q, limit: limit, commit: false)
    }

    /// Adopts `candidate`, which differs from `order` only at positions p…q, re-playing as little as possible.
    mutating func replace(with candidate: [Int], changedFrom p: Int, through q: Int) {
        for i in p...min(q, order.count - 1) { order[i] = candidate[i] }
        rebuild(from: p, through: q)
    }

    private mutating func rebuild(from p: Int, through q: Int) {
        cost = replay(order, from: p, through: q, limit: .infinity, commit: true) ?? cost
    }

    /// Plays `sequence` from the snapshot before position p until it rejoins the stored snapshots
    /// after q (then the old tail's cost still holds) or ends; nil once the running cost exceeds
    /// `limit`. With `commit`, the snapshots it passes are renewed and, when it rejoins, the later
    /// prefix costs shift by the change.
    private mutating func replay(_ sequence: [Int], from p: Int, through q: Int, limit: Double, commit: Bool) -> Double? {
        defer {
            for wi in touched { isTouched[Int(wi)] = false }
            touched.removeAll(keepingCapacity: true)
        }
        var k = p / interval
        Self.copy(&work, from: &snapshots[k])
        var running = prefixCosts[k]
        var position = k * interval
        while position < sequence.count {
            running += step(sequence[position])
            if running > limit { return nil }
            position += 1
            guard position % interval == 0 else { continue }
            k = position / interval
            if position > q && rejoins(k) {
                let shift = running - prefixCosts[k]
                if commit { for j in k..<prefixCosts.count { prefixCosts[j] += shift } }
                return cost + shift <= limit ? cost + shift : nil
            }
            if position > q && !commit, let total = peakRejoining(k) { return total <= limit ? total : nil }
            if commit {
                Self.copy(&snapshots[k], from: &work)
                prefixCosts[k] = running
            }
        }
        return running
    }
}
