import Foundation

/// One simulated-annealing chain over elimination orders: swap and insert moves, each costed by
/// re-playing only from the first changed position, with a geometric cooling schedule per run.
///
/// A move is accepted when its cost is at most the current cost plus T·(−ln u) for a uniform u
/// drawn before the move is costed; that threshold lets a re-play stop as soon as it is exceeded.
struct AnnealingChain {
    private var trail: SnapshotTrail
    private var candidate: [Int]
    private var rng: SplitMix64
    private(set) var best: [Int]
    private(set) var bestCost: Double
    /// Moves tried and accepted over the chain's life.
    private(set) var moves = 0
    private(set) var accepted = 0
    /// False when the last `run` was cut short by its stop condition.
    private(set) var completedLastRun = true
    /// Moves per `run`.
    let movesPerRound: Int

    /// A chain from `start`, or nil when `shouldStop` cut the building of its snapshots short.
    init?(game: EliminationGame, start: [Int], seed: UInt64, interval: Int, movesPerRound: Int,
          shouldStop: () -> Bool = { false }) {
        guard let trail = SnapshotTrail(game: game, order: start, interval: interval, shouldStop: shouldStop) else { return nil }
        self.trail = trail
        self.movesPerRound = movesPerRound
        candidate = start
        rng = SplitMix64(seed: seed)
        best = start
        bestCost = trail.cost
    }

    var current: [Int] { trail.order }
    var currentCost: Double { trail.cost }

    /// Continues from `order` (typically the best any chain has found); the trail re-plays the
    /// positions where it differs, which gives its cost.
    mutating func restart(from order: [Int], cost _: Double) {
        // Re-play only the positions where the orders differ (often none: this chain found it).
        let current = trail.order
        guard let p = order.indices.first(where: { order[$0] != current[$0] }),
              let q = order.indices.last(where: { order[$0] != current[$0] }) else { return }
        for i in p...q { candidate[i] = order[i] }
        trail.replace(with: candidate, changedFrom: p, through: q)
        if trail.cost < bestCost {
            best = order
            bestCost = trail.cost
        }
    }

    /// Runs `movesPerRound` moves cooling from `hot` to `cold`, unless `shouldStop` (checked every
    /// 256 moves) cuts it short.
    mutating func run(hot: Double, cold: Double, shouldStop: () -> Bool) {
        completedLastRun = false
        let n = candidate.count, count = movesPerRound
        guard n >= 2, count > 0 else {
            completedLastRun = true
            return
        }
        let cooling = count > 1 ? pow(cold / hot, 1 / Double(count - 1)) : 1
        var temperature = hot
        let window = max(2, n / 8)
        for step in 0..<count {
            if step & 255 == 0 && shouldStop() { return }
            let i = Int(rng.next() % UInt64(n))
            var j: Int
            if rng.next() & 1 == 0 {
                j = i + Int(rng.next() % UInt64(2 * window + 1)) - window
                j = min(max(j, 0), n - 1)
            } else {
                j = Int(rng.next() % UInt64(n))
            }
            if j == i { j = i + 1 < n ? i + 1 : i - 1 }
            let insert = rng.next() & 1 == 0
            apply(insert: insert, i, j)
            let u = Double(rng.next() >> 11 + 1) * 0x1p-53
            let limit = trail.cost + temperature * -log(u)
            let p = min(i, j), q = max(i, j)
            moves += 1
            if let cost = trail.evaluate(candidate, changedFrom: p, through: q, limit: limit) {
                accepted += 1
                trail.replace(with: candidate, changedFrom: p, through: q)
                if cost < bestCost {
                    bestCost = cost
                    for k in best.indices { best[k] = candidate[k] }
                }
            } else {
                apply(insert: insert, j, i)
            }
            temperature *= cooling
        }
        completedLastRun = true
    }

    /// Swaps positions i and j, or moves the vertex at i to position j; (j, i) undoes (i, j).
    private mutating func apply(insert: Bool, _ i: Int, _ j: Int) {
        guard insert else {
            candidate.swapAt(i, j)
            return
        }
        let v = candidate[i]
        if i < j {
            for k in i..<j { candidate[k] = candidate[k + 1] }
        } else {
            for k in stride(from: i, to: j, by: -1) { candidate[k] = candidate[k - 1] }
        }
        candidate[j] = v
    }
}
