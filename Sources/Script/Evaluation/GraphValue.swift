import CrossCountry

/// A computational graph as a language value, with its elimination game compiled once per cost
/// model it is played under.
public final class GraphValue {
    public let graph: ComputationalGraph
    /// The traced calls and values, for a graph `graph(f, …)` traced (nil for a loaded graph).
    public let numeric: NumericGraph?
    private var games: [(model: CostModel, game: EliminationGame)] = []

    public init(_ graph: ComputationalGraph) {
        self.graph = graph
        numeric = nil
    }

    public init(_ numeric: NumericGraph) {
        graph = numeric.graph
        self.numeric = numeric
    }

    /// The graph's vertex game under a cost model (compiled on first use); an error points at `range`.
    func game(_ model: CostModel = .paper, at range: SourceRange? = nil) throws(ScriptError) -> EliminationGame {
        if let known = games.first(where: { $0.model.isSame(as: model) }) { return known.game }
        if model.needsTracedGraph && numeric == nil {
            throw .runtime("the \(model.name) model needs a traced graph (graph(f, …)); a loaded graph has no values", at: range)
        }
        do {
            let game = try numeric.map { numeric throws(GraphError) in try EliminationGame(numeric, model: model) }
                ?? EliminationGame(graph, model: model)
            // Keep few: a session may try many models on one graph.
            if games.count >= 8 { games.removeFirst() }
            games.append((model, game))
            return game
        } catch {
            throw .runtime("cannot play the graph's elimination game: \(error)", at: range)
        }
    }

    /// The `paper` cost of the cheapest order the graph file carries from a publication.
    var bestPublished: Double? {
        guard let game = try? game() else { return nil }
        return graph.publishedOrders.compactMap { try? game.cost(of: $0.order).total }.min()
    }

    /// The names of `fields`.
    static let fieldNames = ["name", "inputs", "vertices", "eliminable", "outputs", "edges", "best_published"]

    /// `g.name`, `g.inputs`, … : what a script can read. Inputs and outputs are lists of records
    /// (`name`, `shape`), so `len(g.inputs)` counts them; vertices and edges are counts.
    var fields: [(name: String, value: Value)] {
        func node(_ kind: String, _ name: String, _ shape: Shape) -> Value {
            .record(Record(kind: kind, fields: [("name", .string(name)), ("shape", .tuple(shape.dims.map { .number(Double($0)) }))]))
        }
        return [
            ("name", .string(graph.name)),
            ("inputs", .list(graph.inputs.map { node("input", $0.name, $0.shape) })),
            ("vertices", .number(Double(graph.vertexCount))),
            ("eliminable", .number(Double(graph.intermediateCount))),
            ("outputs", .list(graph.outputs.map { node("output", "v\($0)", graph.vertices[$0 - 1].shape) })),
            ("edges", .number(Double(graph.edges.count))),
            ("best_published", bestPublished.map { .number(Double($0)) } ?? .nothing),
        ]
    }
}
