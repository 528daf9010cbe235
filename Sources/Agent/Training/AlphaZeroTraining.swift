/// Gumbel AlphaZero: every iteration plays a batch of games with Gumbel search before every move,
/// then takes gradient steps on positions drawn from the last few iterations — cross-entropy to
/// the search's improved policy plus the value error against the transformed Monte-Carlo return.
enum AlphaZeroTraining {
    static func run(_ session: TrainingSession) {
        let player = GumbelPlayer(settings: session.settings.search, recordExamples: true)
        let contexts = session.contexts, shouldStop = session.shouldStopNow
        var replay: [[TrainingExample]] = []
        while !session.isFinished {
            let played = session.playInParallel(session.nextGames()) { games, evaluator, found in
                player.play(games, contexts: contexts, evaluator: evaluator, shouldStop: shouldStop, onFinished: found)
            }
            let fresh = played.flatMap(\.examples)
            replay.append(fresh)
            if replay.count > session.settings.replayIterations { replay.removeFirst() }
            let pool = replay.flatMap { $0 }
            var totals = Loss.Totals()
            if !pool.isEmpty && !session.isFinished {
                let batch = min(session.settings.batchSize, pool.count)
                let steps = max(1, Int((Double(fresh.count) * session.settings.replayRatio / Double(batch)).rounded()))
                for _ in 0..<steps where !session.stop.isRaised {
                    let sample = (0..<batch).map { _ in pool[Int.random(in: 0..<pool.count, using: &session.random)] }
                    totals = totals + session.step(sample, objective: .imitation)
                }
                session.publish()
            }
            session.endIteration(played, losses: totals)
        }
    }
}
