/// How `search` looks for a cheap elimination order.
public enum SearchMethod: String, CaseIterable, Sendable {
    /// Every heuristic, an exact attempt on small graphs, then simulated annealing.
    case auto
    /// The best of the greedy and rule-based heuristics (`Heuristic`), both tie-breaks.
    case heuristics
    /// Beam search over positions ranked by the cost of finishing them with the best heuristic,
    /// widening (1, 2, 4, …) until time runs out.
    case beam
    /// Simulated annealing over orders, one chain per thread, restarting each round from the best order.
    case annealing
    /// Best-first search with lower bounds and memoised positions: proves the optimum when it
    /// finishes, and otherwise raises the lower bound.
    case exact
}
