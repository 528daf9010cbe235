import ArgumentParser
import CrossCountry
import Foundation
import Script

/// `ccs search`: the cheapest elimination order found within a time budget, with a lower bound.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search for a cheap elimination order; print its cost, a lower bound and the gap.",
        discussion: """
            Ctrl-C stops the search and prints the best order found so far. A timed search reports the \
            rounds it completed; --rounds with the same seed repeats exactly that work on any machine.
            """
    )

    @Argument(help: "A graph file or a paper graph name.")
    var graph: String

    @Option(parsing: .unconditional, help: "Wall-clock budget in seconds (default 10; with --rounds, a limit on them too).")
    var seconds: Double?

    @Option(help: "auto, heuristics, beam, annealing or exact.")
    var method = "auto"

    @Option(parsing: .unconditional, help: "Seed of every random choice (any whole number).")
    var seed = 1

    @Option(parsing: .unconditional, help: "Run exactly this many search rounds instead of a time budget.")
    var rounds: Int?

    @Option(parsing: .unconditional, help: "Annealing chains, one per thread.")
    var chains = 2

    @OptionGroup var memory: MaxMemoryOption

    @OptionGroup var model: ModelOption

    @Flag(help: "Report each improvement on standard error.")
    var progress = false

    @Option(name: .customLong("for"), help: "Number the printed order for ccs, or for graphax (jacve(f, order=[…]): jaxpr equation numbers).")
    var numbering = OrderNumbering.ccs

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        guard SearchMethod(rawValue: method.lowercased()) != nil else {
            throw ValidationError("unknown method '\(method)'; methods: "
                + SearchMethod.allCases.map(\.rawValue).joined(separator: ", "))
        }
        try validating {
            if let seconds { _ = try Bounds.duration(seconds, "--seconds", allowsZero: true) }
            _ = try Bounds.whole(chains, "--chains", in: 1...64)
            if let rounds { _ = try Bounds.whole(rounds, "--rounds", in: 0...Bounds.repetitions.upperBound) }
        }
    }

    func run() throws {
        let loaded: ComputationalGraph
        let game: EliminationGame
        let costModel = try model.resolve()
        do {
            loaded = try GraphArgument.load(graph)
            game = try EliminationGame(loaded, model: costModel)
        } catch {
            throw fail(error)
        }
        var options = SearchOptions(
            seconds: seconds ?? 10, method: SearchMethod(rawValue: method.lowercased()) ?? .auto, seed: UInt64(truncatingIfNeeded: seed),
            chains: chains, rounds: rounds, maxMemory: memory.bytes)
        options.timeLimitsRounds = seconds != nil
        Interrupt.install()
        let report = progress
        let result: SearchResult
        do {
            result = try game.search(options, stop: Interrupt.flag) { update in
                guard report else { return }
                let bound = update.lowerBound.map(Tensor.format) ?? "none"
                let line = String(format: "%7.2f s  %@  cost %@  bound %@\n", update.elapsed, update.method, Tensor.format(update.cost), bound)
                FileHandle.standardError.write(Data(line.utf8))
            }
        } catch {
            throw fail(error.description)
        }
        try model.check(costModel)
        for note in result.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
        if json {
            print(JSONValue.object([
                ("graph", .string(loaded.name)), ("model", .string(costModel.name)), ("cost", .number(result.cost)),
                ("lower_bound", result.lowerBound.map { .number($0) } ?? .null),
                ("gap", result.gap.flatMap { $0.isFinite ? .number($0) : nil } ?? .null),
                ("optimal", .bool(result.isOptimal)), ("method", .string(result.method)),
                ("elapsed", .number(result.elapsed)), ("rounds", JSONValue(result.rounds)), ("moves", JSONValue(result.moves)),
                ("seed", .number(Double(seed))), ("interrupted", .bool(result.wasInterrupted)),
                ("notes", .array(result.notes.map { .string($0) })),
                ("order", JSONValue(numbering.vertices(result.order, in: loaded))), ("numbering", .string(numbering.rawValue)),
            ]).formatted(), terminator: "")
            return
        }
        print("\(loaded.name): \(result.summary)")
        print("order: " + numbering.text(result.order, in: loaded))
        let stopped = result.wasInterrupted ? ", interrupted" : ""
        print(String(format: "found by %@; %.1f s, %d rounds, seed %ld%@", result.method, result.elapsed,
                     result.rounds, seed, stopped))
    }
}

/// Ctrl-C during a search raises a stop flag instead of killing the process; a second Ctrl-C kills it.
enum Interrupt {
    static let flag = StopFlag()

    static func install() {
        signal(SIGINT) { _ in
            Interrupt.flag.raise()
            signal(SIGINT, SIG_DFL)
        }
        // A parent may have started us with SIGINT blocked; this thread must be able to take it.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
