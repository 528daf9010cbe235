import CrossCountry

/// Gumbel AlphaZero: every iteration plays a batch of games with Gumbel search before every move,
/// then takes gradient steps on positions drawn from the last few iterations — cross-entropy to
/// the search's improved policy plus the value error against the transformed Monte-Carlo return.
/// With `bestOrderReplay`, the positions of the cheapest order found so far on each graph join the
/// pool with the move taken as a one-hot target (self-imitation), so the greedy policy learns to
/// play what the search found. On the extra random programs, whose games are too few to find much,
/// the positions of a short annealing search's order join the pool the same way (a search teacher).
enum AlphaZeroTraining {
    static func run(_ session: TrainingSession) {
        let player = GumbelPlayer(settings: session.settings.search, recordExamples: true)
        let shouldStop = session.shouldStopNow
        var replay: [[TrainingExample]] = []
        var imitation = [(cost: Double, examples: [TrainingExample])?](repeating: nil, count: session.contexts.count)
        while !session.isFinished {
            let extra = RandomPrograms.contexts(session.settings.randomGames, model: session.model, random: &session.random)
            let contexts = session.contexts + extra
            let games = session.nextGames() + extra.indices.map { (session.contexts.count + $0, session.random.next()) }
            let played = session.playInParallel(games) { games, evaluator, found in
                player.play(games, contexts: contexts, evaluator: evaluator, shouldStop: shouldStop, onFinished: found)
            }
            let fresh = played.flatMap(\.examples) + teacherExamples(extra, session)
            replay.append(fresh)
            if replay.count > session.settings.replayIterations { replay.removeFirst() }
            if session.settings.bestOrderReplay {
                for (g, best) in session.best.enumerated() {
                    guard let best, imitation[g]?.cost != best.cost else { continue }
                    imitation[g] = (best.cost, examples(of: best.order, contexts[g], session.evaluators[0].encoder))
                }
            }
            let pool = replay.flatMap { $0 } + imitation.flatMap { $0?.examples ?? [] }
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

extension AlphaZeroTraining {
    /// One-hot examples along the order that `teacherRounds` rounds of annealing (from the best
    /// heuristic order, so never worse than forward, reverse or Markowitz) find on each random
    /// program; the programs split over the worker threads.
    static func teacherExamples(_ programs: [GraphContext], _ session: TrainingSession) -> [TrainingExample] {
        let rounds = session.settings.teacherRounds
        guard rounds > 0, !programs.isEmpty else { return [] }
        let seeds = programs.map { _ in session.random.next() }
        let threads = min(session.evaluators.count, programs.count)
        var shares = [[TrainingExample]](repeating: [], count: threads)
        let stop = session.stop
        Parallel.forEach(&shares) { t, share in
            for i in stride(from: t, to: programs.count, by: threads) {
                let options = SearchOptions(seconds: .infinity, method: .annealing, seed: seeds[i], chains: 1, rounds: rounds)
                // Random programs are small: a search on one always fits the default memory limit.
                guard let found = try? programs[i].game.search(options, stop: stop) else { continue }
                share += examples(of: found.order, programs[i], session.evaluators[t].encoder)
            }
        }
        return shares.flatMap { $0 }
    }

    /// The positions along an order from where players start (its dead vertices taken first), each
    /// with its move as a one-hot target and the exact remaining cost.
    static func examples(of order: [Int], _ context: GraphContext, _ encoder: FeatureEncoder) -> [TrainingExample] {
        var state = context.start()
        var examples: [TrainingExample] = []
        for v in order where !state.isEliminated(v) {
            _ = encoder.tokens(state, context)
            let legal = zip(encoder.vertices, encoder.legal).filter(\.1).map(\.0)
            var example = encoder.example(state, context, policy: legal.map { $0 == v ? 1 : 0 })
            example.normalizedReturn = state.cost
            examples.append(example)
            state.eliminate(v)
        }
        for i in examples.indices { examples[i].normalizedReturn = (examples[i].normalizedReturn - state.cost) / context.scale }
        return examples
    }
}
