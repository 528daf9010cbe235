import CrossCountry

/// What playing a graph with the network holds at its peak, estimated before the first move so
/// that a graph too large for it is refused with a message instead of exhausting memory. The
/// network attends over every live vertex, so an evaluated position holds tokens² scores per head
/// and layer; a search tree keeps a copy of the position per simulation; training keeps every
/// position it played, each with its tokens' features, for the replay.
public enum PlayMemory {
    /// The most policy-guided search and training hold unless told otherwise: the search's default.
    public static let defaultLimit = SearchOptions.defaultMaxMemory

    /// Bytes of one evaluated position of `tokens` live vertices: the attention's scores (and the
    /// square the backward pass reserves), per token the activations of every layer and head, and the
    /// pooled value head's.
    static func position(tokens n: Int, _ a: Architecture) -> Int? {
        let perToken = a.features + 10 * a.width + a.feedForward + 3 * a.headHidden + 2 + a.layers * (8 * a.width + 2 * a.feedForward + 2)
        let perPosition = 2 * a.width + a.features + 3 * a.headHidden + 1
        guard let square = Bounds.checkedProduct([n, n, a.heads * a.layers + 1]),
              let linear = Bounds.checkedProduct([n, perToken]) else { return nil }
        return Bounds.checkedProduct([Bounds.checkedSum([square, linear, perPosition]) ?? Int.max, MemoryLayout<Float>.stride])
    }

    /// Bytes of a Gumbel search with `simulations` per move on `context`'s graph, `games` at once:
    /// one evaluated position per game, and per tree node a position with its logits.
    static func search(_ context: GraphContext, simulations: Int, games: Int, _ a: Architecture) -> Int? {
        let n = context.game.vertexCount
        let node = Bounds.checkedSum([context.start().bytes, Bounds.checkedProduct([n, 2 * MemoryLayout<Double>.stride]) ?? Int.max])
        guard let evaluated = position(tokens: n, a), let node,
              let tree = Bounds.checkedProduct([games, simulations + 1, node]) else { return nil }
        return Bounds.checkedSum([Bounds.checkedProduct([games, evaluated]) ?? Int.max, tree])
    }

    /// Bytes of a training run on `context`'s graph: its games' searches, a learner's batch of
    /// positions, and the replay pool — every position of `replayIterations` iterations' games, a
    /// game's positions holding n, n − 1, … 1 tokens of features, legality and target.
    static func training(_ context: GraphContext, _ s: TrainingSettings, _ a: Architecture) -> Int? {
        let n = context.game.vertexCount
        let perToken = (a.features + 2) * MemoryLayout<Float>.stride
        guard let played = search(context, simulations: s.search.simulations, games: s.gamesPerIteration, a),
              let learner = position(tokens: n, a).flatMap({ Bounds.checkedProduct([s.batchSize, $0]) }),
              let replay = Bounds.checkedProduct([s.replayIterations, s.gamesPerIteration, n, n + 1, perToken]) else { return nil }
        return Bounds.checkedSum([played, learner, replay / 2])
    }

    /// Throws unless `bytes` fits `limit`; `work` names what would not fit ("policy-guided search
    /// on RoeFlux_1d"), `reason` what grows, `otherwise` what the user can do instead.
    static func check(_ bytes: Int?, limit: Int, _ work: String, reason: String, otherwise: String) throws(AgentError) {
        if let bytes, bytes <= limit { return }
        let needed = bytes.map { "about " + SearchError.bytes($0) } ?? "more bytes than a 64-bit number counts"
        throw .tooLarge("\(work) would hold \(needed) (\(reason)), more than the memory limit of \(SearchError.bytes(limit)) "
            + "(raise it with --max-memory, or max_memory: in a script); \(otherwise)")
    }
}
