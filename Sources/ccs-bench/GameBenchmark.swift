import CrossCountry

/// Full elimination episodes per second on every paper graph, one core: random valid orders (the
/// load search and training put on the game), the same through the general record path (the
/// baseline the scalar fast path is measured against), and Markowitz (a degree scan per step).
enum GameBenchmark {
    static func run(graphs: [ComputationalGraph], seconds: Double) throws {
        var rows: [[String]] = []
        for graph in graphs {
            let game = try EliminationGame(graph)
            let general = try EliminationGame(graph, scalarFastPath: false)
            let random = randomEpisodes(game, seconds: seconds)
            let baseline = game.isScalar ? randomEpisodes(general, seconds: seconds) : random
            let markowitz = Harness.rate(seconds: seconds / 2) {
                _ = game.markowitzOrder()
                return 1
            }
            let steps = Double(game.eliminable.count)
            rows.append([
                graph.name, "\(game.eliminable.count)", Harness.format(random), Harness.format(1e9 / (random * steps), digits: 1),
                Harness.format(random / baseline, digits: 2) + "×", Harness.format(markowitz),
            ])
        }
        print(TextTable(header: ["graph", "steps", "random ep/s", "ns/step", "vs general path", "Markowitz ep/s"], rows: rows).text)
    }

    /// Episodes per second with uniformly random valid orders, reusing one state.
    static func randomEpisodes(_ game: EliminationGame, seconds: Double) -> Double {
        var state = game.start()
        var remaining = game.eliminable
        var rng = SplitMix64(seed: 1)
        var checksum = 0.0
        let rate = Harness.rate(seconds: seconds) {
            var episodes = 0
            for _ in 0..<64 {
                state.reset()
                var n = remaining.count
                while n > 0 {
                    let j = Int(rng.next() % UInt64(n))
                    remaining.swapAt(j, n - 1)
                    state.eliminate(remaining[n - 1])
                    n -= 1
                }
                checksum += state.cost
                episodes += 1
            }
            return episodes
        }
        precondition(checksum != 0)
        return rate
    }
}
