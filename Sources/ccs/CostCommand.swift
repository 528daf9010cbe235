import ArgumentParser
import CrossCountry
import Script

/// `ccs cost`: the cost of one elimination order on a graph.
struct CostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cost",
        abstract: "Print the cost of an elimination order under a cost model (the paper's by default)."
    )

    @Argument(help: "A graph file or a paper graph name.")
    var graph: String

    @Option(parsing: .unconditional, help: "A heuristic (\(Heuristic.allCases.map(\.rawValue).joined(separator: ", "))) or vertex numbers such as \"3,1,2\".")
    var order = "markowitz"

    @Option(help: "Which vertex a greedy heuristic takes on a tie: lowest or highest.")
    var ties = "lowest"

    @OptionGroup var model: ModelOption

    @Flag(help: "Also print the cost of every step.")
    var steps = false

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let loaded: ComputationalGraph
        let game: EliminationGame
        let vertices: [Int]
        let cost: OrderCost
        guard let tieBreak = TieBreak(rawValue: ties.lowercased()) else {
            throw fail("unknown tie-break '\(ties)'; use lowest or highest")
        }
        let costModel = try model.resolve()
        do {
            loaded = try GraphArgument.load(graph)
            game = try EliminationGame(loaded, model: costModel)
            if let heuristic = Heuristic(rawValue: order.lowercased()) {
                vertices = game.order(heuristic, tieBreak: tieBreak)
            } else {
                vertices = try EliminationGame.parseOrder(order)
            }
            cost = try game.cost(of: vertices)
        } catch let error as OrderError {
            throw fail("invalid order: \(error)")
        } catch {
            throw fail(error)
        }
        try model.check(costModel)
        if json {
            var members: [(key: String, value: JSONValue)] = [
                ("graph", .string(loaded.name)), ("model", .string(costModel.name)), ("order", JSONValue(vertices)), ("cost", .number(cost.total)),
            ]
            if steps { members.append(("step_costs", JSONValue(cost.steps))) }
            print(JSONValue.object(members).formatted(), terminator: "")
            return
        }
        if steps {
            let table = TextTable(header: ["step", "vertex", "cost", "total"], rows: {
                var total = 0.0
                return zip(vertices, cost.steps).enumerated().map { i, pair in
                    total += pair.1
                    return ["\(i + 1)", "\(pair.0)", Tensor.format(pair.1), Tensor.format(total)]
                }
            }())
            print(table.text)
        }
        print(Tensor.format(cost.total))
    }
}
