import CrossCountry
import Foundation

/// Plays games straight from the policy, many at once with one batched network call per move:
/// greedily (the most likely legal vertex, ties to the lowest) or by sampling the masked softmax,
/// as PPO's rollouts do (then keeping each move's log-probability and value for training). On a
/// large graph the network chooses among the window of candidates the greedy prior ranks first,
/// kept current around each move, so a move costs what the window and the neighbourhood hold.
struct PolicyPlayer {
    let sample: Bool
    let recordExamples: Bool

    func play(
        _ games: [(graph: Int, seed: UInt64)], contexts: [GraphContext], evaluator: BatchEvaluator,
        shouldStop: () -> Bool, progress: ((Int) -> Void)? = nil
    ) -> [PlayedGame] {
        var states = games.map { contexts[$0.graph].start() }
        var windows = games.indices.map { i in
            contexts[games[i].graph].window.map { _ in RankedVertices(states[i], score: VertexFeatures.priorScore) }
        }
        var randoms = games.map { SplitMix64(seed: $0.seed) }
        var examples = [[TrainingExample]](repeating: [], count: games.count)
        var costs = [[Double]](repeating: [], count: games.count)
        while states.contains(where: { !$0.isFinished }) && !shouldStop() {
            let active = states.indices.filter { !states[$0].isFinished }
            let evaluations = evaluator.evaluate(active.map { i in
                (states[i], contexts[games[i].graph], contexts[games[i].graph].window.flatMap { windows[i]?.first($0) })
            })
            for (i, e) in zip(active, evaluations) {
                let choice = sample ? Self.draw(e.logits, &randoms[i]) : GumbelMath.argmax(e.logits)
                if recordExamples {
                    let context = contexts[games[i].graph]
                    var example = evaluator.encoder.example(states[i], context, policy: e.logits.map { _ in 0 })
                    let probabilities = GumbelMath.softmax(e.logits)
                    example.action = Self.token(ofLegal: choice, example.legal)
                    example.logProbability = Foundation.log(max(probabilities[choice], 1e-300))
                    example.valueEstimate = e.value / context.scale
                    examples[i].append(example)
                }
                let before = states[i].cost
                if windows[i] != nil {
                    windows[i]!.eliminate(e.legalVertices[choice], in: &states[i], score: VertexFeatures.priorScore)
                } else {
                    states[i].eliminate(e.legalVertices[choice])
                }
                costs[i].append(states[i].cost - before)
            }
            progress?(states.reduce(0) { $0 + $1.eliminated.count })
        }
        return games.indices.filter { states[$0].isFinished }.map { i in
            PlayedGame(graph: games[i].graph, order: states[i].eliminated, cost: states[i].cost, stepCosts: costs[i], examples: examples[i])
        }
    }

    /// Samples an index from softmax(logits).
    static func draw<G: RandomNumberGenerator>(_ logits: [Double], _ random: inout G) -> Int {
        let p = GumbelMath.softmax(logits)
        var u = Double.random(in: 0..<1, using: &random)
        for (i, q) in p.enumerated() {
            u -= q
            if u < 0 { return i }
        }
        return p.count - 1
    }

    /// The token index of the k-th legal token.
    static func token(ofLegal k: Int, _ legal: [Bool]) -> Int {
        var seen = -1
        for (t, isLegal) in legal.enumerated() where isLegal {
            seen += 1
            if seen == k { return t }
        }
        // Unreachable: k counts among the legal tokens this loop walks.
        preconditionFailure("fewer legal tokens than moves")
    }
}
