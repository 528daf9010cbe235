import Agent
import CrossCountry

/// The agent's speed on three paper graphs: applying a policy greedily (one network evaluation per
/// move) against building the Markowitz order in the same run, policy-guided search with 16
/// simulations per move, and training throughput on both cores.
enum AgentBenchmark {
    static func run(graphs: [ComputationalGraph], seconds: Double) throws {
        var settings = TrainingSettings()
        settings.gamesPerIteration = 8
        let policy = Policy.untrained(settings: settings)
        var rows: [[String]] = []
        for graph in graphs where ["RoeFlux_1d", "RoeFlux_3d", "Encoder"].contains(graph.name) {
            let game = try EliminationGame(graph)
            let moves = Double(game.eliminable.count)
            let markowitz = Harness.time(repetitions: 5) { _ = game.markowitzOrder() }
            let greedy = Harness.time(repetitions: 5) { _ = try? policy.order(for: graph) }
            let searched = Harness.time(repetitions: 3) { _ = try? policy.order(for: graph, search: 16) }
            let games = Harness.rate(seconds: seconds * 4, rounds: 3) {
                (try? train([graph], budget: .games(8), settings: settings)).map { _ in 8 } ?? 0
            }
            rows.append([
                graph.name, "\(game.eliminable.count)", Harness.format(greedy * 1e3, digits: 1),
                Harness.format(greedy / moves * 1e6), Harness.format(greedy / markowitz, digits: 1) + "×",
                Harness.format(searched * 1e3), Harness.format(moves * 16 / searched), Harness.format(games, digits: 1),
            ])
        }
        print(TextTable(header: ["graph", "moves", "greedy ms", "µs/move", "vs Markowitz", "search-16 ms", "simulations/s",
                                 "training games/s"], rows: rows).text)
    }
}
