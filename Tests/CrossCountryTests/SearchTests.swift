@testable import CrossCountry
import Testing

/// `search`: valid orders whose reported cost is their cost, reproducible from a seed and a
/// number of rounds, interruptible, and never worse than the heuristics it starts from.
@Suite struct SearchTests {
    static func game(_ name: String) throws -> EliminationGame {
        try EliminationGame(try #require(TestVectors.graphs.first { $0.name == name }))
    }

    @Test(arguments: ["RoeFlux_1d", "Perceptron"])
    func annealingIsReproducibleFromSeedAndRounds(name: String) throws {
        let game = try Self.game(name)
        var options = SearchOptions(seconds: 1000, method: .annealing, seed: 7, rounds: 2)
        options.annealingMovesPerVertex = 40
        let first = try game.search(options)
        let second = try game.search(options)
        #expect(first.order == second.order)
        #expect(first.rounds == 2 && first.moves == second.moves && first.moves > 0)
        #expect(try game.cost(of: first.order).total == first.cost)
        let bestHeuristic = try #require(game.heuristicOrders().map(\.cost).min())
        #expect(first.cost <= bestHeuristic)
        #expect(try #require(first.lowerBound) <= first.cost)
    }

    @Test func differentSeedsExploreDifferently() throws {
        let game = try Self.game("Perceptron")
        let orders = try (1...3).map { seed in
            var options = SearchOptions(method: .annealing, seed: UInt64(seed), rounds: 1)
            options.annealingMovesPerVertex = 20
            return try game.search(options).order
        }
        #expect(Set(orders).count >= 2)
    }

    @Test func aRaisedStopFlagReturnsTheBestSoFar() throws {
        let game = try Self.game("RoeFlux_3d")
        let stop = StopFlag()
        stop.raise()
        let result = try game.search(SearchOptions(seconds: 60, method: .annealing), stop: stop)
        #expect(result.wasInterrupted)
        #expect(result.cost == game.heuristicOrders().map(\.cost).min())
        #expect(try game.cost(of: result.order).total == result.cost)
    }

    @Test func progressReportsNeverGetWorse() throws {
        let game = try Self.game("g")
        var costs: [Double] = []
        var options = SearchOptions(method: .annealing, seed: 3, rounds: 1)
        options.annealingMovesPerVertex = 50
        let result = try game.search(options) { costs.append($0.cost) }
        #expect(!costs.isEmpty)
        #expect(costs == costs.sorted(by: >=))
        #expect(costs.last == result.cost)
    }

    /// The lower bound meets the heuristics on three published graphs, which proves them optimal.
    @Test(arguments: [("PropaneCombustion", 88), ("HumanHeartDipole", 148), ("RobotArm_6DOF", 221)])
    func boundProvesPublishedOptima(name: String, cost: Int) throws {
        let result = try Self.game(name).search(SearchOptions(method: .heuristics))
        #expect(result.cost == Double(cost))
        #expect(result.lowerBound == Double(cost))
        #expect(result.isOptimal)
        #expect(result.summary == "cost \(cost), optimal")
    }

    @Test func gapIsRelativeToTheBound() throws {
        let result = SearchResult(order: [], cost: 320, lowerBound: 301, isOptimal: false, elapsed: 0, method: "",
                                  rounds: 0, moves: 0, wasInterrupted: false)
        #expect(abs(try #require(result.gap) - 19.0 / 301) < 1e-12)
        #expect(result.summary == "cost 320, lower bound 301, gap ≤ 6.4%")
    }
}
