import Foundation
import Dispatch

/// Runs independent pieces of work on the machine's cores and collects their results in order,
/// so that parallel runs stay reproducible.
enum Parallel {
    /// Worker threads ccs uses for games and gradients (the cores, at most 8).
    static let threads = max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))

    static func map<R>(_ count: Int, _ body: @Sendable (Int) -> R) -> [R] {
        guard count > 1 else { return (0..<count).map(body) }
        let results = Results<R>(count)
        DispatchQueue.concurrentPerform(iterations: count) { i in results.set(i, body(i)) }
        return results.values
    }

    /// Slots written by exactly one worker each.
    private final class Results<R>: @unchecked Sendable {
        private let slots: UnsafeMutablePointer<R?>
        private let count: Int
        init(_ count: Int) {
            self.count = count
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil, count: count)
        }
        deinit {
            slots.deinitialize(count: count)
            slots.deallocate()
        }
        func set(_ i: Int, _ value: R) { slots[i] = value }
        var values: [R] { (0..<count).map { slots[$0]! } }
    }
}
