@testable import CrossCountry
import Foundation
import Testing

/// The engine pieces the stdlib leans on: finite differences with Ridders' extrapolation, held
/// stop_gradients, the comparison of graphs, and the rank-typed reductions of batch-1 graphs.
@Suite struct StdlibEngineTests {
    @Test func finiteDifferencesMatchAnalyticDerivativesToRoundoff() throws {
        let b = GraphBuilder(name: "h")
        let x = try b.input("x", Tensor(0.01)), y = try b.input("y", try Tensor(vector: [2, 3]))
        // sqrt near 0 and exp of a large argument: steep and large, where plain differences lose digits.
        try b.markOutput(try b.applyBroadcasting(.mul, [try b.apply(.sqrt, [x]), try b.apply(.exp, [y])]))
        let g = try b.build()
        let blocks = try FiniteDifferences.jacobian(g, step: 0.01)
        let dx = [2.0, 3.0].map { exp($0) * 0.5 / 0.01.squareRoot() }
        let dy = [exp(2.0) * 0.1, 0, 0, exp(3.0) * 0.1]
        for (got, want) in zip(blocks[0][0].values + blocks[0][1].values, dx + dy) {
            #expect(abs(got - want) <= 1e-11 * max(1, abs(want)), "\(got) vs \(want)")
        }
        #expect(blocks[0][1].outputShape == .vector(2) && blocks[0][1].inputShape == .vector(2))
    }

    @Test func stopGradientsHoldTheirTracePointValues() throws {
        let b = GraphBuilder()
        let x = try b.input("x", Tensor(3))
        try b.markOutput(try b.apply(.mul, [x, try b.apply(.stopGradient, [x])]))
        let g = try b.build()
        #expect(try g.evaluate(at: [Tensor(5)]) == [Tensor(25)])
        #expect(try g.evaluate(at: [Tensor(5)], holdingStopGradients: true) == [Tensor(15)])
        #expect(abs(try FiniteDifferences.jacobian(g, step: 0.01)[0][0].values[0] - 3) < 1e-12)
        #expect(try g.jacobian(order: g.graph.eliminableVertices).blocks[0][0].values == [3])
    }

    @Test func graphDifferencesNameWhatDiffers() throws {
        let published = try PaperGraphs.load("RoeFlux_1d")
        #expect(published.differences(from: published).isEmpty)
        var edges = published.edges
        edges[0].type = SparsityType(rawValue: 6)!
        let retyped = try ComputationalGraph(name: "x", inputs: published.inputs, vertices: published.vertices,
                                             outputs: published.outputs, edges: edges)
        let lines = retyped.differences(from: published)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("edge \(edges[0].source)→v\(edges[0].target) type 6"))
        let other = try PaperGraphs.load("RobotArm_6DOF")
        #expect(other.differences(from: published, limit: 3).count == 3)
    }

    @Test func reductionsAreTypedByRankAsThePaperTypesThem() throws {
        // A (1, 3) row summed over axis 1 into a (1) vector: "matrix → vector", −2; a maximum: 2.
        let row = Shape.matrix(1, 3)
        #expect(Primitive.reduceSum(axis: 1).sparsityType(operand: 0, operandShapes: [row], result: .vector(1))?.rawValue == -2)
        #expect(Primitive.reduceMax(axis: 1).sparsityType(operand: 0, operandShapes: [row], result: .vector(1))?.rawValue == 2)
        #expect(Primitive.reduceSum(axis: 0).sparsityType(operand: 0, operandShapes: [.matrix(3, 1)], result: .vector(1))?.rawValue == -4)
        #expect(Primitive.reduceSum(axis: nil).sparsityType(operand: 0, operandShapes: [row], result: .scalar)?.rawValue == 1)
        #expect(Primitive.reduceSum(axis: 0).sparsityType(operand: 0, operandShapes: [.vector(4)], result: .scalar)?.rawValue == 1)
    }
}
