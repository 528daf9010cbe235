import CrossCountry
import Foundation

/// Which cost model tracks the time of the generated code: over random elimination orders of
/// RoeFlux_1d, RobotArm_6DOF and an MLP, each order's native Jacobian timed per point at a batch of
/// 512, and the Spearman rank correlation between each model's predictions and the measured times.
/// The times are medians over several processes: where the system places a process's code and
/// stack changes the time of identical code by a few per cent, differently for every order, so one
/// process agrees with itself (0.99) far better than with the next (0.59–0.98 on RobotArm_6DOF).
/// In each process all 60 orders take turns, shuffled and their buffers moved, in short rounds
/// bracketed by a probe (RoeFlux_1d's forward order), and its figures come from the rounds of one
/// regime of the host (`TimingRounds`); the figures are medians over the processes of one regime,
/// chosen among the processes by the same rules. The agreement of the medians of two halves of those processes
/// is about the most any model can show.
enum RuntimeBenchmark {
    static let orderCount = 20
    static let batch = 512
    static let processes = 16

    static func graphs() throws -> [NumericGraph] {
        try JacobianBenchmark.traced(["RoeFlux_1d", "RobotArm_6DOF"]) + [try BenchGraphs.perceptron()]
    }

    /// The random orders of a graph (the same in every process).
    static func orders(_ g: NumericGraph) -> [[Int]] {
        var rng = SplitMix64(seed: 7)
        return (0..<orderCount).map { _ in g.graph.eliminableVertices.shuffled(using: &rng) }
    }

    /// What one process measured: its regime's probe and every order's seconds per point.
    struct Process {
        var probe: Double
        var rounds: Int
        var steady: Int
        var times: [Double]
    }

    static func run(seconds: Double) throws {
        let models: [CostModel] = [.paper, .code, .runtime]
        let graphs = try graphs()
        let window = max(12, 12 * seconds)
        let all = try (0..<processes).map { _ in try child(seconds: window) }
        let timing = processRounds(all)
        let used = timing.chosen?.rounds ?? Array(all.indices)
        print("\(processes) processes of \(Harness.format(window)) s each; the probe (RoeFlux_1d forward, µs per \(batch) points) of the regime each took its figures from;")
        print("the figures are medians over the \(used.count) processes of one regime, chosen among processes as a process chooses among its rounds (TimingRounds)")
        print(TextTable(header: ["process", "probe µs", "rounds", "steady", "used"], rows: all.enumerated().map { k, p in
            ["\(k + 1)", Harness.format(p.probe * Double(batch) * 1e6, digits: 2), "\(p.rounds)", "\(p.steady)", used.contains(k) ? "yes" : "no"]
        }).text)
        print()
        var summary: [[String]] = []
        for (i, g) in graphs.enumerated() {
            let columns = (i * orderCount)..<((i + 1) * orderCount)
            /// Each order's median over the given processes.
            func medians(_ group: [Int]) -> [Double] { Array(timing.medians(of: group)[columns]) }
            let orders = orders(g)
            let predictions = try models.map { model in
                let game = try EliminationGame(g, model: model)
                return try orders.map { try game.cost(of: $0).total }
            }
            let times = medians(used)
            let rows = orders.indices.map { k in
                ["\(k + 1)"] + predictions.map { Harness.format($0[k], digits: 0) } + [Harness.format(times[k] * 1e9, digits: 2)]
            }
            print("\(g.graph.name): \(orderCount) random orders, native ns per point at \(batch) points (medians of \(used.count) processes)")
            print(TextTable(header: ["order"] + models.map(\.name) + ["measured ns"], rows: rows).text)
            print()
            var pairs: [Double] = []
            for (n, a) in used.enumerated() {
                for b in used[(n + 1)...] { pairs.append(spearman(medians([a]), medians([b]))) }
            }
            let halves = [0, 1].map { h in medians(used.enumerated().filter { $0.offset % 2 == h }.map(\.element)) }
            // One process alone has no second to agree with.
            let agreement = pairs.min().map { Harness.format($0, digits: 3) + "–" + Harness.format(pairs.max()!, digits: 3) } ?? "–"
            summary.append([g.graph.name] + predictions.map { Harness.format(spearman($0, times), digits: 3) }
                + [agreement, Harness.format(spearman(halves[0], halves[1]), digits: 3),
                   Harness.format(times.min()! * 1e9, digits: 1) + "–" + Harness.format(times.max()! * 1e9, digits: 1)])
        }
        print("Spearman rank correlation of each model's prediction with the measured time (1 ranks alike);")
        print("two processes: how far two processes' figures agree; halves: the medians of the odd and the even processes")
        print(TextTable(header: ["graph"] + models.map(\.name) + ["two processes", "halves", "measured ns range"], rows: summary).text)
    }

    /// The processes as rounds of `TimingRounds`, each with its own probe, so that the chosen
    /// regime's rounds are the processes whose figures come from one regime of the host — the
    /// fastest that enough processes saw. The host's regimes rank RobotArm_6DOF's orders
    /// differently, so a median over processes in two regimes mixes two rankings.
    static func processRounds(_ processes: [Process]) -> TimingRounds {
        TimingRounds(rounds: processes.map { TimingRounds.Round(before: $0.probe, after: $0.probe, seconds: $0.times) })
    }

    /// One process's measurement, in a child process of this executable (`runtime-process`).
    static func child(seconds: Double) throws -> Process {
        let process = Foundation.Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["runtime-process", "--seconds", "\(seconds)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let fields = text.split(separator: "\n").filter { $0.hasPrefix("runtime-process ") }.map { $0.split(separator: " ").dropFirst() }
        guard process.terminationStatus == 0, fields.count == 2, fields[0].count == 3,
              let probe = Double(fields[0][fields[0].startIndex]), let rounds = Int(fields[0][fields[0].startIndex + 1]),
              let steady = Int(fields[0][fields[0].startIndex + 2]) else {
            throw BenchError("the runtime benchmark's child process failed: \(text)")
        }
        let times = fields[1].compactMap { Double($0) }
        guard times.count == 3 * orderCount else { throw BenchError("the runtime benchmark's child process gave \(times.count) times") }
        return Process(probe: probe, rounds: rounds, steady: steady, times: times)
    }

    /// The child's side: every order of every graph timed for `seconds` in rounds; prints the
    /// chosen regime's probe, the rounds and the steady ones, then each order's seconds per point.
    static func runProcess(seconds: Double) throws {
        let graphs = try graphs()
        func timer(_ g: NumericGraph, _ order: [Int]) throws -> JacobianTimer {
            let plan = try g.plan(order: order, batchSize: batch, backend: .native)
            guard plan.backend == .native else { throw BenchError("\(g.graph.name): no native plan (\(plan.nativeNote ?? "?"))") }
            return JacobianTimer(plan)
        }
        var timers = try graphs.flatMap { g in try orders(g).map { try timer(g, $0) } }
        var probe = try timer(graphs[0], try EliminationGame(graphs[0].graph).forwardOrder)
        let timing = JacobianTimer.rounds(&timers, probe: &probe, seconds: seconds)
        guard let chosen = timing.chosen else { throw BenchError("no round was steady: the probe moved by more than \(TimingRounds.steadiness) within every round") }
        print("runtime-process \(chosen.probe) \(timing.rounds.count) \(timing.steadyCount)")
        print("runtime-process " + timing.medians.map { "\($0)" }.joined(separator: " "))
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
