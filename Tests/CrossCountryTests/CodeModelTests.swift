import CCSTestSupport
@testable import CrossCountry
import Foundation
import Testing

/// The `code` cost model against the generated C itself: the operations of a Jacobian's C, read
/// back from its text (`COperationCount`), are what every order computes alike — the primal values
/// and local partials the results need (`CostModel.fixedOperations`) — plus the elimination's,
/// which `code` predicts step by step.
@Suite struct CodeModelTests {
    /// On random scalar programs, for forward, reverse, Markowitz and random orders: the C has
    /// exactly the predicted operations of every kind — including where it forms a product or sum
    /// once that several edges, or several steps, ask for (two edges with the same value multiplied
    /// by the same partial). Each step costs what `costOfEliminating` predicted just before it, and
    /// the steps add up to the total.
    @Test func theModelCountsTheOperationsOfTheGeneratedC() throws {
        var generator = RandomPrograms(seed: 5)
        var exact = 0, total = 0
        for k in 0..<RandomGraphs.count(200) {
            let g = generator.make(scalarOnly: true).graph
            let game = try EliminationGame(g, model: .code)
            for (name, order) in CostModelTests.orders(game, seed: UInt64(k)) {
                let label = "program \(k), \(name) \(order)"
                let steps = CostModelTests.played(game, order, label)
                let r = try CodeModelComparison(g, order)
                #expect(r.total == steps.reduce(0, +), "\(label)")
                #expect(r.exact, "\(label): C \(r.c), predicted \(r.predicted)")
                if r.exact { exact += 1 }
                total += 1
            }
        }
        #expect(exact == total, "the model equals the C on \(exact) of \(total) orders")
    }

    /// On random tensor programs (vectors, matrices, broadcasting, reductions, matrix products),
    /// for forward, reverse, Markowitz and five random orders: the same, edges of up to 256
    /// entries formed entry by entry as the plan compiler adds them, and instructions of more
    /// than 256 operations counted as the loops they run as (`KernelLoop`), which recompute per
    /// iteration what straight-line code shares, fold nothing and add every term (8 of the 800
    /// orders here, all of one program; the tensor tasks have many more, `TaskCodeModelTests`).
    @Test func theModelCountsTheOperationsOfTheGeneratedCOnTensorPrograms() throws {
        var generator = RandomPrograms(seed: 31)
        var exact = 0, total = 0, loops = 0, exactLoops = 0
        for k in 0..<RandomGraphs.count(100) {
            let g = generator.make().graph
            let game = try EliminationGame(g, model: .code)
            var rng = SplitMix64(seed: UInt64(k))
            let orders = [game.forwardOrder, game.reverseOrder, game.markowitzOrder()] + (0..<5).map { _ in game.eliminable.shuffled(using: &rng) }
            for order in orders {
                let plan = try PlanCompiler(g, order: order)
                let looped = plan.program.instructions.contains { KernelLoop.make($0, plan, threshold: KernelBuilder.defaultLoopThreshold) != nil }
                let r = try CodeModelComparison(g, order)
                #expect(r.exact, "program \(k), \(order)\(looped ? " (loops)" : ""): C \(r.c), predicted \(r.predicted)")
                if r.exact { exact += 1 }
                if looped { loops += 1; if r.exact { exactLoops += 1 } }
                total += 1
            }
        }
        #expect(exact == total, "the model equals the C on \(exact) of \(total) orders (\(exactLoops) of the \(loops) with loops)")
    }

    /// A product two edges of the same value ask for is formed once: sin(x·y) is computed twice as
    /// two vertices of equal values, so eliminating the second asks for the products the first
    /// formed, and its adds onto the output's edges ask for the same product twice. The C forms
    /// fewer products than the elimination asks for (the paper's count, one per pair), and the
    /// model counts what the C forms.
    @Test func equalProductsAreFormedOnce() throws {
        let b = GraphBuilder(name: "twice")
        let x = try b.input("x", Tensor(0.5)), y = try b.input("y", Tensor(1.5))
        let s = try b.apply(.sin, [try b.apply(.mul, [x, y])])
        let t = try b.apply(.sin, [try b.apply(.mul, [x, y])])
        try b.markOutput(try b.apply(.mul, [s, t]))
        let g = try b.build()
        let game = try EliminationGame(g, model: .code)
        let fixed = CostModel.fixedOperations(of: g)
        for order in [game.forwardOrder, game.reverseOrder, [1, 3, 2, 4]] {
            let r = try CodeModelComparison(g, order)
            #expect(r.exact, "\(order): C \(r.c), predicted \(r.predicted)")
            let asked = try EliminationGame(g.graph).cost(of: order).total
            #expect(Double(r.c.multiplications - fixed.multiplications) < asked, "\(order): C \(r.c), \(asked) products asked for")
        }
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
