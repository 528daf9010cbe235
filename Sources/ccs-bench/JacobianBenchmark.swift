import CrossCountry

/// Jacobian evaluation through compiled plans, per elimination order, for graphs traced with the
/// builder: time per point at batch 1 and batch 512, against the primal evaluation of the same plan
/// (the baseline), and the orders' cost ratios against their runtime ratios.
enum JacobianBenchmark {
    static let batches = [1, 512]

    struct Measurement {
        var order: String
        var paper: Double
        var exact: Double
        /// Seconds per point for the Jacobian and for the primal alone, per batch size.
        var jacobian: [Double]
        var primal: [Double]
    }

    static func run(seconds: Double) throws {
        var table: [[String]] = []
        var ratios: [[String]] = []
        for g in [try BenchGraphs.roeFlux(), try BenchGraphs.perceptron()] {
            let game = try EliminationGame(g.graph)
            let orders = [("forward", game.forwardOrder), ("reverse", game.reverseOrder), ("Markowitz", game.markowitzOrder())]
            var measurements = try orders.map { name, order in
                Measurement(order: name, paper: try game.cost(of: order).total, exact: try g.exactCost(of: order).total, jacobian: [], primal: [])
            }
            for batch in batches {
                let timers = try orders.map { try Timer(g, order: $0.1, batch: batch) }
                // Rounds alternate between the orders, so that a change of machine load hits all alike.
                var jacobian = [[Double]](repeating: [], count: timers.count), primal = jacobian
                for _ in 0..<rounds {
                    for (i, timer) in timers.enumerated() {
                        jacobian[i].append(try timer.jacobianSeconds(for: seconds / Double(2 * rounds * timers.count)))
                        primal[i].append(try timer.primalSeconds(for: seconds / Double(2 * rounds * timers.count)))
                    }
                }
                for i in timers.indices {
                    measurements[i].jacobian.append(Harness.median(jacobian[i]))
                    measurements[i].primal.append(Harness.median(primal[i]))
                }
            }
            for m in measurements {
                table.append([g.graph.name, m.order, Tensor.format(m.paper), Tensor.format(m.exact)] + batches.indices.flatMap { i in
                    [Harness.format(m.jacobian[i] * 1e6, digits: 2), Harness.format(m.jacobian[i] / m.primal[i], digits: 1) + "×"]
                })
            }
            let forward = measurements[0]
            for m in measurements.dropFirst() {
                ratios.append([g.graph.name, "\(m.order)/forward", Harness.format(m.exact / forward.exact, digits: 3)]
                    + batches.indices.map { Harness.format(m.jacobian[$0] / forward.jacobian[$0], digits: 3) })
            }
        }
        print(TextTable(header: ["graph", "order", "paper", "exact", "µs/Jacobian B=1", "vs primal", "µs/point B=512", "vs primal"],
                        rows: table).text)
        print()
        print(TextTable(header: ["graph", "orders", "exact cost ratio", "time ratio B=1", "time ratio B=512"], rows: ratios).text)
    }

    static let rounds = 9

    /// A plan with its buffers at a batch of points near the trace point.
    struct Timer {
        let plan: JacobianPlan
        let batch: Int
        var inputs: [Double]

        init(_ g: NumericGraph, order: [Int], batch: Int) throws {
            plan = try g.plan(order: order, batchSize: batch)
            self.batch = batch
            var rng = SplitMix64(seed: 3)
            inputs = [Double](repeating: 0, count: plan.inputCount * batch)
            for (i, value) in g.inputValues.enumerated() {
                for (e, x) in value.scalars.enumerated() {
                    for b in 0..<batch { inputs[(plan.inputOffsets[i] + e) * batch + b] = x * (1 + Double.random(in: -0.01...0.01, using: &rng)) }
                }
            }
        }

        /// Seconds per point of Jacobian evaluations repeated for about `duration` seconds.
        func jacobianSeconds(for duration: Double) throws -> Double {
            var jacobian = [Double](repeating: 0, count: plan.jacobianCount * batch)
            let seconds = try repeatedly(for: duration) { () throws(EvaluationError) in try plan.evaluate(inputs: inputs, jacobian: &jacobian) }
            precondition(jacobian.allSatisfy(\.isFinite), "the benchmark point gives a finite Jacobian")
            return seconds
        }

        /// Seconds per point of primal evaluations (the same plan's primal program).
        func primalSeconds(for duration: Double) throws -> Double {
            var outputs = [Double](repeating: 0, count: plan.outputCount * batch)
            return try inputs.withUnsafeBufferPointer { i in
                try outputs.withUnsafeMutableBufferPointer { o in
                    try repeatedly(for: duration) { () throws(EvaluationError) in try plan.evaluateOutputs(inputs: i, outputs: o) }
                }
            }
        }

        private func repeatedly(for duration: Double, _ body: () throws(EvaluationError) -> Void) throws(EvaluationError) -> Double {
            try body()
            var calls = 0
            let start = Harness.now()
            repeat {
                for _ in 0..<8 { try body() }
                calls += 8
            } while Harness.now() - start < duration
            return (Harness.now() - start) / Double(calls * batch)
        }
    }
}
