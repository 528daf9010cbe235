/// How far building a Jacobian plan has come, for a status line: the phase, its units done of all
/// (eliminations while compiling the plan, plan instructions while generating C; none while the C
/// compiler runs, which tells nothing until it ends) and the seconds the phase has run.
public struct PlanProgress: Sendable, Equatable, CustomStringConvertible {
    public enum Phase: String, Sendable {
        case plan = "compiling the plan"
        case generation = "generating C"
        case compilation = "compiling C"
    }

    public let phase: Phase
    public let done: Int
    public let total: Int
    public let seconds: Double

    /// "generating C · instruction 5,000 of 80,000 · 3 s"; a compilation shows its seconds alone.
    public var description: String {
        let seconds = "\(Int(self.seconds)) s"
        guard total > 0 else { return "\(phase.rawValue) · \(seconds)" }
        let unit = phase == .plan ? "step" : "instruction"
        return "\(phase.rawValue) · \(unit) \(done) of \(total) · \(seconds)"
    }
}
