@testable import CrossCountry
import CCSTestSupport
import Testing

/// The checks of user-given numbers, the shape limit and the game's cost ceiling.
@Suite struct BoundsTests {
    @Test func wholeNumbersConvertOnlyInRange() throws {
        #expect(try Bounds.whole(12.0, "n", in: 1...20) == 12)
        for bad in [0.5, -1, 21, 1e300, .infinity, -.infinity, .nan, 9.3e18, -9.3e18] {
            #expect(throws: Bounds.Violation.self) { try Bounds.whole(bad, "n", in: 1...20) }
        }
        #expect(throws: Bounds.Violation("rounds must be a whole number from 1 to 1,000,000,000, got 1e+300")) {
            try Bounds.whole(1e300, "rounds", in: Bounds.repetitions)
        }
    }

    @Test func durationsAreFiniteAndAtMostThirtyDays() throws {
        #expect(try Bounds.duration(0.5, "seconds") == 0.5)
        #expect(try Bounds.duration(0, "seconds", allowsZero: true) == 0)
        #expect(try Bounds.duration(43_200, "minutes", secondsPerUnit: 60, unit: "minutes") == 43_200)
        #expect(throws: Bounds.Violation("minutes must be a number more than 0 and at most 43200 minutes (30 days), got 43201")) {
            try Bounds.duration(43_201, "minutes", secondsPerUnit: 60, unit: "minutes")
        }
        for bad in [0, -1, .nan, .infinity, 2_592_001] {
            #expect(throws: Bounds.Violation.self) { try Bounds.duration(bad, "seconds") }
        }
        // The engine keeps a library caller's budget within range instead of trapping on it.
        #expect(SearchOptions(seconds: 1e300).budgetSeconds == Bounds.longestSeconds)
        #expect(SearchOptions(seconds: .nan).budgetSeconds == 0)
    }

    @Test func productsReportOverflowInsteadOfTrapping() throws {
        #expect(Bounds.checkedProduct([1 << 31, 1 << 31]) == 1 << 62)
        #expect(Bounds.checkedProduct([1 << 32, 1 << 32]) == nil)
        #expect(Bounds.checkedSum([Int.max, 1]) == nil)
        #expect(try Bounds.product([3, 4], of: "a (3,4) tensor", atMost: 12) == 12)
        #expect(throws: Bounds.Violation("a (3,5) tensor would hold 15 elements; ccs holds at most 12 in one value")) {
            try Bounds.product([3, 5], of: "a (3,5) tensor", atMost: 12, where: "in one value")
        }
        #expect(throws: Bounds.Violation("the Jacobian would hold more than 9,223,372,036,854,775,807 entries; ccs holds at most 12")) {
            try Bounds.product([1 << 62, 4], of: "the Jacobian", unit: "entries", atMost: 12)
        }
    }

    @Test func shapesPastTheLimitAreRefused() throws {
        #expect(try Shape(dims: [1 << 20, 1 << 20]).count == Shape.largestCount)
        #expect(throws: ShapeError.tooLarge([1 << 20, (1 << 20) + 1])) { try Shape(dims: [1 << 20, (1 << 20) + 1]) }
        #expect(throws: ShapeError.tooLarge([1 << 62, 4])) { try Shape(dims: [1 << 62, 4]) }
        #expect(Shape.count(of: ShapePair(-(1 << 40), 1)) == 1 << 40)
        #expect(Shape.count(of: ShapePair(Int.min, 2)) == nil)
    }

    /// The ceiling is an upper bound: no order — heuristic or random — costs more on random graphs.
    @Test func theCostBoundHoldsForEveryOrder() throws {
        var rng = SplitMix64(seed: 7)
        for seed in 0..<UInt64(RandomGraphs.count(150)) {
            let graph = RandomGraphs.make(seed: seed, eliminable: 2 + Int(seed % 7), tensor: seed % 3 != 0)
            let (total, passed) = graph.costBound(limit: .max)
            #expect(passed == nil)
            let bound = try #require(total)
            let game = try EliminationGame(graph)
            var orders = game.heuristicOrders().map(\.order) + [game.forwardOrder, game.reverseOrder]
            for _ in 0..<5 { orders.append(game.eliminable.shuffled(using: &rng)) }
            for order in orders {
                let cost = try game.cost(of: order).total
                #expect(cost <= Double(bound), "\(graph.name): \(order) costs \(cost), above the bound \(bound)")
            }
        }
    }

    /// Dense chains of million-element matrices could cost ~10^18 multiplications in one step; the
    /// game refuses them, naming the vertex, while the same chain of smaller matrices plays.
    @Test func theGameRefusesGraphsWhoseCostsCouldOverflow() throws {
        func chain(_ shape: Shape) throws -> ComputationalGraph {
            try ComputationalGraph(
                name: "chain", inputs: [.init(name: "x", shape: shape)],
                vertices: (1...3).map { _ in .init(op: "sin", shape: shape) }, outputs: [3],
                edges: [Edge(source: .input(1), target: 1, type: .dense, targetShape: shape.pair, sourceShape: shape.pair)]
                    + (1...2).map { Edge(source: .vertex($0), target: $0 + 1, type: .dense, targetShape: shape.pair, sourceShape: shape.pair) })
        }
        #expect(throws: GraphError.self) { try EliminationGame(try chain(.matrix(1000, 1000))) }
        #expect(try chain(.matrix(1000, 1000)).vertexPassingCostCeiling == 1)
        #expect(try chain(.matrix(100, 100)).vertexPassingCostCeiling == nil)
        _ = try EliminationGame(try chain(.matrix(100, 100)))
    }

    /// The bound on every order's total is cubic in the graph's size: a chain of 400 vertices on
    /// 1,000-vectors passes 2^53 by it, although its orders cost a few million. The game plays it
    /// (once refused as "too large for exact costs", which turned the 100,000-vertex chain of
    /// 5-vectors away from search), search returns an order with its exact cost and says why there
    /// is no lower bound.
    @Test func aGraphWhoseTotalBoundPassesTwoToThe53IsSearched() throws {
        let graph = try ChainGraph.traced(iterations: 100, width: 1_000).graph
        #expect(graph.costBound(limit: ComputationalGraph.largestCost).total == nil)
        #expect(graph.vertexPassingCostCeiling == nil)
        let game = try EliminationGame(graph)
        #expect(!game.totalsAreExact)
        #expect(LowerBound(game: game) == nil)
        let markowitz = try game.cost(of: game.markowitzOrder()).total
        let result = try game.search(SearchOptions(seconds: 0.5))
        #expect(result.cost <= markowitz)
        #expect(try game.cost(of: result.order).total == result.cost)
        #expect(result.lowerBound == nil)
        #expect(result.notes.contains("no lower bound: an order on this graph could cost more than 2^53, past whole-number sums"),
                "\(result.notes)")
        #expect(!result.notes.contains { $0.contains("rounded") })
        let exact = try game.search(SearchOptions(seconds: 0.2, method: .exact))
        #expect(exact.notes.contains { $0.hasPrefix("no exact search: an order on this graph could cost more than 2^53") })
    }

    /// Every node of this graph feeds every later one through a dense Jacobian between 40,000-vectors:
    /// each step stays within 2^53 (the game plays it, each step exact), while whole orders cost
    /// more; search says its total is rounded.
    @Test func aCostPastTwoToThe53IsReportedAsRounded() throws {
        let m = 40_000, k = 20
        let shape = Shape.vector(m).pair
        let edges = (1...k).flatMap { target in
            ([Node.input(1)] + (1..<target).map { Node.vertex($0) }).map {
                Edge(source: $0, target: target, type: .dense, targetShape: shape, sourceShape: shape)
            }
        }
        let graph = try ComputationalGraph(
            name: "complete", inputs: [.init(name: "x", shape: .vector(m))],
            vertices: (1...k).map { _ in .init(op: "sin", shape: .vector(m)) }, outputs: [k], edges: edges)
        #expect(graph.vertexPassingCostCeiling == nil)
        let game = try EliminationGame(graph)
        #expect(!game.totalsAreExact)
        let result = try game.search(SearchOptions(seconds: 0.3, method: .heuristics))
        #expect(result.cost > Double(ComputationalGraph.largestCost))
        #expect(result.notes.contains("the cost is past 2^53: it is rounded to double precision"), "\(result.notes)")
    }
}
