@testable import Agent
import CrossCountry
import Foundation
import Testing

/// The training objectives' derivatives against finite differences, and PPO's advantages by hand.
@Suite struct LossTests {
    static func example(action: Int = 2, logProbability: Double = -1.2, advantage: Double = 0.7) -> TrainingExample {
        TrainingExample(features: [], legal: [true, false, true, true, false, true], policy: [0.1, 0, 0.6, 0.2, 0, 0.1],
                        normalizedReturn: 0, action: action, logProbability: logProbability, advantage: advantage)
    }

    static func check(_ objective: Loss.PolicyObjective, _ example: TrainingExample) {
        let logits: [Float] = [0.3, -0.7, 1.1, -0.2, 2.0, 0.05]
        var d = [Float](repeating: 9, count: 6)
        _ = logits.withUnsafeBufferPointer { l in
            d.withUnsafeMutableBufferPointer { Loss.policy(logits: l.baseAddress!, example: example, objective: objective, weight: 1, into: $0.baseAddress!) }
        }
        func loss(_ x: [Float]) -> Double {
            var scratch = [Float](repeating: 0, count: 6)
            return x.withUnsafeBufferPointer { l in
                scratch.withUnsafeMutableBufferPointer {
                    Loss.policy(logits: l.baseAddress!, example: example, objective: objective, weight: 1, into: $0.baseAddress!).loss
                }
            }
        }
        let h: Float = 1e-2
        for t in 0..<6 {
            var plus = logits, minus = logits
            plus[t] += h
            minus[t] -= h
            let numeric = (loss(plus) - loss(minus)) / Double(2 * h)
            #expect(abs(numeric - Double(d[t])) < 2e-4, "token \(t): \(numeric) vs \(d[t])")
            if !example.legal[t] { #expect(d[t] == 0) }
        }
    }

    @Test func crossEntropyGradient() { Self.check(.imitation, Self.example()) }

    @Test func clippedSurrogateGradient() {
        // Inside the trust region, and outside it in the advantage's direction (no policy gradient, only entropy).
        Self.check(.clipped(epsilon: 0.2, entropyWeight: 0.01), Self.example(logProbability: -1.2))
        Self.check(.clipped(epsilon: 0.2, entropyWeight: 0.01), Self.example(logProbability: -3, advantage: 0.7))
        Self.check(.clipped(epsilon: 0.2, entropyWeight: 0), Self.example(logProbability: -0.2, advantage: -1.5))
    }

    @Test func advantagesByHand() {
        var game = PlayedGame(graph: 0, order: [1, 2, 3], cost: 10, stepCosts: [2, 3, 5], examples: [])
        game.examples = [-9.0, -8, -4].map { v in
            var e = Self.example()
            e.valueEstimate = v
            return e
        }
        // δ = (−2 − 8 + 9, −3 − 4 + 8, −5 + 0 + 4) = (−1, 1, −1); λ = ½: A = (−0.75, 0.5, −1).
        let half = PPOTraining.advantages(game, scale: 1, lambda: 0.5)
        #expect(half.map(\.advantage) == [-0.75, 0.5, -1])
        #expect(half.map(\.normalizedReturn) == [-9.75, -7.5, -5])
        // λ = 1: the advantage is the Monte-Carlo return minus the value; the target is the return.
        let full = PPOTraining.advantages(game, scale: 2, lambda: 1)
        #expect(full.map(\.normalizedReturn) == [-5, -4, -2.5])
    }
}
