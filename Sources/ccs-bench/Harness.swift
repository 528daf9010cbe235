import Foundation

/// Timing helpers: wall-clock medians over repeated runs.
enum Harness {
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// Runs `body` (which performs `work` units) repeatedly for about `seconds`, split into `rounds`
    /// rounds, and returns the median units per second.
    static func rate(seconds: Double = 1.0, rounds: Int = 5, _ body: () -> Int) -> Double {
        var rates: [Double] = []
        for _ in 0..<rounds {
            let start = now()
            var units = 0
            repeat { units += body() } while now() - start < seconds / Double(rounds)
            rates.append(Double(units) / (now() - start))
        }
        return median(rates)
    }

    /// The median time of one call of `body`, over `repetitions` calls after one warm-up.
    static func time(repetitions: Int, _ body: () -> Void) -> Double {
        body()
        var times: [Double] = []
        for _ in 0..<repetitions {
            let start = now()
            body()
            times.append(now() - start)
        }
        return median(times)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func format(_ x: Double, digits: Int = 0) -> String { String(format: "%.\(digits)f", x) }
}
