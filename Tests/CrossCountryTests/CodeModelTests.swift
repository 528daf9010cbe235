@testable import CrossCountry
import Foundation
import Testing

/// The `code` cost model against the code itself: running a plan symbolically, as the emitter does,
/// creates one multiplication or addition node per operation the C performs; the nodes the
/// elimination adds to those of the primal values and local partials are what `code` predicts.
@Suite struct CodeModelTests {
    /// Multiplications and additions (subtractions included) the symbolic run of `compiler`'s
    /// program creates.
    static func operations(_ compiler: PlanCompiler, _ g: NumericGraph) -> Int {
        let code = ScalarCode()
        var execution = SymbolicExecution(compiler, inputs: code.inputs(of: g))
        execution.run()
        return code.nodes.count { node in
            switch node {
            case .mul, .add, .sub: return true
            default: return false
            }
        }
    }

    /// On scalar programs, for forward, reverse, Markowitz and random orders: the model's total is
    /// the operations the elimination adds to the code, unless the code reuses a product it already
    /// has (the model prices every product; the code computes a repeated one once) — so never less,
    /// and equal on most orders.
    @Test func theModelCountsTheOperationsTheEliminationAddsToTheCode() throws {
        var generator = RandomPrograms(seed: 5)
        var equal = 0, total = 0
        for k in 0..<200 {
            let g = generator.make(scalarOnly: true).graph
            let game = try EliminationGame(g, model: .code)
            let base = Self.operations(PlanCompiler(localPartialsOf: g), g)
            var rng = SplitMix64(seed: UInt64(k))
            let orders = [game.forwardOrder, game.reverseOrder, game.markowitzOrder(), g.graph.eliminableVertices.shuffled(using: &rng)]
            for order in orders {
                let cost = try game.cost(of: order)
                #expect(cost.total == cost.steps.reduce(0, +))
                let emitted = Self.operations(try PlanCompiler(g, order: order), g) - base
                #expect(Double(emitted) <= cost.total, "program \(k), order \(order): code \(emitted), model \(cost.total)")
                if Double(emitted) == cost.total { equal += 1 }
                total += 1
            }
        }
        #expect(equal * 10 >= total * 9, "the model equals the code on \(equal) of \(total) orders")
    }
}
