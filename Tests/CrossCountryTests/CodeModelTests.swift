import CCSTestSupport
@testable import CrossCountry
import Foundation
import Testing

/// The `code` cost model against the generated C itself: the operations of a Jacobian's C, read
/// back from its text (`COperationCount`), are what every order computes alike — the primal values
/// and local partials the results need (`CostModel.fixedOperations`) — plus the elimination's,
/// which `code` predicts step by step.
@Suite struct CodeModelTests {
    /// On random scalar programs, for forward, reverse, Markowitz and random orders: the C divides
    /// and calls exactly as the fixed operations say (the elimination only multiplies and adds),
    /// never multiplies or adds more than predicted, and has exactly the predicted operations
    /// unless it forms a product or sum twice asked for once (two edges with the same value
    /// multiplied by the same partial: the model prices each, the code shares them).
    @Test func theModelCountsTheOperationsOfTheGeneratedC() throws {
        var generator = RandomPrograms(seed: 5)
        var exact = 0, total = 0
        for k in 0..<RandomGraphs.count(200) {
            let g = generator.make(scalarOnly: true).graph
            let game = try EliminationGame(g, model: .code)
            for (name, order) in CostModelTests.orders(game, seed: UInt64(k)) {
                let label = "program \(k), \(name) \(order)"
                let r = try CodeModelComparison(g, order)
                #expect(r.total == r.kindsTotal, "\(label)")
                #expect(r.c.divisions == r.predicted.divisions && r.c.calls == r.predicted.calls, "\(label): C \(r.c), predicted \(r.predicted)")
                #expect(r.c.multiplications <= r.predicted.multiplications && r.c.additions <= r.predicted.additions,
                        "\(label): C \(r.c), predicted \(r.predicted)")
                if r.exact { exact += 1 }
                total += 1
            }
        }
        #expect(exact * 10 >= total * 9, "the model equals the C on \(exact) of \(total) orders")
    }

    /// Dead code costs nothing: a product onto an edge that cannot reach the Jacobian — here from
    /// a comparison, whose partials are zero — is dropped by the emitter and by the model.
    @Test func productsTheJacobianDoesNotNeedAreFree() throws {
        let b = GraphBuilder(name: "dead")
        let x = try b.input("x", Tensor(0.5))
        let s = try b.apply(.sin, [try b.apply(.mul, [x, x])])
        let t = try b.apply(.mul, [s, try b.apply(.cos, [x])])
        try b.markOutput(try b.apply(.greater, [t, x]))
        let g = try b.build()
        let game = try EliminationGame(g, model: .code)
        for order in [game.forwardOrder, game.reverseOrder] {
            #expect(try game.cost(of: order).total == 0)
            let r = try CodeModelComparison(g, order)
            #expect(r.exact, "\(order): C \(r.c), predicted \(r.predicted)")
        }
    }
}
