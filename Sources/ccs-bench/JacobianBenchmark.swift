import CrossCountry
import Foundation
import Script

/// Jacobian evaluation per elimination order on the paper's tasks and an MLP: the interpreter plan
/// and the native (compiled C) plan side by side, time per point at batch 1 and batch 512, with the
/// order's paper cost and the multiplications its generated code performs; then, per order, how
/// much of the multiplication saving against forward mode shows in the time; last, what compiling
/// and loading a cached library costs on each of the paper's ten tasks.
enum JacobianBenchmark {
    static let batches = [1, 512]
    static let backends: [JacobianBackend] = [.interpreter, .native]

    struct Measurement {
        var order: String
        var paper: Double
        /// Multiplications per point of the generated code (its operation counts).
        var code: Int
        var compileSeconds: Double
        /// Seconds to make the same plan again, its library cached (generating the C to find it included).
        var cachedSeconds: Double
        /// Seconds per point, indexed [batch][backend].
        var seconds: [[Double]]
    }

    /// The tasks the table covers: the four scalar tasks of the peer comparison, RoeFlux_3d, and
    /// an MLP traced by the builder.
    static func graphs() throws -> [NumericGraph] {
        try traced(["RoeFlux_1d", "RobotArm_6DOF", "HumanHeartDipole", "PropaneCombustion", "RoeFlux_3d"]) + [try BenchGraphs.perceptron()]
    }

    /// Stdlib tasks traced at their points (`stdlib/tasks/FILE.ccs`'s `traced`).
    static func traced(_ files: [String]) throws -> [NumericGraph] {
        guard let stdlib = PaperGraphs.standardLibrary() else { throw BenchError("cannot find the stdlib folder") }
        let session = Session(write: { _ in })
        return try files.map { task in
            let result = session.run("use(\"\(stdlib)/tasks/\(task).ccs\").traced", name: task)
            if let error = result.error { throw BenchError(error.description) }
            guard case let .graph(g)? = result.values.last, let numeric = g.numeric else { throw BenchError("\(task) traces no graph") }
            return numeric
        }
    }

    /// A cache of its own, so that compile times are measured, not libraries found from earlier runs.
    static func freshCache() -> String {
        let folder = NSTemporaryDirectory() + "ccs-bench-cache-\(getpid())"
        setenv("XDG_CACHE_HOME", folder, 1)
        return folder
    }

    static func run(seconds: Double) throws {
        let cache = freshCache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        var table: [[String]] = []
        var ratios: [[String]] = []
        for g in try graphs() {
            let game = try EliminationGame(g.graph)
            let best = try game.search(SearchOptions(seconds: 2, method: .annealing, seed: 1)).order
            let orders = [("forward", game.forwardOrder), ("reverse", game.reverseOrder), ("Markowitz", game.markowitzOrder()), ("searched", best)]
            var measurements: [Measurement] = []
            var timers: [[[Timer]]] = []  // [order][batch][backend]
            for (name, order) in orders {
                let perBatch = try batches.map { batch in try backends.map { try Timer(g, order: order, batch: batch, backend: $0) } }
                let native = perBatch[0][1].plan
                guard native.backend == .native, let counts = native.operationCounts else {
                    throw BenchError("\(g.graph.name) \(name): no native plan (\(native.nativeNote ?? "?"))")
                }
                let start = Harness.now()
                _ = try g.plan(order: order, batchSize: 1, backend: .native)
                measurements.append(Measurement(order: name, paper: try game.cost(of: order).total, code: counts.multiplications,
                                                compileSeconds: native.compileSeconds ?? 0, cachedSeconds: Harness.now() - start, seconds: []))
                timers.append(perBatch)
            }
            for b in batches.indices {
                // Rounds alternate between orders and backends, so that a change of load hits all alike.
                var samples = [[[Double]]](repeating: [[Double]](repeating: [], count: backends.count), count: orders.count)
                let slice = seconds / Double(rounds * orders.count * backends.count)
                for _ in 0..<rounds {
                    for o in orders.indices {
                        for k in backends.indices { samples[o][k].append(timers[o][b][k].jacobianSeconds(for: slice)) }
                    }
                }
                for o in orders.indices { measurements[o].seconds.append(samples[o].map(Harness.median)) }
            }
            for m in measurements {
                table.append([g.graph.name, m.order, Tensor.format(m.paper), "\(m.code)"] + batches.indices.flatMap { b in
                    [Harness.format(m.seconds[b][0] * 1e6, digits: 3), Harness.format(m.seconds[b][1] * 1e9, digits: 1)]
                } + [Harness.format(m.compileSeconds, digits: 2), Harness.format(m.cachedSeconds * 1e3, digits: 1)])
            }
            let forward = measurements[0]
            for m in measurements.dropFirst() {
                ratios.append([g.graph.name, "\(m.order)/forward", Harness.format(m.paper / forward.paper, digits: 3),
                               Harness.format(Double(m.code) / Double(forward.code), digits: 3)]
                    + batches.indices.map { Harness.format(m.seconds[$0][1] / forward.seconds[$0][1], digits: 3) })
            }
        }
        print(TextTable(header: ["graph", "order", "paper", "code mul", "interp µs B=1", "native ns B=1",
                                 "interp µs/pt 512", "native ns/pt 512", "compile s", "cached ms"], rows: table).text)
        print()
        print(TextTable(header: ["graph", "orders", "paper ratio", "code ratio", "native time ratio B=1", "native time ratio 512"],
                        rows: ratios).text)
        print()
        try compileTimes()
    }

    /// `compileTimes()` alone, in a cache of its own.
    static func runCompileTimes() throws {
        let cache = freshCache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        try compileTimes()
    }

    /// Compiling each paper task's Markowitz plan at one point (the one-point library) and at 512
    /// points (the vector library), and making the first again from the cache.
    static func compileTimes() throws {
        var rows: [[String]] = []
        for g in try traced(["RoeFlux_1d", "RoeFlux_3d", "RobotArm_6DOF", "HumanHeartDipole", "PropaneCombustion", "BlackScholes",
                             "f", "g", "Perceptron", "Encoder"]) {
            let order = try EliminationGame(g.graph).markowitzOrder()
            // The compiled plans go before the cached ones are made, so that each loads its library afresh.
            let row = try { () throws -> [String] in
                let plan = try g.plan(order: order, batchSize: 1, backend: .native)
                let vectors = try g.plan(order: order, batchSize: 512, backend: .native)
                let backend = [plan, vectors].first { $0.backend != .native }.map { "interpreter: \($0.nativeNote ?? "")" } ?? "native"
                return [g.graph.name, backend, "\(plan.operationCounts?.total ?? 0)", Harness.format(plan.compileSeconds ?? 0, digits: 2),
                        Harness.format(vectors.compileSeconds ?? 0, digits: 2)]
            }()
            let cached = Harness.time(repetitions: 5) { _ = try? g.plan(order: order, batchSize: 1, backend: .native) }
            rows.append(row + [Harness.format(cached * 1e3, digits: 1)])
        }
        print(TextTable(header: ["task (Markowitz)", "backend", "operations/point", "compile s B=1", "compile s B=512", "cached ms"],
                        rows: rows).text)
    }

    static let rounds = 9

    /// A plan with its buffers at a batch of points near the trace point (`JacobianTimer`).
    struct Timer {
        var timer: JacobianTimer
        var plan: JacobianPlan { timer.plan }

        init(_ g: NumericGraph, order: [Int], batch: Int, backend: JacobianBackend) throws {
            timer = JacobianTimer(try g.plan(order: order, batchSize: batch, backend: backend))
            precondition(timer.isFinite(), "the benchmark point gives a finite Jacobian")
        }

        /// Seconds per point of Jacobian evaluations repeated for about `duration` seconds.
        mutating func jacobianSeconds(for duration: Double) -> Double { timer.secondsPerPoint(for: duration) }
    }
}
