import CCSTestSupport
import CrossCountry
import Foundation
import Testing

/// The `code` cost model on the stdlib's tasks of scalars and small vectors against their generated
/// C, read back from its text, on forward, reverse, Markowitz and 17 random orders: the C has
/// exactly the operations the model predicts, the products and sums it shares between edges of
/// equal values (the tasks' symmetric inputs) included — RoeFlux_3d's 1×3 momenta formed entry by
/// entry, as the code forms them.
@Suite struct TaskCodeModelTests {
    static let scalarTasks = ["RoeFlux_1d", "RobotArm_6DOF", "HumanHeartDipole", "PropaneCombustion", "BlackScholes_Jacobian", "RoeFlux_3d"]

    @Test(arguments: scalarTasks)
    func theModelCountsTheOperationsOfTheGeneratedC(_ name: String) throws {
        let g = try PaperTask.named(name).traced()
        let game = try EliminationGame(g, model: .code)
        var rng = SplitMix64(seed: 7)
        let orders = [game.forwardOrder, game.reverseOrder, game.markowitzOrder()] + (0..<17).map { _ in game.eliminable.shuffled(using: &rng) }
        var exact = 0
        for order in orders {
            let r = try CodeModelComparison(g, order)
            #expect(r.total == r.kindsTotal, "\(name)")
            #expect(r.exact, "\(name): C \(r.c), predicted \(r.predicted)")
            if r.exact { exact += 1 }
        }
        #expect(exact == orders.count, "\(name): the model equals the C on \(exact) of \(orders.count) orders")
    }
}
