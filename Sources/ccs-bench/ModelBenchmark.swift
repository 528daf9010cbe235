import CrossCountry
import Script

/// Cost models on the hot paths, one core: a greedy order (every remaining vertex priced at every
/// step) and annealing moves under the built-in `paper`, under a `.ccs` model compiled by the
/// language (`fn m(ins, outs) = len(ins) * len(outs)`), and under the same model written as a Swift
/// closure (what compiling cannot beat); variants alternate round by round, medians reported.
enum ModelBenchmark {
    static let source = "fn m(ins, outs) = len(ins) * len(outs)"
    static let graphNames = ["RoeFlux_1d", "RobotArm_6DOF", "Encoder"]

    static func run(seconds: Double) throws {
        let session = Session(write: { _ in })
        if let error = session.run(source, name: "model.ccs").error { throw error }
        guard let compiled = try session.costModel("m") else { fatalError("m is a function") }
        let native = CostModel.function("swift", EdgeCostFunction { Double($0.inCount * $0.outCount) })
        let variants: [(name: String, model: CostModel)] = [("paper", .paper), (".ccs m", compiled), ("Swift m", native)]

        var greedyRows: [[String]] = [], annealingRows: [[String]] = []
        for name in graphNames {
            let graph = try PaperGraphs.load(name)
            let games = try variants.map { try EliminationGame(graph, model: $0.model) }
            // Greedy: alternate the variants, one order each per round.
            var times = [[Double]](repeating: [], count: variants.count)
            let rounds = max(5, Int(seconds * 10))
            for _ in 0..<rounds {
                for (k, game) in games.enumerated() {
                    let start = Harness.now()
                    precondition(!game.order(.lowestCost).isEmpty)
                    times[k].append(Harness.now() - start)
                }
            }
            let greedy = times.map(Harness.median)
            greedyRows.append([name, "\(games[0].eliminable.count)"] + greedy.map { Harness.format($0 * 1e6, digits: 0) }
                + [Harness.format(greedy[1] / greedy[0], digits: 2) + "×", Harness.format(greedy[2] / greedy[0], digits: 2) + "×"])

            // Annealing: moves per second of one chain, the variants in turn, three times.
            var rates = [[Double]](repeating: [], count: variants.count)
            for round in 0..<3 {
                for (k, game) in games.enumerated() {
                    let result = try game.search(SearchOptions(seconds: seconds / 3, method: .annealing, seed: UInt64(round + 1), chains: 1))
                    if result.moves > 0 { rates[k].append(Double(result.moves) / result.elapsed) }
                }
            }
            let moves = rates.map { $0.isEmpty ? 0 : Harness.median($0) }
            annealingRows.append([name] + moves.map { $0 > 0 ? Harness.format($0) : "–" }
                + [moves[0] > 0 && moves[1] > 0 ? Harness.format(moves[0] / moves[1], digits: 2) + "×" : "–"])
        }
        print("greedy order, µs (median of alternating rounds); slowdown against paper")
        print(TextTable(header: ["graph", "steps", "paper", ".ccs m", "Swift m", ".ccs / paper", "Swift / paper"], rows: greedyRows).text)
        print("\nannealing, moves per second of one chain (the lower bound may prove paper optimal first: –)")
        print(TextTable(header: ["graph", "paper", ".ccs m", "Swift m", "paper / .ccs"], rows: annealingRows).text)
    }
}
