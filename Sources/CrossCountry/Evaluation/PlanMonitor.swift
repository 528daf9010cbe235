/// Watches a plan being built, phase by phase: polls the stop flag (Ctrl-C) between units of work,
/// holds what the plan and its generated code may occupy to the memory limit, and reports a phase
/// that has run for over a second, at most ten times a second — shorter phases leave no trace.
final class PlanMonitor {
    /// Why building stopped early.
    enum Stop: Error {
        case interrupted
        /// `needed` bytes (an estimate made before allocating) would pass the limit.
        case memory(needed: Int)
    }

    let stop: StopFlag
    /// The most bytes the plan and its generated code may occupy.
    let maxMemory: Int
    private let report: ((PlanProgress) -> Void)?
    private var phase = PlanProgress.Phase.plan
    private var total = 0
    private var started = ContinuousClock.now
    private var lastReport = ContinuousClock.now

    init(stop: StopFlag = .never, maxMemory: Int = SearchOptions.defaultMaxMemory, report: ((PlanProgress) -> Void)? = nil) {
        self.stop = stop
        self.maxMemory = maxMemory
        self.report = report
    }

    /// A monitor that never stops, limits or reports (plans built for their costs alone).
    static var unlimited: PlanMonitor { PlanMonitor(maxMemory: .max) }

    /// Starts a phase of `total` units (0: a phase that cannot count its work).
    func begin(_ phase: PlanProgress.Phase, total: Int) {
        self.phase = phase
        self.total = total
        started = .now
        lastReport = started
    }

    /// Between two units of work: throws when a stop was asked for or `bytes` would pass the
    /// limit, and reports the phase when a report is due.
    func poll(_ done: Int, bytes: Int = 0) throws(Stop) {
        if stop.isRaised { throw .interrupted }
        if bytes > maxMemory { throw .memory(needed: bytes) }
        guard let report else { return }
        let now = ContinuousClock.now
        guard (now - started).seconds >= 1, (now - lastReport).seconds >= 0.1 else { return }
        lastReport = now
        report(PlanProgress(phase: phase, done: done, total: total, seconds: (now - started).seconds))
    }
}
