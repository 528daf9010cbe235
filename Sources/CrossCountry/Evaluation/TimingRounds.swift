/// Timings taken in rounds, each bracketed by a probe, and classed by the host's regime. A virtual
/// machine's host runs the same code at a few distinct speeds ("regimes") that last seconds to
/// minutes, and the ratios between two kernels change with the regime; so figures are comparable
/// between runs only when they come from one regime. Rounds in which the probe moved are dropped
/// (the regime changed within them); the others are grouped by the probe's time, and every
/// timer's figure is its median over the fastest regime that holds enough rounds.
public struct TimingRounds: Sendable {
    /// One round: the probe's seconds per point just before and just after it, and each timer's.
    public struct Round: Sendable {
        public var before: Double
        public var after: Double
        public var seconds: [Double]

        public init(before: Double, after: Double, seconds: [Double]) {
            (self.before, self.after, self.seconds) = (before, after, seconds)
        }

        /// The probe's time for the round.
        public var probe: Double { (before + after) / 2 }

        /// Whether the host kept one speed through the round: the probe agrees with itself.
        var isSteady: Bool { abs(after - before) <= TimingRounds.steadiness * min(before, after) }
    }

    /// Steady rounds whose probe times lie within `band` of the fastest of them.
    public struct Regime: Sendable, Equatable {
        /// The median probe time of its rounds.
        public var probe: Double
        /// Indices into `rounds`, in time order.
        public var rounds: [Int]
    }

    /// How far the probe may move within a steady round: above the noise of a few milliseconds'
    /// timing, below the smallest step between regimes seen (5 %).
    public static let steadiness = 0.02
    /// How far above a regime's fastest probe its rounds reach (regimes were seen 5 % apart and
    /// more, the probe steady within 0.1 % inside one).
    public static let band = 0.03

    public var rounds: [Round]

    public init(rounds: [Round]) { self.rounds = rounds }

    /// Rounds for about `seconds` in which each of `count` timers runs for `slice` seconds, in a
    /// shuffled turn (so that no timer always follows the same one), bracketed by the probe.
    /// `time(k, slice)` and `probe(slice)` run for about `slice` seconds and return seconds per point.
    public static func measure(count: Int, seconds: Double, slice: Double, seed: UInt64,
                               probe: (Double) -> Double, time: (Int, Double) -> Double) -> TimingRounds {
        var rng = SplitMix64(seed: seed)
        var rounds: [Round] = []
        let start = JacobianTimer.now()
        repeat {
            let before = probe(slice)
            var times = [Double](repeating: .nan, count: count)
            for k in (0..<count).shuffled(using: &rng) { times[k] = time(k, slice) }
            rounds.append(Round(before: before, after: probe(slice), seconds: times))
        } while JacobianTimer.now() - start < seconds
        return TimingRounds(rounds: rounds)
    }

    /// The steady rounds grouped into regimes, fastest first.
    public var regimes: [Regime] {
        let steady = rounds.indices.filter { rounds[$0].isSteady }.sorted { rounds[$0].probe < rounds[$1].probe }
        var groups: [[Int]] = []
        for k in steady {
            if let first = groups.last?.first, rounds[k].probe <= rounds[first].probe * (1 + Self.band) {
                groups[groups.count - 1].append(k)
            } else {
                groups.append([k])
            }
        }
        return groups.map { Regime(probe: JacobianTimer.median($0.map { rounds[$0].probe }), rounds: $0.sorted()) }
    }

    /// How many rounds the host kept one speed through (the rounds the regimes share out).
    public var steadyCount: Int { rounds.reduce(0) { $0 + ($1.isSteady ? 1 : 0) } }

    /// The regime the figures come from: the fastest one holding at least a tenth of the steady
    /// rounds (and three), the host at its least disturbed, which separate runs share most often;
    /// else the one holding most. Nil when no round was steady.
    public var chosen: Regime? {
        let (regimes, enough) = (self.regimes, max(3, steadyCount / 10))
        return regimes.first { $0.rounds.count >= enough } ?? regimes.max { $0.rounds.count < $1.rounds.count }
    }

    /// Each timer's median over the chosen regime's rounds, or over all rounds when none was steady.
    public var medians: [Double] { medians(of: chosen?.rounds ?? Array(rounds.indices)) }

    /// Each timer's median over the given rounds.
    public func medians(of indices: [Int]) -> [Double] {
        guard let first = rounds.first else { return [] }
        return first.seconds.indices.map { t in JacobianTimer.median(indices.map { rounds[$0].seconds[t] }) }
    }
}
