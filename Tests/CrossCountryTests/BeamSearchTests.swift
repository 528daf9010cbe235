@testable import CrossCountry
import Testing

/// Beam search never does worse than its rollout heuristic and gives the same order on any
/// number of threads.
@Suite struct BeamSearchTests {
    @Test(arguments: ["Perceptron", "PropaneCombustion"])
    func beatsItsRolloutAndIgnoresThreads(name: String) throws {
        let game = try EliminationGame(try #require(TestVectors.graphs.first { $0.name == name }))
        for (heuristic, tieBreak) in [(Heuristic.markowitz, TieBreak.lowest), (.reverse, .lowest)] {
            let beam = BeamSearch(game: game, width: 2, branching: 3, rollout: heuristic, tieBreak: tieBreak)
            let one = try #require(beam.run(threads: 1) { false })
            let two = try #require(beam.run(threads: 2) { false })
            #expect(one.order == two.order)
            #expect(try game.cost(of: one.order).total == one.cost)
            #expect(one.cost <= game.playedCost(game.order(heuristic, tieBreak: tieBreak)))
        }
    }

    @Test func aStopCutsItShort() throws {
        let game = try EliminationGame(try #require(TestVectors.graphs.first { $0.name == "g" }))
        #expect(BeamSearch(game: game, width: 4, rollout: .markowitz, tieBreak: .lowest).run(threads: 2) { true } == nil)
    }

    @Test func searchWidensOneRoundAtATime() throws {
        let game = try EliminationGame(try #require(TestVectors.graphs.first { $0.name == "Perceptron" }))
        let result = try game.search(SearchOptions(method: .beam, rounds: 3))
        #expect(result.rounds == 3)
        #expect(result.cost <= 392)
        #expect(try game.cost(of: result.order).total == result.cost)
    }
}
