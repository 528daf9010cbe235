import CCSTestSupport
@testable import CrossCountry
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
            #expect(r.exact, "\(name): C \(r.c), predicted \(r.predicted)")
            if r.exact { exact += 1 }
        }
        #expect(exact == orders.count, "\(name): the model equals the C on \(exact) of \(orders.count) orders")
    }

    /// The tensor tasks, whose products and primal values of more than 256 operations run as loops
    /// (`KernelLoop`: every iteration executed, nothing folded or shared, every term of a sum
    /// added, the first onto zero included), on forward, reverse, Markowitz and two random orders:
    /// the model counts exactly the C as emitted in one part. Where the straight-line code grows
    /// past `KernelBuilder.defaultPartSize` operations it is cut into parts that share nothing,
    /// which the model does not follow: such orders are compared with their C emitted in one part,
    /// and the message says how far the cut C is from the prediction.
    @Test(arguments: ["Perceptron", "f"])
    func theModelCountsTheLoopsOfTheGeneratedC(_ name: String) throws {
        let g = try PaperTask.named(name).traced()
        let game = try EliminationGame(g, model: .code)
        var rng = SplitMix64(seed: 7)
        let orders = [game.forwardOrder, game.reverseOrder, game.markowitzOrder()] + (0..<2).map { _ in game.eliminable.shuffled(using: &rng) }
        var exact = 0, looped = 0, cut: [String] = []
        for order in orders {
            let plan = try PlanCompiler(g, order: order)
            if plan.program.instructions.contains(where: { KernelLoop.make($0, plan, threshold: KernelBuilder.defaultLoopThreshold) != nil }) {
                looped += 1
            }
            let r = try CodeModelComparison(g, order)
            let c = r.parts == 0 ? r.c : COperationCount(source: try JacobianSource.library([plan], partSize: .max, versions: .point))
            #expect(c == r.predicted, "\(name): C \(c), predicted \(r.predicted)")
            if c == r.predicted { exact += 1 }
            if r.parts > 0 {
                let ratio = { (c: Int, p: Int) in String(format: "%.3f", Double(c) / Double(p)) }
                cut.append("\(ratio(r.c.multiplications, r.predicted.multiplications)) mul, \(ratio(r.c.additions, r.predicted.additions)) add")
            }
        }
        #expect(exact == orders.count, """
            \(name): the model equals the C in one part on \(exact) of \(orders.count) orders, \(looped) with loops; \
            \(cut.count) cut into parts, C / predicted: \(cut.joined(separator: "; "))
            """)
        #expect(looped > 0, "\(name): no order has a loop")
    }
}
