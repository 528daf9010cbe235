import Agent
import ArgumentParser
import CrossCountry
import Script

/// `ccs order`: applies a saved policy to a graph.
struct OrderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order",
        abstract: "Apply a trained policy to a graph: greedily, or with policy-guided search."
    )

    @Argument(help: "A policy file (from ccs train) or a shipped policy's name (paper-joint).")
    var policy: String

    @Argument(help: "A graph file or a paper graph name.")
    var graph: String

    @Option(parsing: .unconditional, help: "Simulations of Gumbel search per move (0: greedy, one network evaluation per move).")
    var search = 0

    @OptionGroup var model: ModelOption

    @OptionGroup var memory: MaxMemoryOption

    @Flag(help: "Print the cheapest order found while training on this graph instead.")
    var recorded = false

    @Option(name: .customLong("for"), help: "Number the printed order for ccs, or for graphax (jacve(f, order=[…]): jaxpr equation numbers).")
    var numbering = OrderNumbering.ccs

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        try validating { _ = try Bounds.whole(search, "--search", in: SearchSettings.allowedSimulations) }
    }

    func run() throws {
        let loaded: ComputationalGraph
        let applied: Policy
        let game: EliminationGame
        let costModel: CostModel
        do {
            applied = try Policy.resolve(policy)
        } catch {
            throw fail(error)
        }
        if applied.record.model != CostModel.paper.name && applied.costModel == nil && model.model == nil {
            throw fail("\(policy) was trained under the cost model '\(applied.record.model)'; give it with --model FILE.ccs:\(applied.record.model)")
        }
        costModel = try model.resolve(orElse: applied.record.model)
        do {
            loaded = try GraphArgument.load(graph)
            game = try EliminationGame(loaded, model: costModel)
        } catch {
            throw fail(error)
        }
        let vertices: [Int]
        let clock = ContinuousClock(), start = clock.now
        if recorded {
            guard let best = applied.record.best.first(where: { $0.graph == loaded.name }) else {
                throw fail("\(policy) has no recorded order for \(loaded.name) (it was trained on \(applied.record.graphs.joined(separator: ", ")))")
            }
            vertices = best.order
        } else {
            Interrupt.install()
            let line = ProgressLine(keepsLastLine: false)
            defer { line.finish() }
            do {
                vertices = try order(applied, loaded, model: costModel, search: search, stop: Interrupt.flag, maxMemory: memory.bytes) { done, total in
                    if done % max(1, total / 200) == 0 { line.show("policy · move \(done) of \(total) · Ctrl-C stops") }
                }
            } catch {
                if case .interrupted = error { throw fail(error, code: 130) }
                throw fail(error)
            }
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let cost: Double
        do {
            cost = try game.cost(of: vertices).total
        } catch {
            throw fail("the policy's order for \(loaded.name) is invalid: \(error)")
        }
        try model.check(costModel)
        if json {
            print(JSONValue.object([
                ("graph", .string(loaded.name)), ("model", .string(costModel.name)), ("cost", .number(cost)), ("seconds", .number((seconds * 1e4).rounded() / 1e4)),
                ("order", JSONValue(numbering.vertices(vertices, in: loaded))), ("numbering", .string(numbering.rawValue)),
            ]).formatted(), terminator: "")
            return
        }
        print("cost \(Tensor.format(cost))")
        print(numbering.text(vertices, in: loaded))
    }
}
