@testable import CrossCountry
import Foundation
import Testing

/// Nested differentiation: a scalar graph's Jacobian traced as graph operations (its partials
/// through the derivative rules on traced scalars, its elimination as multiplies and adds), then
/// differentiated again.
@Suite struct NestedJacobianTests {
    /// Traces the Jacobian of `g` (eliminated in `order`) as a new graph whose outputs are the
    /// entries, output-major.
    static func jacobianGraph(_ g: NumericGraph, order: [Int]) throws -> NumericGraph {
        let b = GraphBuilder(name: "jacobian of \(g.graph.name)")
        let inputs = try g.graph.inputs.enumerated().map { i, input in try b.input(input.name, g.inputValues[i]) }
        let (_, entries) = try b.traceJacobian(of: g, at: inputs, order: order)
        for row in entries { for entry in row { try b.markOutput(entry) } }
        return try b.build()
    }

    @Test func aHessianOfAKnownFunction() throws {
        let b = GraphBuilder(name: "f")
        let x = try b.input("x", Tensor(0.7)), y = try b.input("y", Tensor(-1.3))
        let f = try b.apply(.add, [try b.apply(.sin, [try b.apply(.mul, [x, y])]), try b.apply(.integerPow(3), [x])])
        try b.markOutput(f)
        let g = try b.build()
        let gradient = try Self.jacobianGraph(g, order: try EliminationGame(g.graph).reverseOrder)
        let (xv, yv) = (0.7, -1.3)
        #expect(abs(gradient.outputValues[0].scalars[0] - (yv * cos(xv * yv) + 3 * xv * xv)) < 1e-12)
        #expect(abs(gradient.outputValues[1].scalars[0] - xv * cos(xv * yv)) < 1e-12)
        let hessian = try gradient.jacobian(order: try EliminationGame(gradient.graph).markowitzOrder())
        let expected = [[-yv * yv * sin(xv * yv) + 6 * xv, cos(xv * yv) - xv * yv * sin(xv * yv)],
                        [cos(xv * yv) - xv * yv * sin(xv * yv), -xv * xv * sin(xv * yv)]]
        for r in 0..<2 { for c in 0..<2 { #expect(abs(hessian[r, c].values[0] - expected[r][c]) < 1e-12) } }
    }

    @Test func tracedJacobiansOfRandomScalarProgramsAreRightToSecondOrder() throws {
        var checked = 0
        for seed in 0..<120 as Range<UInt64> {
            var generator = RandomPrograms(seed: 70_000 + seed)
            let program = generator.make(scalarOnly: true)
            let g = program.graph
            let game = try EliminationGame(g.graph)
            let order = seed % 2 == 0 ? game.reverseOrder : game.markowitzOrder()
            let traced = try Self.jacobianGraph(g, order: order)
            let numeric = try g.jacobian(order: order)
            let entries = numeric.blocks.flatMap { $0.map { $0.values[0] } }
            for (value, expected) in zip(traced.outputValues.map { $0.scalars[0] }, entries) {
                #expect(abs(value - expected) <= 1e-12 * max(1, abs(expected)), "seed \(seed): traced \(value), numeric \(expected)")
            }
            guard program.smooth else { continue }
            // Second order: the traced Jacobian's own Jacobian against differences of numeric Jacobians.
            let second = try traced.jacobian(order: try EliminationGame(traced.graph).reverseOrder)
            for i in 0..<g.graph.inputCount {
                let x = g.inputValues[i].scalars[0], h = 1e-5 * max(1, abs(x))
                var up = g.inputValues, down = g.inputValues
                up[i] = Tensor(x + h)
                down[i] = Tensor(x - h)
                let plus = try g.jacobian(order: order, at: up).blocks.flatMap { $0.map { $0.values[0] } }
                let minus = try g.jacobian(order: order, at: down).blocks.flatMap { $0.map { $0.values[0] } }
                for e in entries.indices {
                    let fd = (plus[e] - minus[e]) / (2 * h), exact = second[e, i].values[0]
                    #expect(abs(exact - fd) <= 1e-5 * max(1, abs(exact)), "seed \(seed), entry \(e), input \(i): \(exact) vs \(fd)")
                }
            }
            checked += 1
        }
        #expect(checked >= 60)
    }

    @Test func onlyScalarGraphsNest() throws {
        let b = GraphBuilder()
        let v = try b.input("v", try Tensor(vector: [1, 2]))
        try b.markOutput(try b.apply(.sin, [v]))
        let g = try b.build()
        let outer = GraphBuilder()
        let w = try outer.input("w", try Tensor(vector: [1, 2]))
        #expect(throws: TraceError.notScalar("nested differentiation needs a scalar graph; input v has shape (2)")) {
            try outer.traceJacobian(of: g, at: [w], order: [])
        }
    }
}
