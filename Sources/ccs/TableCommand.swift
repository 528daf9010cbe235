import ArgumentParser
import CrossCountry

/// `ccs table`: graph sizes and baseline costs, one row per graph.
struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Print size and forward/reverse/Markowitz cost of graphs (default: the ten paper graphs)."
    )

    @Argument(help: "Graph files (ccs or paper format) or paper graph names.")
    var graphs: [String] = []

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    func run() throws {
        var rows: [BaselineCosts] = []
        do {
            let loaded = graphs.isEmpty ? try PaperGraphs.all() : try graphs.flatMap { argument in
                argument.contains("#") ? [try GraphArgument.load(argument)] : try loadAll(argument)
            }
            for graph in loaded { rows.append(try BaselineCosts(graph)) }
        } catch {
            throw fail(error)
        }
        if json {
            print(JSONValue.array(rows.map { row in
                .object([
                    ("name", .string(row.name)), ("inputs", JSONValue(row.inputs)),
                    ("intermediates", JSONValue(row.intermediates)), ("outputs", JSONValue(row.outputs)),
                    ("forward", .number(row.forward)), ("reverse", .number(row.reverse)),
                    ("markowitz", .number(row.markowitz)),
                    ("best_published", row.bestPublished.map { .number($0) } ?? .null),
                ])
            }).formatted(), terminator: "")
            return
        }
        let table = TextTable(
            header: ["graph", "inputs", "intermediates", "outputs", "forward", "reverse", "Markowitz", "best published"],
            rows: rows.map { row in
                [row.name, "\(row.inputs)", "\(row.intermediates)", "\(row.outputs)", Tensor.format(row.forward),
                 Tensor.format(row.reverse), Tensor.format(row.markowitz), row.bestPublished.map(Tensor.format) ?? "–"]
            })
        print(table.text)
    }

    /// Every graph of a file (the paper's test-vector file holds ten), or a shipped graph by name.
    private func loadAll(_ argument: String) throws -> [ComputationalGraph] {
        if PaperGraphs.names.contains(where: { $0.lowercased() == argument.lowercased() }) {
            return [try PaperGraphs.load(argument)]
        }
        return try GraphFile.load(argument)
    }
}
