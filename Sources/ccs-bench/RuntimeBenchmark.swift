import CrossCountry
import Foundation

/// Which cost model tracks the time of the generated code: over random elimination orders of
/// RoeFlux_1d, RobotArm_6DOF and an MLP, each order's native Jacobian timed per point at a batch of
/// 512, and the Spearman rank correlation between each model's predictions and the measured times.
/// All 60 orders take turns, shuffled, in short rounds over one window of a minute or more, each
/// round bracketed by a probe (RoeFlux_1d's forward order), and the figures come from the rounds of
/// one regime of the host (`TimingRounds`): the host runs the same code at a few distinct speeds,
/// and the ratios between orders change with them. The rank correlation between the medians of
/// the regime's odd and even rounds is how well the run agrees with itself, about the most any
/// model can show.
enum RuntimeBenchmark {
    static let orderCount = 20
    static let batch = 512

    static func run(seconds: Double) throws {
        let models: [CostModel] = [.paper, .code, .runtime]
        let graphs = try JacobianBenchmark.traced(["RoeFlux_1d", "RobotArm_6DOF"]) + [try BenchGraphs.perceptron()]
        func timer(_ g: NumericGraph, _ order: [Int]) throws -> JacobianTimer {
            let plan = try g.plan(order: order, batchSize: batch, backend: .native)
            guard plan.backend == .native else { throw BenchError("\(g.graph.name): no native plan (\(plan.nativeNote ?? "?"))") }
            return JacobianTimer(plan)
        }
        var orders: [[[Int]]] = []
        var timers: [JacobianTimer] = []
        for g in graphs {
            var rng = SplitMix64(seed: 7)
            orders.append((0..<orderCount).map { _ in g.graph.eliminableVertices.shuffled(using: &rng) })
            timers += try orders.last!.map { try timer(g, $0) }
        }
        var probe = try timer(graphs[0], try EliminationGame(graphs[0].graph).forwardOrder)
        let window = max(60, 60 * seconds)
        let timing = JacobianTimer.rounds(&timers, probe: &probe, seconds: window)
        let regimes = timing.regimes
        guard let chosen = timing.chosen else { throw BenchError("no round was steady: the probe moved by more than \(TimingRounds.steadiness) within every round") }
        let steady = regimes.reduce(0) { $0 + $1.rounds.count }
        print("\(timing.rounds.count) rounds in \(Harness.format(window)) s, \(timing.rounds.count - steady) unsteady (the probe moved by more than \(Harness.format(100 * TimingRounds.steadiness)) %);")
        print("regimes by the probe (RoeFlux_1d forward, µs per \(batch) points), * the one the figures come from")
        print(TextTable(header: ["regime", "probe µs", "rounds"], rows: regimes.enumerated().map { k, regime in
            ["\(k + 1)\(regime == chosen ? " *" : "")", Harness.format(regime.probe * Double(batch) * 1e6, digits: 2), "\(regime.rounds.count)"]
        }).text)
        print()
        // Regimes with enough rounds for medians: each ranks the orders by itself.
        let ranked = regimes.filter { $0.rounds.count >= max(3, steady / 10) }
        var summary: [[String]] = []
        for (i, g) in graphs.enumerated() {
            let columns = (i * orderCount)..<((i + 1) * orderCount)
            let games = try models.map { try EliminationGame(g, model: $0) }
            let predictions = try games.map { game in try orders[i].map { try game.cost(of: $0).total } }
            func measured(_ rounds: [Int]) -> [Double] { Array(timing.medians(of: rounds)[columns]) }
            let times = measured(chosen.rounds)
            let rows = orders[i].indices.map { k in
                ["\(k + 1)"] + predictions.map { Harness.format($0[k], digits: 0) } + [Harness.format(times[k] * 1e9, digits: 2)]
            }
            print("\(g.graph.name): \(orderCount) random orders, native ns per point at \(batch) points (medians of regime \(regimes.firstIndex(of: chosen)! + 1))")
            print(TextTable(header: ["order"] + models.map(\.name) + ["measured ns"], rows: rows).text)
            print()
            for regime in ranked {
                let times = measured(regime.rounds)
                let halves = [0, 1].map { h in measured(regime.rounds.enumerated().filter { $0.offset % 2 == h }.map(\.element)) }
                summary.append([g.graph.name, "\(regimes.firstIndex(of: regime)! + 1)\(regime == chosen ? " *" : "")"]
                    + predictions.map { Harness.format(spearman($0, times), digits: 3) }
                    + [Harness.format(spearman(halves[0], halves[1]), digits: 3),
                       Harness.format(times.min()! * 1e9, digits: 1) + "–" + Harness.format(times.max()! * 1e9, digits: 1)])
            }
        }
        print("Spearman rank correlation of each model's prediction with the measured time (1 ranks alike), per regime;")
        print("halves: the correlation of the regime's odd and even rounds, about the most a model can show")
        print(TextTable(header: ["graph", "regime"] + models.map(\.name) + ["halves", "measured ns range"], rows: summary).text)
    }

    /// Spearman's ρ: the Pearson correlation of the ranks (ties share their mean rank).
    static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        func ranks(_ v: [Double]) -> [Double] {
            let sorted = v.indices.sorted { v[$0] < v[$1] }
            var r = [Double](repeating: 0, count: v.count)
            var i = 0
            while i < sorted.count {
                var j = i
                while j + 1 < sorted.count, v[sorted[j + 1]] == v[sorted[i]] { j += 1 }
                for k in i...j { r[sorted[k]] = Double(i + j) / 2 }
                i = j + 1
            }
            return r
        }
        let a = ranks(x), b = ranks(y)
        let n = Double(a.count), ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for k in a.indices {
            sab += (a[k] - ma) * (b[k] - mb)
            saa += (a[k] - ma) * (a[k] - ma)
            sbb += (b[k] - mb) * (b[k] - mb)
        }
        return saa == 0 || sbb == 0 ? .nan : sab / (saa * sbb).squareRoot()
    }
}
