import Agent
import CrossCountry

/// Graph files under fuzzing: an input is the bytes of a graph file (ccs's format or the paper's).
/// Every graph it holds is summarised, exported, written and read back — which must give the same
/// graph — and, when the game accepts it, played: every heuristic, costs, a short search and the
/// shipped policy's order.
enum GraphHarness {
    static func run(_ bytes: [UInt8]) {
        guard let graphs = try? GraphFile.graphs(in: bytes, path: "fuzz.json") else { return }
        for graph in graphs.prefix(4) {
            _ = GraphSummary(graph).text
            _ = DOTExport.text(of: graph)
            let written = Array(GraphFile.text(of: graph).utf8)
            guard let again = try? GraphFile.graphs(in: written, path: "again.json"), again.count == 1,
                  again[0].differences(from: graph).isEmpty else {
                preconditionFailure("a graph does not read back as written: \(graph.name)")
            }
            guard let game = try? EliminationGame(graph) else { continue }
            for heuristic in Heuristic.allCases {
                let order = game.order(heuristic)
                guard (try? game.cost(of: order)) != nil else { preconditionFailure("heuristic \(heuristic) gives an invalid order") }
            }
            var options = SearchOptions(seconds: 0.1, method: .auto, seed: 1, rounds: 1)
            options.timeLimitsRounds = true
            guard let found = try? game.search(options, stop: StopFlag()) else { continue }
            guard (try? game.cost(of: found.order).total) == found.cost, (found.lowerBound ?? 0) <= found.cost else {
                preconditionFailure("search reports a cost its order does not have, or a bound above it")
            }
            if let policy = shipped { _ = try? policy.order(for: graph) }
        }
    }

    /// The shipped policy, loaded once: applying it exercises the agent's features on odd graphs.
    static let shipped: Policy? = try? Policy.resolve("paper-joint")

    static var dictionary: [String] {
        let tokens = ["{", "}", "[", "]", ",", ":", "\"", "null", "true", "false", "-1", "0", "1", "2", "1e9", "-10", "11",
                      "1099511627777", "9007199254740993", "\"format\"", "\"ccs-graph\"", "\"version\"", "\"name\"",
                      "\"inputs\"", "\"vertices\"", "\"outputs\"", "\"edges\"", "\"orders\"", "\"from\"", "\"to\"", "\"type\"",
                      "\"shape\"", "\"op\"", "\"from_shape\"", "\"to_shape\"", "\"order\"", "\"cost\"", "\"step_costs\"",
                      "\"source\"", "\"x1\"", "\"v1\"", "\"v2\"", "[1000000, 1000000]", "\\u0000", "\\ud800"]
        return tokens.map(dictionaryEntry)
    }

    /// Small graphs in ccs's format and the paper's, so that mutations start from short inputs too.
    static var seeds: [(name: String, bytes: [UInt8])] {
        let paper = #"""
            {"num_inputs": 2, "num_vertices": 3, "input_shapes": [[], [3]], "output_vertices": [3],
             "vertex_primitives": ["mul", "sin", "add"],
             "edges": [["x", 1, 1, 7, 3, 1, 1, 1], ["x", 2, 1, 8, 3, 1, 3, 1], ["v", 1, 2, 8, 3, 1, 3, 1],
                       ["v", 1, 3, 8, 3, 1, 3, 1], ["v", 2, 3, 8, 3, 1, 3, 1]],
             "orders": [{"name": "forward", "order": [1, 2], "cost_vertexgame": 9}]}
            """#
        var seeds = [("small.paper.json", Array(paper.utf8))]
        if let graph = try? PaperGraphs.load("PropaneCombustion") {
            seeds.append(("PropaneCombustion.ccs-graph.json", Array(GraphFile.text(of: graph).utf8)))
        }
        return seeds
    }
}
