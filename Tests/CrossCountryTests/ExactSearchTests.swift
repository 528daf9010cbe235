@testable import CrossCountry
import Testing

/// The exact search finds the brute-force optimum on random scalar and tensor-typed graphs, from a
/// poor starting order, and proves it.
@Suite struct ExactSearchTests {
    @Test(arguments: [false, true])
    func matchesBruteForce(tensor: Bool) throws {
        var improved = 0
        for seed in UInt64(1)...UInt64(RandomGraphs.count(120)) {
            let eliminable = 3 + Int(seed % 7)
            let graph = RandomGraphs.make(seed: seed &* 104_729 &+ (tensor ? 7 : 0), eliminable: eliminable, tensor: tensor)
            let game = try EliminationGame(graph)
            let optimum = BruteForce.optimum(game)
            // Start from the worse of forward and reverse so the search has work to do.
            let start = [game.forwardOrder, game.reverseOrder].max { game.playedCost($0) < game.playedCost($1) }!
            var exact = try #require(ExactSearch(game: game, incumbent: start, cost: Int(game.playedCost(start))))
            exact.run { false }
            #expect(exact.isProven)
            #expect(Double(exact.incumbentCost) == optimum, "seed \(seed): exact \(exact.incumbentCost), brute force \(optimum)")
            #expect(Double(exact.lowerBound) == optimum)
            #expect(try game.cost(of: exact.incumbent).total == optimum)
            if optimum < game.playedCost(start) { improved += 1 }
        }
        #expect(improved > RandomGraphs.count(120) / 6)
    }

    /// Through `search`: the exact method and `auto` prove small graphs' optima.
    @Test func searchProvesSmallGraphs() throws {
        for seed in UInt64(1)...12 {
            let game = try EliminationGame(RandomGraphs.make(seed: seed, eliminable: 6 + Int(seed % 3), tensor: seed % 2 == 0))
            let optimum = BruteForce.optimum(game)
            for method in [SearchMethod.exact, .auto] {
                let result = try game.search(SearchOptions(seconds: 60, method: method))
                #expect(result.isOptimal)
                #expect(result.cost == optimum && result.lowerBound == optimum)
                #expect(result.summary == "cost \(Int(optimum)), optimal")
            }
        }
    }
}
