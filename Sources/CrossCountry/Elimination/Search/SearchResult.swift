/// The outcome of a search: the best order found, its cost, and how far from optimal it can be.
public struct SearchResult: Sendable {
    /// The best order found (1-based vertex numbers).
    public var order: [Int]
    public var cost: Int
    /// No order costs less than this.
    public var lowerBound: Int
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
    /// optimal one (infinite when the bound is 0 and the cost is not).
    public var gap: Double {
        if isOptimal || cost == lowerBound { return 0 }
        return lowerBound == 0 ? .infinity : Double(cost - lowerBound) / Double(lowerBound)
    }

    /// `cost 320, lower bound 301, gap ≤ 6.4%`, or `cost 88, optimal`.
    public var summary: String {
        if isOptimal { return "cost \(cost), optimal" }
        let gapText = gap.isFinite ? "gap ≤ " + SearchResult.percent(gap) : "gap unbounded"
        return "cost \(cost), lower bound \(lowerBound), " + gapText
    }

    static func percent(_ x: Double) -> String {
        let tenths = Int((x * 1000).rounded(.up))
        return "\(tenths / 10).\(tenths % 10)%"
    }
}

/// A report from a running search: sent when it finds a better order or finishes a phase.
public struct SearchProgress: Sendable {
    public var elapsed: Double
    public var cost: Int
    public var lowerBound: Int
    /// The phase running now.
    public var method: String
}
