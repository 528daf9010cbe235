import CrossCountry

/// Simulated annealing on one core: moves costed per second through snapshot trails, against
/// full re-plays of an order per second (what each move would cost without snapshots). Graphs the
/// lower bound proves optimal before annealing starts show no moves.
enum SearchBenchmark {
    static func run(graphs: [ComputationalGraph], seconds: Double) throws {
        var rows: [[String]] = []
        for graph in graphs {
            let game = try EliminationGame(graph)
            let result = try game.search(SearchOptions(seconds: seconds, method: .annealing, seed: 1, chains: 1))
            let moves = Double(result.moves) / result.elapsed
            var state = game.start()
            let order = result.order
            let replays = Harness.rate(seconds: seconds / 2) {
                for _ in 0..<16 {
                    state.reset()
                    for v in order { state.eliminate(v) }
                }
                return 16
            }
            let annealed = result.moves > 0
            rows.append([
                graph.name, "\(game.eliminable.count)", annealed ? Harness.format(moves) : "–", Harness.format(replays),
                annealed ? Harness.format(moves / replays, digits: 1) + "×" : "–", Tensor.format(result.cost),
            ])
        }
        print(TextTable(header: ["graph", "steps", "SA moves/s", "full re-plays/s", "speedup", "cost"], rows: rows).text)
    }
}
