import Foundation

/// Measures what a plan's Jacobian costs per point on this machine: evaluations of the whole batch
/// repeated for a while, at points scattered within ±1 % of the trace point (so that every value is
/// finite and no two lanes are alike), in rounds whose median is the figure. The one place that
/// times Jacobians: `compare`'s measured column and the benchmarks read it.
public struct JacobianTimer {
    public let plan: JacobianPlan
    /// The batch at which measured times are compared with predictions: large enough that the
    /// code runs on vectors of points, as it does for users with many points.
    public static let measuredBatch = 512
    private let inputs: [Double]
    private var jacobian: [Double]

    public init(_ plan: JacobianPlan, seed: UInt64 = 3) {
        self.plan = plan
        let batch = plan.batchSize
        var rng = SplitMix64(seed: seed)
        var inputs = [Double](repeating: 0, count: plan.inputCount * batch)
        for (i, value) in plan.graph.inputValues.enumerated() {
            for (e, x) in value.scalars.enumerated() {
                for b in 0..<batch { inputs[(plan.inputOffsets[i] + e) * batch + b] = x * (1 + Double.random(in: -0.01...0.01, using: &rng)) }
            }
        }
        self.inputs = inputs
        jacobian = [Double](repeating: 0, count: plan.jacobianCount * batch)
    }

    /// Seconds on a monotonic clock.
    public static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// Seconds per point of evaluations repeated for about `duration` seconds (at least eight).
    public mutating func secondsPerPoint(for duration: Double) -> Double {
        let plan = self.plan
        return inputs.withUnsafeBufferPointer { i in
            jacobian.withUnsafeMutableBufferPointer { j in
                var calls = 0
                let start = Self.now()
                repeat {
                    for _ in 0..<8 { try? plan.evaluate(inputs: i, jacobian: j) }
                    calls += 8
                } while Self.now() - start < duration
                return (Self.now() - start) / Double(calls * plan.batchSize)
            }
        }
    }

    /// Whether the Jacobian at the timing points is finite everywhere (a NaN can make code slower).
    public mutating func isFinite() -> Bool {
        _ = secondsPerPoint(for: 0)
        return jacobian.allSatisfy(\.isFinite)
    }

    /// The median of several timers' seconds per point, the timers taking turns round by round so
    /// that a change of load hits all alike; `seconds` is the whole budget.
    public static func medians(_ timers: inout [JacobianTimer], rounds: Int = 7, seconds: Double) -> [Double] {
        guard !timers.isEmpty else { return [] }
        var samples = [[Double]](repeating: [], count: timers.count)
        let slice = seconds / Double(rounds * timers.count)
        for _ in 0..<rounds {
            for k in timers.indices { samples[k].append(timers[k].secondsPerPoint(for: slice)) }
        }
        return samples.map(median)
    }

    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
