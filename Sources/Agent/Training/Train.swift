import CrossCountry

/// Trains a policy on one or more graphs jointly (games take the graphs in turn) until the budget
/// is spent or `stop` is raised, and returns the policy with the cheapest order found per graph
/// and the training curve; games are priced, and rewarded, under `model`, which the policy records.
/// Resuming continues from a saved policy's weights and record. With a
/// games budget the run is reproducible from its seed; `progress` is called after every iteration
/// on the calling thread. `traced` gives graphs their traced values, which models that read the
/// partials (`exact`, `code`, `runtime`) need.
public func train(
    _ graphs: [ComputationalGraph], traced: [NumericGraph?] = [], model: CostModel = .paper, algorithm: TrainingAlgorithm = .alphaZero, budget: TrainingBudget,
    seed: UInt64 = 1, resume: Policy? = nil, settings: TrainingSettings = TrainingSettings(), stop: StopFlag = .never,
    progress: ((TrainingProgress) -> Void)? = nil
) throws(AgentError) -> TrainingResult {
    let session = try TrainingSession(graphs: graphs, traced: traced, model: model, algorithm: algorithm, budget: budget, seed: seed, resume: resume,
                                      settings: settings, stop: stop, progress: progress)
    switch algorithm {
    case .alphaZero: AlphaZeroTraining.run(session)
    case .ppo: PPOTraining.run(session)
    }
    return session.result()
}
