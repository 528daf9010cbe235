import ArgumentParser
import CrossCountry
import Foundation

/// `ccs import`: a function's graph from the jaxpr JAX prints for it.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a jaxpr (the text print(jax.make_jaxpr(f)(*args)) writes) as a ccs graph.",
        discussion: """
            Prints a summary and the costs of forward, reverse and Markowitz elimination; with --out, writes a graph \
            file every other command reads. With --point, the Jacobian at that point too.
            """
    )

    @Argument(help: "A .jaxpr file.")
    var file: String

    @Option(help: "Write the graph to this .json file.")
    var out: String?

    @Option(help: "Every input's values, flattened in order, e.g. \"0.1,0.2,0.3\".")
    var point: String?

    func run() throws {
        let result: JaxprImport.Result
        do {
            let shapes = try JaxprImport.file(file).graph.graph.inputs.map(\.shape)
            result = try JaxprImport.file(file, point: try point.map { try Self.tensors($0, shapes: shapes) })
        } catch {
            throw fail(error)
        }
        let numeric = result.graph, graph = numeric.graph
        print(GraphSummary(graph).text)
        do {
            let game = try EliminationGame(graph)
            let costs = try [Heuristic.forward, .reverse, .markowitz].map { h in
                "\(h.rawValue) \(Tensor.format(try game.cost(of: game.order(h)).total))"
            }
            print("  costs:  " + costs.joined(separator: ", "))
            if point != nil {
                let jacobian = try numeric.jacobian(order: game.order(.markowitz))
                print("Jacobian at the point (outputs down, inputs across):")
                for row in Self.rows(jacobian) { print(row.map { String(format: "%.6g", $0) }.joined(separator: "  ")) }
            }
            if let out {
                try GraphFile.write(graph, to: out)
                print("wrote \(out)")
            }
        } catch {
            throw fail(error)
        }
    }

    /// The Jacobian's rows: each output element's entries against every input element.
    static func rows(_ jacobian: Jacobian) -> [[Double]] {
        jacobian.outputShapes.indices.flatMap { o in
            (0..<jacobian.outputShapes[o].count).map { j in
                jacobian.inputShapes.indices.flatMap { i -> [Double] in
                    let width = jacobian.inputShapes[i].count
                    return Array(jacobian[o, i].values[(j * width)..<((j + 1) * width)])
                }
            }
        }
    }

    /// The values of `--point`, cut into one tensor per input.
    static func tensors(_ text: String, shapes: [Shape]) throws -> [Tensor] {
        var numbers: [Double] = []
        for item in text.split(separator: ",") {
            let word = item.trimmingCharacters(in: .whitespaces)
            guard let x = Double(word) else { throw fail("--point: '\(word)' is not a number") }
            numbers.append(x)
        }
        let needed = shapes.reduce(0) { $0 + $1.count }
        guard numbers.count == needed else {
            throw fail("--point gives \(numbers.count) numbers; the jaxpr's inputs \(shapes.map(\.description).joined(separator: " ")) hold \(needed)")
        }
        var tensors: [Tensor] = [], start = 0
        for shape in shapes {
            tensors.append(try Tensor(shape: shape, scalars: Array(numbers[start..<(start + shape.count)])))
            start += shape.count
        }
        return tensors
    }
}
