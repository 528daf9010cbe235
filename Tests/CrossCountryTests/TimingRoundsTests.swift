@testable import CrossCountry
import Testing

/// The timing protocol's logic on made-up rounds (nothing is timed): rounds in which the probe
/// moved are dropped, the rest grouped into regimes by the probe, and the figures are the medians
/// of the fastest regime with enough rounds — so that a run spent mostly in a slow regime, where
/// the orders rank differently, still reports the fast regime's ranking.
@Suite struct TimingRoundsTests {
    /// Two timers whose order flips between regimes: in the fast one (probe 10) the first is
    /// faster, in the slow one (probe 20) the second. Noise of ±0.5 % on every time.
    static func rounds(fast: Int, slow: Int, unsteady: Int, seed: UInt64 = 1) -> [TimingRounds.Round] {
        var rng = SplitMix64(seed: seed)
        func noisy(_ x: Double) -> Double { x * (1 + Double.random(in: -0.005...0.005, using: &rng)) }
        var rounds: [TimingRounds.Round] = []
        for _ in 0..<fast { rounds.append(.init(before: noisy(10), after: noisy(10), seconds: [noisy(1.0), noisy(1.2)])) }
        for _ in 0..<slow { rounds.append(.init(before: noisy(20), after: noisy(20), seconds: [noisy(2.6), noisy(2.2)])) }
        // The regime changed within these rounds: the probe was fast before and slow after.
        for _ in 0..<unsteady { rounds.append(.init(before: noisy(10), after: noisy(20), seconds: [noisy(0.1), noisy(9)])) }
        rounds.shuffle(using: &rng)
        return rounds
    }

    @Test func theFastestRegimeWithEnoughRoundsGivesTheFigures() throws {
        let timing = TimingRounds(rounds: Self.rounds(fast: 12, slow: 40, unsteady: 8))
        let regimes = timing.regimes
        #expect(regimes.count == 2)
        #expect(regimes.map(\.rounds.count) == [12, 40])
        #expect(abs(regimes[0].probe - 10) < 0.1 && abs(regimes[1].probe - 20) < 0.2)
        let chosen = try #require(timing.chosen)
        #expect(chosen == regimes[0])
        // Every chosen round is one of the fast ones, in time order.
        #expect(chosen.rounds.allSatisfy { abs(timing.rounds[$0].before - 10) < 0.1 && abs(timing.rounds[$0].after - 10) < 0.1 })
        #expect(chosen.rounds == chosen.rounds.sorted())
        let medians = timing.medians
        #expect(abs(medians[0] - 1.0) < 0.01 && abs(medians[1] - 1.2) < 0.012)
        // Over all rounds the slow regime's ranking would win: the classing is what keeps it out.
        let all = timing.medians(of: Array(timing.rounds.indices))
        #expect(all[0] > all[1])
    }

    /// A fastest regime of too few rounds for a median is passed over for the next.
    @Test func aRareFastRegimeIsPassedOver() throws {
        let timing = TimingRounds(rounds: Self.rounds(fast: 2, slow: 40, unsteady: 0))
        #expect(timing.regimes.map(\.rounds.count) == [2, 40])
        #expect(try #require(timing.chosen) == timing.regimes[1])
        #expect(timing.medians[0] > timing.medians[1])
    }

    /// Regimes 5 % apart are told apart; a round whose probe moved by 1 % is still steady.
    @Test func regimesFivePercentApartAreSeparate() {
        let rounds = (0..<30).map { k in
            let probe = k % 3 == 0 ? 12.4 : 13.0
            return TimingRounds.Round(before: probe, after: probe * 1.01, seconds: [probe])
        }
        let timing = TimingRounds(rounds: rounds)
        #expect(timing.regimes.map(\.rounds.count) == [10, 20])
        #expect(timing.chosen?.rounds == Array(stride(from: 0, to: 30, by: 3)))
    }

    /// With no steady round the figures are medians of all rounds; with no round, none.
    @Test func withoutSteadyRoundsEveryRoundCounts() {
        let timing = TimingRounds(rounds: Self.rounds(fast: 0, slow: 0, unsteady: 5))
        #expect(timing.regimes.isEmpty && timing.chosen == nil)
        #expect(abs(timing.medians[0] - 0.1) < 0.001)
        #expect(TimingRounds(rounds: []).medians.isEmpty)
    }

    /// `measure` times every timer once per round, in a turn that changes from round to round,
    /// bracketed by the probe; on a simulated host that spends a quarter of the time in a fast regime where
    /// the timers rank the other way, its figures are the fast regime's.
    @Test func measureTakesTurnsBracketedByTheProbe() {
        var calls = 0
        var turns: Set<[Int]> = []
        var turn: [Int] = []
        var probes = 0
        // The host's regime changes every 40 calls, fast for one period in four.
        func fast() -> Bool { (calls / 40) % 4 == 0 }
        let timing = TimingRounds.measure(count: 3, seconds: 0.05, slice: 0, seed: 7, probe: { _ in
            calls += 1
            probes += 1
            if turn.count == 3 { turns.insert(turn) }
            turn = []
            return fast() ? 10 : 20
        }, time: { k, _ in
            calls += 1
            turn.append(k)
            return fast() ? [1.0, 1.1, 1.2][k] : [2.6, 2.4, 2.2][k]
        })
        #expect(timing.rounds.count > 20)
        #expect(probes == 2 * timing.rounds.count)
        #expect(timing.rounds.allSatisfy { $0.seconds.count == 3 && !$0.seconds.contains { $0.isNaN } })
        #expect(turns.count == 6, "every order of three timers comes up: \(turns)")
        #expect(timing.medians == [1.0, 1.1, 1.2])
    }
}
