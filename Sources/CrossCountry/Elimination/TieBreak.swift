/// Which vertex a greedy heuristic takes when several score the same.
public enum TieBreak: String, Sendable, CaseIterable {
    /// The lowest vertex number (the paper's choice for Markowitz).
    case lowest
    /// The highest vertex number.
    case highest
}
