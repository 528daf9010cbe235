/// PPO: every iteration samples a batch of games from the masked policy, computes GAE advantages
/// (γ = 1, with V(s_t) the value of the position the move was made in — the paper's code shifted
/// them by one step), then takes clipped-surrogate steps over shuffled minibatches with
/// per-minibatch advantage normalisation and an entropy bonus.
enum PPOTraining {
    static func run(_ session: TrainingSession) {
        let player = PolicyPlayer(sample: true, recordExamples: true)
        let contexts = session.contexts, shouldStop = session.shouldStopNow
        let s = session.settings
        let objective = Loss.PolicyObjective.clipped(epsilon: s.clipRange, entropyWeight: s.entropyWeight)
        while !session.isFinished {
            let played = session.playInParallel(session.nextGames()) { games, evaluator, found in
                let played = player.play(games, contexts: contexts, evaluator: evaluator, shouldStop: shouldStop)
                for game in played {
                    var state = contexts[game.graph].game.start()
                    for v in game.order { state.eliminate(v) }
                    found(game.graph, state)
                }
                return played
            }
            var examples: [TrainingExample] = []
            for game in played {
                examples += advantages(game, scale: contexts[game.graph].scale, lambda: s.gaeLambda)
            }
            var totals = Loss.Totals()
            if !examples.isEmpty && !session.isFinished {
                let parts = min(s.ppoMinibatches, examples.count)
                for _ in 0..<s.ppoEpochs where !session.stop.isRaised {
                    examples.shuffle(using: &session.random)
                    for part in 0..<parts where !session.stop.isRaised {
                        var batch = Array(examples[(part * examples.count / parts)..<((part + 1) * examples.count / parts)])
                        normalizeAdvantages(&batch)
                        totals = totals + session.step(batch, objective: objective)
                    }
                }
                session.publish()
            }
            session.endIteration(played, losses: totals)
        }
    }

    /// GAE(λ) with γ = 1 in units of the graph's cost scale: δ_t = r_t + V(s_{t+1}) − V(s_t) with
    /// V = 0 after the last move; the value target is A_t + V(s_t).
    static func advantages(_ game: PlayedGame, scale: Double, lambda: Double) -> [TrainingExample] {
        var examples = game.examples
        var next = 0.0, running = 0.0
        for t in stride(from: examples.count - 1, through: 0, by: -1) {
            let reward = -Double(game.stepCosts[t]) / scale
            let value = examples[t].valueEstimate
            let delta = reward + next - value
            running = delta + lambda * running
            examples[t].advantage = running
            examples[t].normalizedReturn = running + value
            next = value
        }
        return examples
    }

    static func normalizeAdvantages(_ batch: inout [TrainingExample]) {
        let n = Double(batch.count)
        let mean = batch.reduce(0) { $0 + $1.advantage } / n
        let variance = batch.reduce(0) { $0 + ($1.advantage - mean) * ($1.advantage - mean) } / n
        let sd = variance.squareRoot() + 1e-8
        for i in batch.indices { batch[i].advantage = (batch[i].advantage - mean) / sd }
    }
}
