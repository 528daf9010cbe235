import CrossCountry
import Testing

/// Every kind of bad order is rejected with a message naming the vertex.
@Suite struct OrderTests {
    static func game() throws -> EliminationGame {
        try EliminationGame(try #require(TestVectors.graphs.first { $0.name == "RoeFlux_1d" }))
    }

    @Test func validOrdersPass() throws {
        let game = try Self.game()
        try game.validate(game.forwardOrder)
        try game.validate(game.markowitzOrder())
    }

    @Test func unknownVertex() throws {
        let game = try Self.game()
        #expect(throws: OrderError.unknownVertex(150, vertexCount: 101)) { try game.cost(of: game.forwardOrder + [150]) }
        #expect(throws: OrderError.unknownVertex(0, vertexCount: 101)) { try game.cost(of: [0] + game.forwardOrder) }
    }

    @Test func output() throws {
        let game = try Self.game()
        #expect(throws: OrderError.output(97)) { try game.cost(of: [97] + game.forwardOrder) }
    }

    @Test func duplicate() throws {
        let game = try Self.game()
        var order = game.forwardOrder
        order[10] = order[2]
        #expect(throws: OrderError.duplicate(3, firstPosition: 3, secondPosition: 11)) { try game.cost(of: order) }
    }

    @Test func missing() throws {
        let game = try Self.game()
        let order = game.forwardOrder.filter { $0 != 5 && $0 != 7 }
        #expect(throws: OrderError.missing([5, 7], eliminableCount: 98)) { try game.cost(of: order) }
        #expect(OrderError.missing([5, 7], eliminableCount: 98).description == "the order misses 2 of 98 eliminable vertices: 5, 7")
    }

    @Test func parsing() throws {
        #expect(try EliminationGame.parseOrder("3,1, 2") == [3, 1, 2])
        #expect(try EliminationGame.parseOrder("[v3 v1 v2]") == [3, 1, 2])
        #expect(throws: OrderError.input(2)) { try EliminationGame.parseOrder("3,x2") }
        #expect(throws: OrderError.malformed("a")) { try EliminationGame.parseOrder("3,a") }
        #expect(OrderError.input(2).description == "x2 is an input; inputs are never eliminated")
        #expect(OrderError.output(97).description == "vertex 97 is an output; outputs are never eliminated")
        #expect(OrderError.duplicate(3, firstPosition: 3, secondPosition: 11).description
            == "vertex 3 appears twice, at positions 3 and 11")
        #expect(OrderError.unknownVertex(150, vertexCount: 101).description == "vertex 150 does not exist; the graph has vertices 1…101")
    }

    @Test func statesCopyAndReset() throws {
        let game = try Self.game()
        var state = game.start()
        for v in game.forwardOrder.prefix(40) { state.eliminate(v) }
        var copy = state
        for v in game.forwardOrder.dropFirst(40) { copy.eliminate(v) }
        #expect(copy.cost == 620)
        #expect(state.eliminated.count == 40)
        #expect(!state.isFinished && copy.isFinished)
        copy.reset()
        #expect(copy.cost == 0 && copy.eliminated.isEmpty)
        for v in game.reverseOrder { copy.eliminate(v) }
        #expect(copy.cost == 364)
    }
}
