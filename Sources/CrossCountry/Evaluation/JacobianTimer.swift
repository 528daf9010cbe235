import Foundation

/// Measures what a plan's Jacobian costs per point on this machine: evaluations of the whole batch
/// repeated for a few milliseconds, at points scattered within ±1 % of the trace point (so that
/// every value is finite and no two lanes are alike), in many short rounds classed by the host's
/// regime (`TimingRounds`), whose medians are the figures. The one place that times Jacobians:
/// `compare`'s measured column and the benchmarks read it.
///
/// The inputs and the Jacobian start on a cache line (64 bytes), as the generated code's vectors of
/// eight points expect: arrays start wherever the allocator puts them, and timers of identical code
/// then differed by where their buffers fell across cache lines, not by their orders.
public struct JacobianTimer {
    public let plan: JacobianPlan
    /// The batch at which measured times are compared with predictions: large enough that the
    /// code runs on vectors of points, as it does for users with many points.
    public static let measuredBatch = 512
    private let buffers: Buffers

    /// The timer's inputs and Jacobian, each on its own cache lines.
    private final class Buffers {
        let inputs: UnsafeMutableBufferPointer<Double>
        let jacobian: UnsafeMutableBufferPointer<Double>

        init(inputs: [Double], jacobianCount: Int) {
            func aligned(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
                let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Double>.stride, alignment: 64)
                return UnsafeMutableBufferPointer(start: raw.initializeMemory(as: Double.self, repeating: 0, count: max(count, 1)), count: count)
            }
            self.inputs = aligned(inputs.count)
            _ = self.inputs.update(fromContentsOf: inputs)
            jacobian = aligned(jacobianCount)
        }

        deinit {
            UnsafeMutableRawPointer(inputs.baseAddress!).deallocate()
            UnsafeMutableRawPointer(jacobian.baseAddress!).deallocate()
        }
    }

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
        buffers = Buffers(inputs: inputs, jacobianCount: plan.jacobianCount * batch)
    }

    /// Seconds on a monotonic clock.
    public static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// Seconds per point of evaluations repeated for about `duration` seconds. The clock costs tens
    /// of nanoseconds: read after every evaluation of a large batch (microseconds and more, so that
    /// a slice of a few milliseconds holds even a slow plan), after every eight of a small one.
    public mutating func secondsPerPoint(for duration: Double) -> Double {
        let (plan, inputs, jacobian) = (self.plan, UnsafeBufferPointer(buffers.inputs), buffers.jacobian)
        let chunk = plan.batchSize >= 64 ? 1 : 8
        var calls = 0
        let start = Self.now()
        var end = start
        repeat {
            for _ in 0..<chunk { try? plan.evaluate(inputs: inputs, jacobian: jacobian) }
            calls += chunk
            end = Self.now()
        } while end - start < duration
        return (end - start) / Double(calls * plan.batchSize)
    }

    /// Whether the Jacobian at the timing points is finite everywhere (a NaN can make code slower).
    public mutating func isFinite() -> Bool {
        _ = secondsPerPoint(for: 0)
        return buffers.jacobian.allSatisfy(\.isFinite)
    }

    /// Rounds for about `seconds` in which every timer runs for `slice` seconds, in a shuffled
    /// turn (so that no timer always follows the same one), bracketed by the probe, which tells
    /// which regime the host was in (`TimingRounds`).
    public static func rounds(_ timers: inout [JacobianTimer], probe: inout JacobianTimer, seconds: Double,
                              slice: Double = 0.002, seed: UInt64 = 5) -> TimingRounds {
        var rng = SplitMix64(seed: seed)
        var rounds: [TimingRounds.Round] = []
        let start = now()
        repeat {
            let before = probe.secondsPerPoint(for: slice)
            var times = [Double](repeating: .nan, count: timers.count)
            for k in timers.indices.shuffled(using: &rng) { times[k] = timers[k].secondsPerPoint(for: slice) }
            rounds.append(TimingRounds.Round(before: before, after: probe.secondsPerPoint(for: slice), seconds: times))
        } while now() - start < seconds
        return TimingRounds(rounds: rounds)
    }

    /// Several timers' seconds per point within about `seconds` in all: medians over the rounds of
    /// one regime, the first timer serving as the probe.
    public static func medians(_ timers: inout [JacobianTimer], seconds: Double) -> [Double] {
        guard var probe = timers.first else { return [] }
        return rounds(&timers, probe: &probe, seconds: seconds).medians
    }

    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
