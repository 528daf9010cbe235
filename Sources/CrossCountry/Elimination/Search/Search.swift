extension EliminationGame {
    /// Looks for the cheapest elimination order under the game's cost model within the options'
    /// budget, using both cores, and returns the best order found with a lower bound on the optimum
    /// where the model has one (`CostModel.hasLowerBound`; exact search needs it and is skipped
    /// without). A raised `stop` ends the search early with the best order so far; `progress` is
    /// called on the calling thread when the best order improves or a phase starts.
    public func search(
        _ options: SearchOptions, stop: StopFlag = .never, progress: ((SearchProgress) -> Void)? = nil
    ) throws(SearchError) -> SearchResult {
        // The least a search holds: the starting position and a working copy.
        let position = start().bytes
        guard 2 * position <= options.maxMemory else {
            throw .memory(needed: 2 * position, limit: options.maxMemory, what: "a search on \(graph.name) (\(vertexCount) vertices)")
        }
        var run = SearchRun(game: self, options: options, stop: stop, progress: progress)
        return run.run()
    }
}

/// `game.search(SearchOptions(seconds:method:seed:))` as one call.
public func search(
    _ game: EliminationGame, seconds: Double, method: SearchMethod = .auto, seed: UInt64 = 1,
    stop: StopFlag = .never, progress: ((SearchProgress) -> Void)? = nil
) throws(SearchError) -> SearchResult {
    try game.search(SearchOptions(seconds: seconds, method: method, seed: seed), stop: stop, progress: progress)
}

/// One search in progress: the budget, the incumbent, and the phases that improve it.
struct SearchRun {
    let game: EliminationGame
    let options: SearchOptions
    let stop: StopFlag
    let progress: ((SearchProgress) -> Void)?
    let clock = ContinuousClock()
    let started: ContinuousClock.Instant
    var bestOrder: [Int]
    var bestCost: Double
    var bestMethod: String
    /// The proven lower bound (paper costs are whole numbers); nil when there is none.
    var lowerBound: Int?
    var isOptimal = false
    var rounds = 0
    var moves = 0
    var phase = ""
    var notes: [String] = []
    /// The bytes of the finished position the starting order reached: every order ends with the
    /// same graph, so this is about what any chain's position grows to.
    var finalPositionBytes = 0
    /// The heuristic that built the cheapest order (the beam's rollout).
    var bestHeuristic = (heuristic: Heuristic.markowitz, tieBreak: TieBreak.lowest)

    init(game: EliminationGame, options: SearchOptions, stop: StopFlag, progress: ((SearchProgress) -> Void)?) {
        self.game = game
        self.options = options
        self.stop = stop
        self.progress = progress
        started = clock.now
        bestOrder = []
        bestCost = .infinity
        bestMethod = "markowitz"
        startFromMarkowitz()
    }

    /// The incumbent every search starts from: the Markowitz order and the cost its play added up.
    /// Stopped part-way (on a large graph it takes a tenth of a second or more), it finishes the
    /// order forward, so that even an interrupted search answers with a complete order and its cost.
    mutating func startFromMarkowitz() {
        var state = game.start()
        if !game.complete(&state, with: .markowitz, shouldStop: stopCondition()) {
            game.complete(&state, with: .forward)
            bestMethod = "markowitz (stopped, finished forward)"
        }
        bestOrder = state.eliminated
        bestCost = state.cost
        finalPositionBytes = state.bytes
    }

    var elapsed: Double {
        (clock.now - started).seconds
    }

    /// Whether the search runs against the clock: always, unless a fixed number of rounds was
    /// asked for without a time limit.
    var isTimed: Bool { options.rounds == nil || options.timeLimitsRounds }

    /// Whether the time budget is spent (never when only a fixed number of rounds was asked for).
    var isOutOfTime: Bool { isTimed && elapsed >= options.budgetSeconds }

    /// A stop condition for work running on any thread: the flag, or the deadline after `share`
    /// of the time budget (none when only a fixed number of rounds was asked for).
    func stopCondition(share: Double = 1) -> @Sendable () -> Bool {
        let stop = self.stop, clock = self.clock
        let deadline = isTimed ? started + .seconds(options.budgetSeconds * share) : nil
        return { stop.isRaised || deadline.map { clock.now >= $0 } ?? false }
    }

    /// Whether another round may start.
    var mayStartRound: Bool {
        guard !stop.isRaised, !isOptimal else { return false }
        if let limit = options.rounds, rounds >= limit { return false }
        return !isOutOfTime
    }

    mutating func run() -> SearchResult {
        runBound()
        switch options.method {
        case .heuristics:
            runHeuristics()
        case .annealing:
            runHeuristics()
            runAnnealing()
        case .exact:
            runHeuristics()
            runExact()
        case .beam:
            runHeuristics()
            runBeam(maxWidth: 1 << 20)
        case .auto:
            runHeuristics()
            if game.eliminable.count <= SearchRun.exactLimit { runExact(share: 0.5, maxPositions: 200_000) }
            runAnnealing()
        }
        if meetsBound(bestCost) { isOptimal = true }
        if bestCost > Double(ComputationalGraph.largestCost) {
            notes.append("the cost is past 2^53: it is rounded to double precision")
        }
        return SearchResult(
            order: bestOrder, cost: bestCost, lowerBound: isOptimal ? bestCost : lowerBound.map(Double.init), isOptimal: isOptimal,
            elapsed: elapsed, method: bestMethod, rounds: rounds, moves: moves, wasInterrupted: stop.isRaised, notes: notes)
    }

    /// Graphs with more nodes than this get no lower bound: its cuts take time quadratic in the
    /// nodes (and its tables, on structured graphs, quadratic memory).
    static let boundNodeLimit = 5_000

    /// The lower bound at the start, within a quarter of the budget and the memory limit, or a
    /// note saying why there is none.
    mutating func runBound() {
        guard game.model.hasLowerBound else {
            notes.append("no lower bound for this model")
            return
        }
        let tables = LowerBound.tableBytes(game)
        if game.nodeCount > SearchRun.boundNodeLimit {
            notes.append("no lower bound: the graph has \(game.nodeCount) nodes, the bound runs on up to \(SearchRun.boundNodeLimit)")
            return
        }
        if tables > options.maxMemory / 4 {
            notes.append("no lower bound: its tables would need \(SearchError.bytes(tables)), over a quarter of the memory limit")
            return
        }
        guard game.totalsAreExact else {
            notes.append("no lower bound: an order on this graph could cost more than 2^53, past whole-number sums")
            return
        }
        report("bound")
        let shouldStop = stopCondition(share: 0.25)
        guard var bound = LowerBound(game: game, shouldStop: shouldStop),
              let value = bound.value(for: game.start(), shouldStop: shouldStop) else {
            notes.append(stop.isRaised ? "no lower bound: interrupted" : "no lower bound: it did not finish in a quarter of the time budget")
            return
        }
        lowerBound = value
        report("bound")
        if meetsBound(bestCost) { isOptimal = true }
    }

    /// Whether a cost equals the proven lower bound (then it is optimal).
    func meetsBound(_ cost: Double) -> Bool { lowerBound.map { Double($0) == cost } ?? false }

    /// Keeps `order` if it is the cheapest so far (ties keep the earlier find, so results stay
    /// deterministic). Unless `isPlayed` (the cost is one play's sum from the start, as a
    /// heuristic's is), the order is re-played once, so that the cost kept is exactly the order's
    /// cost however its finder added up the steps.
    mutating func consider(_ order: [Int], cost: Double, method: String, isPlayed: Bool = false) {
        guard cost < bestCost else { return }
        let played = isPlayed ? cost : game.playedCost(order)
        guard played < bestCost else { return }
        bestOrder = order
        bestCost = played
        bestMethod = method
        if meetsBound(played) { isOptimal = true }
        report(phase)
    }

    mutating func report(_ phase: String) {
        self.phase = phase
        progress?(SearchProgress(elapsed: elapsed, cost: bestCost, lowerBound: lowerBound.map(Double.init), method: phase))
    }

    mutating func runHeuristics() {
        report("heuristics")
        var cheapest = Double.infinity
        for result in game.heuristicOrders(shouldStop: stopCondition()) {
            if result.cost < cheapest {
                cheapest = result.cost
                bestHeuristic = (result.heuristic, result.tieBreak)
            }
            let name = result.heuristic.usesTieBreak
                ? "\(result.heuristic.rawValue) (\(result.tieBreak.rawValue) ties)" : result.heuristic.rawValue
            consider(result.order, cost: result.cost, method: name, isPlayed: true)
        }
    }

    /// Beam searches of width 1, 2, 4, … up to `maxWidth`, each one round; a beam cut short by the
    /// deadline is dropped.
    mutating func runBeam(maxWidth: Int) {
        report("beam")
        var width = 1
        while width <= maxWidth && mayStartRound {
            let beam = BeamSearch(game: game, width: width, rollout: bestHeuristic.heuristic, tieBreak: bestHeuristic.tieBreak)
            guard let found = beam.run(threads: options.chains, shouldStop: stopCondition()) else { break }
            rounds += 1
            consider(found.order, cost: found.cost, method: "beam (width \(width))")
            width *= 2
        }
    }

    /// Graphs up to this many eliminable vertices get an exact attempt in `auto`.
    static let exactLimit = 30

    /// Best-first search from the best order so far, for up to `share` of the time budget and
    /// `maxPositions` stored positions. It counts as a round, and its order is kept, only when it
    /// proves the optimum; a cut-short search still leaves its raised lower bound.
    mutating func runExact(share: Double = 1, maxPositions: Int = 1_000_000) {
        guard game.totalsAreExact else {
            notes.append("no exact search: an order on this graph could cost more than 2^53, past whole-number sums")
            return
        }
        guard !isOptimal, mayStartRound,
              var exact = ExactSearch(game: game, incumbent: bestOrder, cost: Int(bestCost)) else { return }
        report("exact")
        exact.run(maxPositions: maxPositions, shouldStop: stopCondition(share: share))
        lowerBound = max(lowerBound ?? 0, exact.lowerBound)
        guard exact.isProven else { return }
        rounds += 1
        consider(exact.incumbent, cost: Double(exact.incumbentCost), method: "exact")
        isOptimal = true
    }

    /// Graphs with more eliminable vertices than this anneal with sweeping local moves
    /// (`SweepingChain`), shorter rounds and temperatures scaled to a step's cost rather than the
    /// whole order's.
    static let largeGraph = 2_000
    /// How many positions past the base a move on a large graph may reach.
    static let localWindow = 32
    /// On a large graph, the work of a round's moves against its sweep's own steps (the trials also
    /// log and roll back what they change, so a round takes about 1 + 3 × this many sweeps' time:
    /// about a second on a 100,000-vertex stencil in reverse mode, whose steps feed the output's
    /// long list, and 15 ms on the chain).
    static let sweepEffort = 0.25
    /// The most one annealing chain's snapshots hold, whatever the memory limit: copying them in
    /// takes about a second per GB and handing them back a tenth of a second per GB, paid at the
    /// start of annealing and again when Ctrl-C ends it.
    static let snapshotBytesPerChain = 128 << 20

    /// Rounds of simulated annealing, one chain per thread, every round starting from the best order.
    mutating func runAnnealing() {
        guard game.eliminable.count >= 2, mayStartRound else { return }
        let n = game.eliminable.count
        let budget = options.maxMemory / (2 * options.chains)
        let game = self.game, start = bestOrder, seed = options.seed
        let seeds = (0..<options.chains).map { seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64($0) }
        guard n > SearchRun.largeGraph else {
            // Positions only grow along an order, so the last one is the largest a snapshot holds.
            var last = game.start()
            let shouldStop = stopCondition()
            for (i, v) in bestOrder.enumerated() {
                if i & 1023 == 1023 && shouldStop() { return }
                last.eliminate(v)
            }
            let snapshots = min(budget, SearchRun.snapshotBytesPerChain)
            guard let interval = SnapshotTrail.interval(for: game, stateBytes: last.bytes, budget: snapshots) else {
                notes.append("no annealing: one chain's snapshots of \(SearchError.bytes(last.bytes)) positions do not fit the memory limit")
                return
            }
            if interval > SnapshotTrail.defaultInterval(for: game) {
                notes.append("annealing snapshots every \(interval) steps to stay within "
                    + (snapshots < budget ? "\(SearchError.bytes(snapshots)) per chain" : "the memory limit"))
            }
            report("annealing")
            // Each chain builds its snapshots on its own thread.
            let moves = options.annealingMovesPerVertex * n
            var built = [AnnealingChain?](repeating: nil, count: options.chains)
            Parallel.forEach(&built) { c, chain in
                chain = AnnealingChain(game: game, start: start, seed: seeds[c], interval: interval,
                                       movesPerRound: moves, shouldStop: shouldStop)
            }
            var chains = built.compactMap { $0 }
            guard chains.count == built.count else { return }
            annealingRounds(&chains, scale: 1)
            return
        }
        // A sweeping chain holds its base position, which grows to the finished one, and the trials'
        // logs (at most about as much again).
        guard 2 * finalPositionBytes <= budget else {
            notes.append("no annealing: one chain's \(SearchError.bytes(finalPositionBytes)) positions do not fit the memory limit")
            return
        }
        report("annealing")
        let cost = bestCost
        var chains = seeds.map {
            SweepingChain(game: game, start: start, cost: cost, seed: $0, window: SearchRun.localWindow, effort: SearchRun.sweepEffort)
        }
        // Temperatures relative to the cost of 100 steps: a move changes a few steps among thousands.
        annealingRounds(&chains, scale: 100 / Double(n))
    }

    /// Annealing rounds until the budget is spent, every round restarting every chain from the best order.
    /// Temperatures are relative to `scale` times the cost: a move worsening the order by 0.4% of
    /// that is often taken at the start of a round, and almost never at its end.
    mutating func annealingRounds<Chain: AnnealingRounds>(_ chains: inout [Chain], scale: Double) {
        while mayStartRound {
            let hot = max(1, bestCost * 0.004 * scale), cold = max(0.05, bestCost * 0.0001 * scale)
            let start = bestOrder, cost = bestCost
            let shouldStop = stopCondition()
            Parallel.forEach(&chains) { _, chain in
                chain.restart(from: start, cost: cost)
                chain.run(hot: hot, cold: cold, shouldStop: shouldStop)
            }
            let finished = chains.allSatisfy(\.completedLastRun)
            moves = chains.reduce(0) { $0 + $1.moves }
            // A round cut short by the deadline is dropped, so a result depends only on the seed and
            // the rounds completed; an interrupt keeps whatever the chains found.
            guard finished || stop.isRaised else { break }
            for chain in chains { consider(chain.best, cost: chain.bestCost, method: "annealing") }
            if finished { rounds += 1 }
        }
    }
}

/// What the annealing rounds need of a chain, whichever way it costs its moves.
protocol AnnealingRounds {
    var best: [Int] { get }
    var bestCost: Double { get }
    /// Moves tried over the chain's life.
    var moves: Int { get }
    /// False when the last `run` was cut short by its stop condition.
    var completedLastRun: Bool { get }
    /// Continues from `order`, whose cost is `cost`.
    mutating func restart(from order: [Int], cost: Double)
    /// One round of moves cooling from `hot` to `cold`, unless `shouldStop` cuts it short.
    mutating func run(hot: Double, cold: Double, shouldStop: () -> Bool)
}

extension AnnealingChain: AnnealingRounds {}
extension SweepingChain: AnnealingRounds {}
