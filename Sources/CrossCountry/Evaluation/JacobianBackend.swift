/// What computes a plan's Jacobians.
public enum JacobianBackend: String, Sendable, CaseIterable {
    /// C generated for the (graph, order) pair, compiled by the system compiler and cached
    /// (`JacobianSource`, `NativeCache`); falls back to the interpreter when that cannot be had.
    case native
    /// The plan's kernel calls run in-process: the fallback, and the oracle native code is tested against.
    case interpreter
}
