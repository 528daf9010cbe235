import Synchronization

/// A request to stop a long computation early (a search, a training run), shared between the code
/// that runs it and whoever may interrupt it — the REPL's Ctrl-C handler, a deadline, a test.
///
/// Long loops poll `isRaised` between units of work and return their best result so far.
public final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    public init() {}

    /// Whether a stop was requested.
    public var isRaised: Bool { raised.load(ordering: .relaxed) }

    /// Asks the computation to stop; safe from any thread.
    public func raise() { raised.store(true, ordering: .relaxed) }

    /// Clears the request before the next computation.
    public func reset() { raised.store(false, ordering: .relaxed) }

    /// A flag nobody raises, for callers with nothing to interrupt.
    public static let never = StopFlag()
}
