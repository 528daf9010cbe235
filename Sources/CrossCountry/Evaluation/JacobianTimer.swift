import Foundation

/// Measures what a plan's Jacobian costs per point on this machine: evaluations of the whole batch
/// repeated for a few milliseconds, at points scattered within ±1 % of the trace point (so that
/// every value is finite and no two lanes are alike), in many short rounds classed by the host's
/// regime (`TimingRounds`), whose medians are the figures. The one place that times Jacobians:
/// `compare`'s measured column and the benchmarks read it.
///
/// The inputs and the Jacobian start on a cache line (64 bytes), as the generated code's vectors of
/// eight points expect, and move to another line within 256 KB before every slice of the rounds:
/// where code, stack and buffers fall in the address space changes the time of identical code by a
/// few per cent, differently for every order — two processes in the same regime of the host ranked
/// RobotArm_6DOF's orders alike at 0.59–0.98 while each agreed with itself at 0.99. Medians over
/// placements are what code placed at random costs (the buffers' share; code and stack stay
/// where the process put them, which `scripts/bench runtime` covers with several processes).
public struct JacobianTimer {
    public let plan: JacobianPlan
    /// The batch at which measured times are compared with predictions: large enough that the
    /// code runs on vectors of points, as it does for users with many points.
    public static let measuredBatch = 512
    let buffers: Buffers

    /// The timer's inputs and Jacobian, each on its own cache lines, with room to move.
    final class Buffers {
        /// The cache lines of 64 pages (256 KB): how far the buffers move. Not within one page only:
        /// the first-level cache's way predictor of AMD's cores hashes the address bits above it.
        static let lines = 4096
        static let line = 64 / MemoryLayout<Double>.stride
        let values: [Double]
        let inputSpace: UnsafeMutableBufferPointer<Double>
        let jacobianSpace: UnsafeMutableBufferPointer<Double>
        private(set) var inputs: UnsafeMutableBufferPointer<Double>
        private(set) var jacobian: UnsafeMutableBufferPointer<Double>

        init(inputs values: [Double], jacobianCount: Int) {
            func aligned(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
                let total = count + Self.lines * Self.line
                let raw = UnsafeMutableRawPointer.allocate(byteCount: total * MemoryLayout<Double>.stride, alignment: 64)
                return UnsafeMutableBufferPointer(start: raw.initializeMemory(as: Double.self, repeating: 0, count: total), count: total)
            }
            self.values = values
            inputSpace = aligned(values.count)
            jacobianSpace = aligned(jacobianCount)
            inputs = UnsafeMutableBufferPointer(rebasing: inputSpace[0..<values.count])
            jacobian = UnsafeMutableBufferPointer(rebasing: jacobianSpace[0..<jacobianCount])
            _ = inputs.update(fromContentsOf: values)
        }

        /// Puts the inputs and the Jacobian at the given cache lines of their spaces.
        func place(inputLine: Int, jacobianLine: Int) {
            let (i, j) = (inputLine * Self.line, jacobianLine * Self.line)
            inputs = UnsafeMutableBufferPointer(rebasing: inputSpace[i..<(i + values.count)])
            jacobian = UnsafeMutableBufferPointer(rebasing: jacobianSpace[j..<(j + jacobian.count)])
            _ = inputs.update(fromContentsOf: values)
        }

        /// Puts the inputs and the Jacobian at random cache lines of their spaces.
        func place<R: RandomNumberGenerator>(using rng: inout R) {
            place(inputLine: Int.random(in: 0..<Self.lines, using: &rng), jacobianLine: Int.random(in: 0..<Self.lines, using: &rng))
        }

        deinit {
            UnsafeMutableRawPointer(inputSpace.baseAddress!).deallocate()
            UnsafeMutableRawPointer(jacobianSpace.baseAddress!).deallocate()
        }
    }

    /// Moves the inputs and the Jacobian to random cache lines of their spaces.
    public mutating func place<R: RandomNumberGenerator>(using rng: inout R) { buffers.place(using: &rng) }

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
    /// turn (so that no timer always follows the same one) and placed anew, bracketed by the probe
    /// (which stays where it is), which tells which regime the host was in (`TimingRounds`).
    public static func rounds(_ timers: inout [JacobianTimer], probe: inout JacobianTimer, seconds: Double,
                              slice: Double = 0.002, seed: UInt64 = 5) -> TimingRounds {
        var placements = SplitMix64(seed: seed &+ 1)
        return TimingRounds.measure(count: timers.count, seconds: seconds, slice: slice, seed: seed,
                                    probe: { probe.secondsPerPoint(for: $0) },
                                    time: { k, slice in
                                        timers[k].place(using: &placements)
                                        return timers[k].secondsPerPoint(for: slice)
                                    })
    }

    /// Several timers' seconds per point within about `seconds` in all: medians over the rounds of
    /// one regime, the first timer's plan serving as the probe (with buffers of its own).
    public static func medians(_ timers: inout [JacobianTimer], seconds: Double) -> [Double] {
        guard let first = timers.first else { return [] }
        var probe = JacobianTimer(first.plan)
        return rounds(&timers, probe: &probe, seconds: seconds).medians
    }

    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
