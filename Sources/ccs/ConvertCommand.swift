import ArgumentParser
import CrossCountry

/// `ccs convert`: rewrites graph files (e.g. the paper's test vectors) in ccs's format.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Write every graph of a file as a ccs-format file NAME.json in a directory."
    )

    @Argument(help: "A graph file in ccs or paper format.")
    var file: String

    @Option(help: "The output directory.")
    var out: String

    func run() throws {
        do {
            for graph in try GraphFile.load(file) {
                let path = "\(out)/\(graph.name).json"
                try GraphFile.write(graph, to: path)
                print(path)
            }
        } catch {
            throw fail(error)
        }
    }
}
