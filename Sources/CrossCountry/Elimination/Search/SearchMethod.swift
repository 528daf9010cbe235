/// How `search` looks for a cheap elimination order.
public enum SearchMethod: String, CaseIterable, Sendable {
    /// Every heuristic, then simulated annealing.
    case auto
    /// The best of the greedy and rule-based heuristics (`Heuristic`), both tie-breaks.
    case heuristics
    /// Simulated annealing over orders, one chain per thread, restarting each round from the best order.
    case annealing
}
