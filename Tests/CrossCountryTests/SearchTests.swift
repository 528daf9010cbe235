@testable import CrossCountry
import CCSTestSupport
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

    /// A stop while the starting Markowitz order is built (a tenth of a second on a 100,000-vertex
    /// graph): the order is finished forward, so an interrupted search still answers at once with a
    /// complete order and its cost; the baselines a policy starts from stop there too.
    @Test func aStopDuringTheStartingMarkowitzOrderFinishesItForward() throws {
        let game = try EliminationGame(try ChainGraph.traced(iterations: 600).graph)
        let stop = StopFlag()
        stop.raise()
        let result = try game.search(SearchOptions(seconds: 60), stop: stop)
        #expect(result.wasInterrupted)
        #expect(result.method == "markowitz (stopped, finished forward)")
        try game.validate(result.order)
        #expect(try game.cost(of: result.order).total == result.cost)
        #expect(result.order.prefix(1_023) == game.markowitzOrder().prefix(1_023))
        let rest = Array(result.order.dropFirst(1_023))
        #expect(!rest.isEmpty && rest == rest.sorted())
        #expect(BaselineCosts(game, shouldStop: { true }) == nil)
        let baselines = BaselineCosts(game)
        #expect(baselines.markowitz == (try game.cost(of: game.markowitzOrder()).total))
        #expect(baselines.reverse == (try game.cost(of: game.reverseOrder).total))
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
