import Foundation

/// The training objectives and their derivatives with respect to the network's outputs for one
/// position: a masked softmax over the legal tokens' logits, and a value in transformed units.
enum Loss {
    /// What a loss term came to over a minibatch (sums; divide by the count for means).
    struct Totals: Sendable {
        var policy = 0.0, value = 0.0, entropy = 0.0, count = 0

        static func + (a: Totals, b: Totals) -> Totals {
            Totals(policy: a.policy + b.policy, value: a.value + b.value, entropy: a.entropy + b.entropy, count: a.count + b.count)
        }
    }

    /// How the policy is trained.
    enum PolicyObjective: Sendable {
        /// Cross-entropy to the search's improved policy (AlphaZero).
        case imitation
        /// PPO's clipped surrogate with an entropy bonus.
        case clipped(epsilon: Double, entropyWeight: Double)
    }

    /// Writes d(loss)/d(logit) for the tokens of one position (scaled by `weight`) and returns the
    /// policy loss and entropy. Illegal tokens get zero probability and zero gradient.
    static func policy(
        logits: UnsafePointer<Float>, example: TrainingExample, objective: PolicyObjective, weight: Double,
        into d: UnsafeMutablePointer<Float>
    ) -> (loss: Double, entropy: Double) {
        let n = example.tokenCount
        var top = -Double.infinity
        for t in 0..<n where example.legal[t] { top = max(top, Double(logits[t])) }
        var total = 0.0
        var p = [Double](repeating: 0, count: n)
        for t in 0..<n where example.legal[t] {
            p[t] = Foundation.exp(Double(logits[t]) - top)
            total += p[t]
        }
        let logTotal = Foundation.log(total)
        var entropy = 0.0
        for t in 0..<n where example.legal[t] {
            p[t] /= total
            if p[t] > 0 { entropy -= p[t] * (Double(logits[t]) - top - logTotal) }
        }
        for t in 0..<n { d[t] = 0 }
        switch objective {
        case .imitation:
            var loss = 0.0
            for t in 0..<n where example.legal[t] {
                let target = Double(example.policy[t])
                if target > 0 { loss -= target * (Double(logits[t]) - top - logTotal) }
                d[t] = Float(weight * (p[t] - target))
            }
            return (loss, entropy)
        case let .clipped(epsilon, entropyWeight):
            let a = example.action
            let logP = Double(logits[a]) - top - logTotal
            let ratio = Foundation.exp(logP - example.logProbability)
            let advantage = example.advantage
            let clipped = min(max(ratio, 1 - epsilon), 1 + epsilon)
            let loss = -min(ratio * advantage, clipped * advantage)
            // The unclipped term is active unless the ratio left the trust region in the advantage's direction.
            let active = !(advantage >= 0 && ratio > 1 + epsilon) && !(advantage < 0 && ratio < 1 - epsilon)
            let dLogP = active ? -advantage * ratio : 0
            for t in 0..<n where example.legal[t] {
                let logPt = Double(logits[t]) - top - logTotal
                var g = dLogP * ((t == a ? 1 : 0) - p[t])
                g += entropyWeight * p[t] * (logPt + entropy)
                d[t] = Float(weight * g)
            }
            return (loss - entropyWeight * entropy, entropy)
        }
    }
}
