import CrossCountry
import Foundation

/// Which cost model tracks the time of the generated code: over random elimination orders of
/// RoeFlux_1d, RobotArm_6DOF and an MLP, each order's native Jacobian timed per point at a batch of
/// 512 (orders taking turns round by round, medians), and the Spearman rank correlation between
/// each model's predictions and the mean of three measurements. The least rank correlation between
/// two of the measurements is the ceiling noise leaves any model.
enum RuntimeBenchmark {
    static let orderCount = 20
    static let batch = 512
    static let measurements = 3

    static func run(seconds: Double) throws {
        let models: [CostModel] = [.paper, .code, .runtime]
        let graphs = try JacobianBenchmark.traced(["RoeFlux_1d", "RobotArm_6DOF"]) + [try BenchGraphs.perceptron()]
        var summary: [[String]] = []
        for g in graphs {
            let games = try models.map { try EliminationGame(g, model: $0) }
            var rng = SplitMix64(seed: 7)
            let orders = (0..<orderCount).map { _ in g.graph.eliminableVertices.shuffled(using: &rng) }
            var timers = try orders.map { order in
                let plan = try g.plan(order: order, batchSize: batch, backend: .native)
                guard plan.backend == .native else { throw BenchError("\(g.graph.name): no native plan (\(plan.nativeNote ?? "?"))") }
                return JacobianTimer(plan)
            }
            // Three measurements: on this 2-core machine the other core's work slows some orders more
            // than others, so two measurements back to back can agree better than two runs do; the
            // least agreement of any two of three is the ceiling reported.
            let runs = (0..<measurements).map { _ in JacobianTimer.medians(&timers, rounds: 25, seconds: max(6, 6 * seconds)) }
            let measured = orders.indices.map { k in runs.reduce(0) { $0 + $1[k] } / Double(runs.count) }
            var agreement = 1.0
            for a in runs.indices {
                for b in runs.indices where b > a { agreement = min(agreement, spearman(runs[a], runs[b])) }
            }
            let predictions = try games.map { game in try orders.map { try game.cost(of: $0).total } }
            var rows: [[String]] = []
            for k in orders.indices {
                rows.append(["\(k + 1)"] + predictions.map { Harness.format($0[k], digits: 0) }
                            + runs.map { Harness.format($0[k] * 1e9, digits: 1) })
            }
            print("\(g.graph.name): \(orderCount) random orders, native ns per point at \(batch) points")
            print(TextTable(header: ["order"] + models.map(\.name) + ["measured ns"] + (1..<measurements).map { _ in "again" }, rows: rows).text)
            print()
            summary.append([g.graph.name] + predictions.map { Harness.format(spearman($0, measured), digits: 3) }
                + [Harness.format(agreement, digits: 3),
                   Harness.format(measured.min()! * 1e9, digits: 1) + "–" + Harness.format(measured.max()! * 1e9, digits: 1)])
        }
        print("Spearman rank correlation of each model's prediction with the measured time (1 ranks alike);")
        print("measured \(measurements)×: the least correlation of two measurements, about the most a model can show")
        print(TextTable(header: ["graph"] + models.map(\.name) + ["measured \(measurements)×", "measured ns range"], rows: summary).text)
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
