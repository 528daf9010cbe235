import Foundation

/// How the network's value output relates to a return. Returns are first divided by the graph's
/// cost scale (its cheapest baseline), so values from graphs of very different cost share one
/// range, then squashed by h; `inverse` is the exact inverse of h. (The paper's code inverted
/// symlog as sign(x)·exp(|x|−1), which is not its inverse; ccs uses sign(x)·(exp|x|−1).)
public enum ValueTransform: String, Sendable, CaseIterable {
    /// h(x) = x.
    case identity
    /// DreamerV3's symlog: h(x) = sign(x)·ln(|x|+1).
    case symlog
    /// R2D2's h(x) = sign(x)(√(|x|+1) − 1) + εx with ε = 0.001.
    case r2d2

    static let epsilon = 0.001

    public func callAsFunction(_ x: Double) -> Double {
        switch self {
        case .identity: return x
        case .symlog: return x < 0 ? -log1p(-x) : log1p(x)
        case .r2d2: return (x < 0 ? -1 : 1) * ((abs(x) + 1).squareRoot() - 1) + Self.epsilon * x
        }
    }

    public func inverse(_ y: Double) -> Double {
        switch self {
        case .identity: return y
        case .symlog: return y < 0 ? -expm1(-y) : expm1(y)
        case .r2d2:
            // Solve h(x) = y in closed form (Pohlen et al. 2018).
            let e = Self.epsilon
            let root = ((1 + 4 * e * (abs(y) + 1 + e)).squareRoot() - 1) / (2 * e)
            return (y < 0 ? -1 : 1) * (root * root - 1)
        }
    }
}
