import ArgumentParser
import CrossCountry
import Foundation
import Script

/// `ccs export SCRIPT.ccs --graph NAME --order ORDER --out PATH`: the Jacobian of a graph a script
/// traces, as standalone C99 (`PATH.c`, `PATH.h`).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the Jacobian of a traced graph as standalone C: PATH.c and PATH.h with NAME_jacobian and NAME_outputs."
    )

    @Argument(help: "A .ccs script that traces the graph.")
    var script: String

    @Option(help: "A traced graph the script holds (`let g = graph(f, 1, 2)`), or a function it traces at its `point`.")
    var graph: String

    @Option(help: "A heuristic (\(Heuristic.allCases.map(\.rawValue).joined(separator: ", "))), `search`, or vertex numbers such as \"3,1,2\".")
    var order = "markowitz"

    @Option(help: "Seconds to search when --order is search.")
    var seconds: Double = 2

    @OptionGroup var model: ModelOption

    @Option(help: "Where to write: PATH.c and PATH.h.")
    var out: String

    @OptionGroup var memory: MaxMemoryOption

    /// Before the script runs: a model only chooses what the search minimizes, and a heuristic or a
    /// given order is the same order under any model, so a model beside one would be ignored.
    func validate() throws {
        if model.model != nil, order.lowercased() != "search" {
            throw ValidationError("--model sets what --order search minimizes; give --order search, or leave out --model")
        }
    }

    func run() throws {
        Interrupt.install()
        let numeric: NumericGraph
        switch ScriptRunner.tracedGraph(graph, path: script, stop: Interrupt.flag, errors: ScriptIO.error) {
        case let .success(g): numeric = g
        case let .failure(status): throw ExitCode(status.rawValue)
        }
        guard seconds.isFinite, seconds > 0, seconds <= Bounds.longestSeconds else {
            throw fail("--seconds must be a positive number of seconds, at most \(Int(Bounds.longestSeconds))", code: 64)
        }
        let searching = order.lowercased() == "search"
        let costModel = try model.resolve()
        var base = out
        if base.hasSuffix(".c") || base.hasSuffix(".h") { base.removeLast(2) }
        do {
            let game = try EliminationGame(numeric, model: costModel)
            let vertices: [Int]
            if searching {
                let result = try game.search(SearchOptions(seconds: seconds), stop: Interrupt.flag)
                try model.check(costModel)
                FileHandle.standardError.write(Data("note: searched under \(costModel.name): cost \(Tensor.format(result.cost))\n".utf8))
                vertices = result.order
            } else if let heuristic = Heuristic(rawValue: order.lowercased()) {
                vertices = game.order(heuristic)
            } else {
                vertices = try EliminationGame.parseOrder(order)
            }
            let line = ProgressLine(keepsLastLine: false)
            defer { line.finish() }
            let source = try JacobianSource(numeric, order: vertices, form: .export(numeric.graph.name), stop: Interrupt.flag,
                                            maxMemory: memory.bytes) { update in line.show("export · \(update) · Ctrl-C stops") }
            try source.write(base: base)
            let name = source.name ?? ""
            print("wrote \(base).c and \(base).h: \(name)_jacobian and \(name)_outputs (per point \(source.counts))")
        } catch EvaluationError.interrupted {
            throw fail("interrupted: exporting the Jacobian of \(numeric.graph.name)", code: 130)
        } catch let exit as ExitCode {
            throw exit  // already reported (a model that priced a step wrongly)
        } catch {
            throw fail(error)
        }
    }
}
