import Agent
import ArgumentParser
import CrossCountry
import Foundation
import Script

/// `ccs train`: trains a policy on one or more graphs jointly and saves it, with its training curve.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the deep-RL agent on graphs and save the policy (Ctrl-C stops early and keeps it).",
        discussion: """
            Writes P.policy, and next to it P.csv (the training curve) and P.svg (a plot of it). The \
            cheapest order found per graph is printed and kept in the policy's training record \
            (`ccs order P.policy GRAPH --recorded`).
            """
    )

    @Argument(help: "Graph files or paper graph names; several train one joint policy.")
    var graphs: [String]

    @Option(parsing: .unconditional, help: "Wall-clock minutes to train.")
    var minutes: Double?

    @Option(parsing: .unconditional, help: "Games to play instead of a time budget (reproducible from the seed).")
    var games: Int?

    @Option(help: "Where to save the policy.")
    var out: String

    @Option(help: "alphazero or ppo.")
    var algorithm = "alphazero"

    @Option(parsing: .unconditional, help: "Random seed (any whole number).")
    var seed = 1

    @Option(help: "Continue training a saved policy.")
    var resume: String?

    @Option(parsing: .unconditional, help: "Simulations per move (AlphaZero).")
    var simulations: Int?

    @Option(parsing: .unconditional, help: "Extra games per iteration on fresh random programs, so that the policy generalises (AlphaZero).")
    var randomPrograms = 0

    @Option(parsing: .unconditional, help: "Rounds of annealing on each random program whose order the policy imitates (0: none).")
    var teacherRounds = 1

    @OptionGroup var model: ModelOption

    @OptionGroup var memory: MaxMemoryOption

    func validate() throws {
        try validating {
            if let minutes { _ = try Bounds.duration(minutes, "--minutes", secondsPerUnit: 60, unit: "minutes") }
            if let games { _ = try Bounds.whole(games, "--games", in: Bounds.repetitions) }
            if let simulations { _ = try Bounds.whole(simulations, "--simulations", in: 1...SearchSettings.allowedSimulations.upperBound) }
            _ = try Bounds.whole(randomPrograms, "--random-programs", in: TrainingSettings.allowedRandomGames)
            _ = try Bounds.whole(teacherRounds, "--teacher-rounds", in: 0...Bounds.repetitions.upperBound)
        }
    }

    func run() throws {
        guard let algorithm = TrainingAlgorithm(rawValue: algorithm.lowercased()) else {
            throw fail("unknown algorithm \"\(algorithm)\"; use alphazero or ppo")
        }
        let budget: TrainingBudget
        switch (minutes, games) {
        case let (m?, nil): budget = .minutes(m)
        case let (nil, n?): budget = .games(n)
        case (nil, nil): throw fail("give a budget: --minutes M or --games N")
        default: throw fail("give either --minutes or --games, not both")
        }
        var settings = TrainingSettings()
        if let simulations { settings.search.simulations = simulations }
        settings.randomGames = randomPrograms
        settings.teacherRounds = teacherRounds
        let costModel = try model.resolve()
        settings.maxMemory = memory.bytes
        let loaded: [ComputationalGraph]
        let resumed: Policy?
        do {
            loaded = try graphs.map { try GraphArgument.load($0) }
            resumed = try resume.map { try Policy.resolve($0) }
        } catch {
            throw fail(error)
        }
        let paths = TrainingFiles(policy: out)
        // Found now rather than after the budget is spent.
        for path in [paths.policy, paths.csv, paths.svg] {
            if let problem = AtomicFile.problem(writing: path) { throw fail("cannot write \(path): \(problem)") }
        }
        Interrupt.install()
        let stop = Interrupt.flag
        let line = ProgressLine(keepsLastLine: true)
        let result: TrainingResult
        do {
            result = try train(loaded, model: costModel, algorithm: algorithm, budget: budget, seed: UInt64(truncatingIfNeeded: seed), resume: resumed, settings: settings,
                               stop: stop) { line.show($0.line) }
        } catch {
            throw fail(error)
        }
        line.finish()
        try model.check(costModel)
        do {
            try result.policy.save(to: paths.policy)
            try AtomicFile.write(TrainingLog.csv(result.curve), to: paths.csv)
            try AtomicFile.write(TrainingLog.svg(result.curve, title: "ccs train \(graphs.joined(separator: " ")) (\(algorithm.rawValue))"),
                                 to: paths.svg)
        } catch {
            throw fail(error)
        }
        if result.stopped { print("stopped early; the policy and the best orders so far are kept") }
        print(BestOrder.table(result.best))
        print("saved \(paths.policy) (\(result.policy.record.games) games), \(paths.csv), \(paths.svg)")
    }
}

/// Where a training run writes: the policy, and the curve's CSV and SVG next to it.
struct TrainingFiles {
    let policy: String, csv: String, svg: String

    init(policy: String) {
        self.policy = policy
        let stem = policy.hasSuffix(".policy") ? String(policy.dropLast(".policy".count)) : policy
        csv = stem + ".csv"
        svg = stem + ".svg"
    }
}
