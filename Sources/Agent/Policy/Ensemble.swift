extension Policy {
    /// One policy whose networks are all of `policies`' (an ensemble's members count singly): at
    /// each move they vote by their mean log-probabilities, so a move one member rates far below
    /// the others loses. Independently trained policies err in different places, which is what
    /// the vote removes. The members must share architecture, value transform and cost model; the
    /// record joins theirs, keeping per graph the cheapest order any of them found.
    public static func ensemble(_ policies: [Policy]) throws(AgentError) -> Policy {
        guard let first = policies.first else { throw .invalidEnsemble("it needs at least one policy") }
        for (i, p) in policies.enumerated().dropFirst() {
            if p.architecture != first.architecture {
                throw .invalidEnsemble("policy \(i + 1) is \(p.architecture), policy 1 is \(first.architecture)")
            }
            if p.valueTransform != first.valueTransform {
                throw .invalidEnsemble("policy \(i + 1) uses value transform \(p.valueTransform.rawValue), policy 1 \(first.valueTransform.rawValue)")
            }
            if p.record.model != first.record.model {
                throw .invalidEnsemble("policy \(i + 1) was trained under the cost model '\(p.record.model)', policy 1 under '\(first.record.model)'")
            }
        }
        var joined = Policy(members: policies.flatMap(\.members), valueTransform: first.valueTransform,
                            record: TrainingRecord(joining: policies.map(\.record)))
        joined.costModel = first.costModel
        return joined
    }
}

extension TrainingRecord {
    /// The record of an ensemble: the members' graphs in first-seen order, games, time and sessions
    /// summed, the first member's seed and cost model, and per graph the cheapest order of any member.
    init(joining records: [TrainingRecord]) {
        self.init()
        var algorithms: [String] = []
        for r in records {
            if !r.algorithm.isEmpty && !algorithms.contains(r.algorithm) { algorithms.append(r.algorithm) }
            for g in r.graphs where !graphs.contains(g) { graphs.append(g) }
            games += r.games
            seconds += r.seconds
            sessions += r.sessions
            for b in r.best {
                if let i = best.firstIndex(where: { $0.graph == b.graph }) {
                    if b.cost < best[i].cost { best[i] = b }
                } else {
                    best.append(b)
                }
            }
        }
        algorithm = algorithms.joined(separator: "+")
        seed = records.first?.seed ?? 0
        model = records.first?.model ?? model
    }
}
