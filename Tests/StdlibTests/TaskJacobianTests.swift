import CrossCountry
import Foundation
import Testing
@testable import Script

/// Every task's Jacobian at its paper point, by forward, reverse and minimal-Markowitz elimination,
/// against central finite differences of the same function.
@Suite struct TaskJacobianTests {
    /// The largest |a − b| / max(|a|, |b|, 1e-3·max|b|) over the pairs, which must all be finite.
    static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        let scale = b.map(abs).max() ?? 0
        return zip(a, b).map { abs($0 - $1) / max(abs($0), abs($1), 1e-3 * scale, .leastNormalMagnitude) }.max() ?? 0
    }

    /// The entries of a Jacobian's blocks of the given outputs, output by output.
    static func entries(_ blocks: [[JacobianBlock]], outputs: [Int]) -> [Double] {
        outputs.flatMap { o in blocks[o].flatMap(\.values) }
    }

    static func orders(_ graph: ComputationalGraph) throws -> [(String, [Int])] {
        let game = try EliminationGame(graph)
        return [("forward", game.forwardOrder), ("reverse", game.reverseOrder), ("markowitz", game.markowitzOrder())]
    }

    @Test(arguments: PaperTask.all)
    func theJacobianAtThePaperPointMatchesFiniteDifferences(_ task: PaperTask) throws {
        let graph = try task.traced()
        let reference = try FiniteDifferences.jacobian(graph, step: 0.01)
        let finiteOutputs = graph.outputValues.indices.filter { graph.outputValues[$0].scalars.allSatisfy(\.isFinite) }
        let expected = Self.entries(reference, outputs: finiteOutputs)
        #expect(expected.allSatisfy { $0.isFinite }, "finite differences of finite outputs")
        #expect(expected.contains { $0 != 0 }, "a Jacobian of zeros proves nothing")
        if task.name == "g" {
            // g leaves its domains: at 0.15 only five of its twenty outputs are finite.
            #expect(finiteOutputs == [2, 3, 6, 7, 14])
        } else {
            #expect(finiteOutputs.count == graph.graph.outputCount)
        }
        for (name, order) in try Self.orders(graph.graph) {
            let jacobian = try graph.jacobian(order: order)
            let eliminated = Self.entries(jacobian.blocks, outputs: finiteOutputs)
            #expect(eliminated.allSatisfy { $0.isFinite }, "\(task.name), \(name)")
            let error = Self.relativeError(eliminated, expected)
            #expect(error <= 1e-6, "\(task.name), \(name): relative error \(error)")
        }
    }

    /// Finite differences run through the traced program, so the program must compute what the
    /// interpreter computes from the .ccs source, at the paper point and away from it.
    @Test(arguments: PaperTask.all)
    func theTracedProgramComputesTheFunction(_ task: PaperTask) throws {
        let session = try task.session()
        let graph = try task.traced()
        for scale in [1.0, 1.01] {
            let point = try graph.inputValues.map { t in try Tensor(shape: t.shape, scalars: t.scalars.map { $0 * scale }) }
            session.define("point", .tuple(point.map(Value.init)))
            let concrete = try PaperTask.value(session, "apply(t.\(task.function), point)")
            var leaves: [Value] = []
            #expect(Value.numericLeaves(concrete, into: &leaves))
            let traced = try graph.evaluate(at: point)
            #expect(leaves.count == traced.count)
            for (leaf, value) in zip(leaves, traced) {
                guard case let .constant(t)? = PrimitiveCall.operand(leaf) else { Issue.record("not numeric"); continue }
                #expect(t.shape == value.shape)
                // BlackScholes_Jacobian evaluates jacobian(f) natively, where the C compiler fuses
                // multiply-adds: agreement to rounding, not bit for bit.
                for (x, y) in zip(t.scalars, value.scalars) {
                    #expect(x == y || Swift.abs(x - y) <= 1e-13 * Swift.max(1, Swift.abs(y)) || (x.isNaN && y.isNaN), "\(task.name) at ×\(scale): \(x) vs \(y)")
                }
            }
        }
    }

    /// The second-order Greeks: the Jacobian of BlackScholes_Jacobian is BlackScholes' Hessian, so
    /// it is symmetric, and its first row is the derivative of delta.
    @Test func theSecondOrderGreeksFormASymmetricHessian() throws {
        let session = try PaperTask.named("BlackScholes_Jacobian").session()
        guard case let .jacobian(h) = try PaperTask.value(session, "apply(jacobian(t.BlackScholes_Jacobian, order: markowitz), t.point)") else {
            Issue.record("not a Jacobian")
            return
        }
        let m = h.dense
        #expect(m.shape == .matrix(5, 5))
        for i in 0..<5 { for j in 0..<5 { #expect(abs(m.scalars[i * 5 + j] - m.scalars[j * 5 + i]) < 1e-12) } }
        // Gamma of Black-Scholes at S = K = r = sigma = T = 1: φ(d1)/(S·sigma·√T) with d1 = 1.5.
        let gamma = exp(-1.5 * 1.5 / 2) / (2 * Double.pi).squareRoot()
        #expect(abs(m.scalars[0] - gamma) < 1e-12)
    }
}
