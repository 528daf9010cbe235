import Foundation

/// Measures what a plan's Jacobian costs per point on this machine: evaluations of the whole batch
/// repeated for a while, at points scattered within ±1 % of the trace point (so that every value is
/// finite and no two lanes are alike), in rounds whose median is the figure. The one place that
/// times Jacobians: `compare`'s measured column and the benchmarks read it.
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

    /// Seconds per point of evaluations repeated for about `duration` seconds (at least eight).
    public mutating func secondsPerPoint(for duration: Double) -> Double {
        let (plan, inputs, jacobian) = (self.plan, UnsafeBufferPointer(buffers.inputs), buffers.jacobian)
        var calls = 0
        let start = Self.now()
        repeat {
            for _ in 0..<8 { try? plan.evaluate(inputs: inputs, jacobian: jacobian) }
            calls += 8
        } while Self.now() - start < duration
        return (Self.now() - start) / Double(calls * plan.batchSize)
    }

    /// Whether the Jacobian at the timing points is finite everywhere (a NaN can make code slower).
    public mutating func isFinite() -> Bool {
        _ = secondsPerPoint(for: 0)
        return buffers.jacobian.allSatisfy(\.isFinite)
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
