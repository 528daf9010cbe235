import Foundation

/// The arithmetic of Gumbel MuZero's policy improvement at one node, on plain arrays over the
/// node's legal actions: completed Q-values, their σ transform, the improved policy, and the
/// root and interior selection scores.
public enum GumbelMath {
    /// Softmax of `logits`.
    public static func softmax(_ logits: [Double]) -> [Double] {
        guard let m = logits.max() else { return [] }
        let e = logits.map { Foundation.exp($0 - m) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }

    /// The mixed value: (v̂ + ΣN · Σ_{N(a)>0} π(a)Q(a) / Σ_{N(a)>0} π(a)) / (ΣN + 1), with π the prior.
    public static func mixedValue(rawValue: Double, q: [Double], visits: [Int], prior: [Double]) -> Double {
        let total = visits.reduce(0, +)
        guard total > 0 else { return rawValue }
        var weighted = 0.0, mass = 0.0
        for a in q.indices where visits[a] > 0 {
            let p = max(prior[a], Double.leastNormalMagnitude)
            weighted += p * q[a]
            mass += p
        }
        return (rawValue + Double(total) * weighted / mass) / Double(total + 1)
    }

    /// Q(a) for visited actions, the mixed value for the others.
    public static func completedQ(rawValue: Double, q: [Double], visits: [Int], logits: [Double]) -> [Double] {
        let value = mixedValue(rawValue: rawValue, q: q, visits: visits, prior: softmax(logits))
        return q.indices.map { visits[$0] > 0 ? q[$0] : value }
    }

    /// σ(q̂) = (maxVisitInit + max N) · valueScale · q̂, with q̂ the completed Q min-max normalised to [0, 1].
    public static func sigma(completedQ: [Double], visits: [Int], settings: SearchSettings) -> [Double] {
        guard let lo = completedQ.min(), let hi = completedQ.max() else { return [] }
        let range = max(hi - lo, 1e-8)
        let factor = (settings.maxVisitInit + Double(visits.max() ?? 0)) * settings.valueScale
        return completedQ.map { factor * ($0 - lo) / range }
    }

    /// The improved policy softmax(logits + σ(completed Q)) — the search's policy target.
    public static func improvedPolicy(logits: [Double], sigma: [Double]) -> [Double] {
        softmax(zip(logits, sigma).map(+))
    }

    /// The interior selection score π'(a) − N(a)/(1 + ΣN); the search takes the first maximum.
    public static func interiorScores(improvedPolicy: [Double], visits: [Int]) -> [Double] {
        let total = Double(1 + visits.reduce(0, +))
        return improvedPolicy.indices.map { improvedPolicy[$0] - Double(visits[$0]) / total }
    }

    /// The root score g(a) + logit(a) − max logit + σ(a) for actions visited exactly `target` times
    /// (−∞ for the rest), floored at −1e9 as in mctx.
    public static func rootScores(gumbel: [Double], logits: [Double], sigma: [Double], visits: [Int], target: Int) -> [Double] {
        let top = logits.max() ?? 0
        return logits.indices.map {
            visits[$0] == target ? max(-1e9, gumbel[$0] + logits[$0] - top + sigma[$0]) : -.infinity
        }
    }

    /// The index of the first largest element.
    public static func argmax(_ x: [Double]) -> Int {
        var best = 0
        for i in x.indices where x[i] > x[best] { best = i }
        return best
    }
}
