import ArgumentParser
import CrossCountry

/// `ccs graph`: a graph's summary, DOT text or ccs JSON.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Describe a graph, or print it as Graphviz DOT or ccs JSON."
    )

    @Argument(help: "A graph file or a paper graph name.")
    var graph: String

    @Flag(help: "Print Graphviz DOT text.")
    var dot = false

    @Flag(help: "Print the graph in ccs's JSON format.")
    var json = false

    func run() throws {
        let loaded: ComputationalGraph
        do {
            loaded = try GraphArgument.load(graph)
        } catch {
            throw fail(error)
        }
        if dot {
            print(DOTExport.text(of: loaded), terminator: "")
        } else if json {
            print(GraphFile.text(of: loaded), terminator: "")
        } else {
            print(GraphSummary(loaded).text)
        }
    }
}
