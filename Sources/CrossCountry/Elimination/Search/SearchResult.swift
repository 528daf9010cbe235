/// The outcome of a search: the best order found, its cost, and how far from optimal it can be.
public struct SearchResult: Sendable {
    /// The best order found (1-based vertex numbers).
    public var order: [Int]
    /// Its cost under the game's model.
    public var cost: Double
    /// No order costs less than this; nil when there is none (the model has none, or the graph is
    /// too large for it: `notes` says which).
    public var lowerBound: Double?
    /// True when the search proved that no order is cheaper than `order`.
    public var isOptimal: Bool
    /// Wall-clock seconds spent.
    public var elapsed: Double
    /// What found the order: a method, or a heuristic such as "markowitz (highest ties)".
    public var method: String
    /// Search rounds completed; `SearchOptions.rounds` with the same seed repeats them exactly.
    public var rounds: Int
    /// Annealing moves tried, over all chains.
    public var moves: Int
    /// Whether a raised `StopFlag` ended the search before its budget.
    public var wasInterrupted: Bool
    /// What the search left out or cut short, and why (a lower bound skipped on a large graph).
    public var notes: [String] = []

    /// The relative gap (cost − bound) / bound: the order costs at most this fraction more than an
    /// optimal one (infinite when the bound is 0 and the cost is not); nil without a bound.
    public var gap: Double? {
        guard let lowerBound else { return isOptimal ? 0 : nil }
        if isOptimal || cost == lowerBound { return 0 }
        return lowerBound == 0 ? .infinity : (cost - lowerBound) / lowerBound
    }

    /// `cost 320, lower bound 301, gap ≤ 6.4%`, `cost 88, optimal`, or `cost 12.5, no lower bound
    /// for this model` (the note saying why there is none).
    public var summary: String {
        let costText = "cost " + Tensor.format(cost)
        if isOptimal { return costText + ", optimal" }
        guard let lowerBound, let gap else {
            return costText + ", " + (notes.first { $0.hasPrefix("no lower bound") } ?? "no lower bound")
        }
        let gapText = gap.isFinite ? "gap ≤ " + SearchResult.percent(gap) : "gap unbounded"
        return costText + ", lower bound " + Tensor.format(lowerBound) + ", " + gapText
    }

    /// A finite ratio as a percentage rounded up to tenths; a gap of a cost near 2^60 over a bound
    /// of 1 is past Int in tenths of a percent, so it is counted with overflow checks.
    static func percent(_ x: Double) -> String {
        guard let tenths = try? Bounds.whole((x * 1000).rounded(.up), "gap", in: 0...Int.max >> 1) else {
            return "\(Tensor.format((x * 100).rounded(.up)))%"
        }
        return "\(tenths / 10).\(tenths % 10)%"
    }
}

/// A report from a running search: sent when it finds a better order or finishes a phase.
public struct SearchProgress: Sendable {
    public var elapsed: Double
    public var cost: Double
    /// nil while there is none.
    public var lowerBound: Double?
    /// The phase running now.
    public var method: String
}
