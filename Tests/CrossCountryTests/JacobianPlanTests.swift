import CAllocationCounter
@testable import CrossCountry
import Foundation
import Testing

/// Compiled plans: re-evaluation at new points without tracing again, batches, no allocation per
/// evaluation, buffer checks.
@Suite struct JacobianPlanTests {
    /// The trace point moved by up to ±`size` per entry (staying inside every function's domain).
    static func perturbed(_ inputs: [Tensor], seed: UInt64, size: Double = 1e-3) -> [Tensor] {
        var rng = SplitMix64(seed: seed)
        return inputs.map { t in
            try! Tensor(shape: t.shape, scalars: t.scalars.map { $0 + Double.random(in: -size...size, using: &rng) })
        }
    }

    @Test func batchesAndNewPointsMatchTheOracle() throws {
        for seed in 0..<150 as Range<UInt64> {
            var generator = RandomPrograms(seed: 50_000 + seed)
            let g = generator.make().graph
            let order = try EliminationGame(g.graph).markowitzOrder()
            let batch = 1 + Int(seed % 4)
            let plan = try g.plan(order: order, batchSize: batch)
            let points = (0..<batch).map { Self.perturbed(g.inputValues, seed: seed * 10 + UInt64($0)) }
            let jacobians = try plan.jacobians(at: points)
            for (point, jacobian) in zip(points, jacobians) {
                let oracle = try DenseOracle.jacobian(g, at: point)
                for o in oracle.indices {
                    for i in oracle[o].indices {
                        let error = NumericEliminationTests.relativeError(jacobian[o, i].values, oracle[o][i])
                        #expect(error <= 1e-9, "seed \(seed), batch \(batch), block (\(o), \(i))")
                    }
                }
            }
            #expect(jacobians.allSatisfy { Double($0.multiplications) == plan.cost.total })
        }
    }

    @Test func outputsOfAPlanAreTheFunctionValues() throws {
        var generator = RandomPrograms(seed: 11)
        let g = generator.make().graph
        let plan = try g.plan(order: g.graph.eliminableVertices, batchSize: 2)
        let points = [g.inputValues, Self.perturbed(g.inputValues, seed: 2)]
        var inputs = [Double](repeating: 0, count: plan.inputCount * 2)
        for (p, point) in points.enumerated() {
            for (i, t) in point.enumerated() {
                for (e, v) in t.scalars.enumerated() { inputs[(plan.inputOffsets[i] + e) * 2 + p] = v }
            }
        }
        var outputs = [Double](repeating: 0, count: plan.outputCount * 2)
        var jacobian = [Double](repeating: 0, count: plan.jacobianCount * 2)
        try inputs.withUnsafeBufferPointer { i in
            try jacobian.withUnsafeMutableBufferPointer { j in
                try outputs.withUnsafeMutableBufferPointer { o in try plan.evaluate(inputs: i, jacobian: j, outputs: o) }
            }
        }
        var primalOnly = [Double](repeating: 0, count: plan.outputCount * 2)
        try inputs.withUnsafeBufferPointer { i in
            try primalOnly.withUnsafeMutableBufferPointer { o in try plan.evaluateOutputs(inputs: i, outputs: o) }
        }
        #expect(outputs == primalOnly)
        for (p, point) in points.enumerated() {
            let expected = try g.evaluate(at: point)
            for (o, t) in expected.enumerated() {
                for (e, v) in t.scalars.enumerated() { #expect(outputs[(plan.outputOffsets[o] + e) * 2 + p] == v) }
            }
        }
    }

    /// Heap allocations the calling thread makes while `body` runs.
    static func allocations(_ body: () throws -> Void) rethrows -> Int {
        let before = ccs_thread_allocation_count()
        try body()
        return ccs_thread_allocation_count() - before
    }

    @Test func theAllocationCounterCounts() {
        let n = Self.allocations {
            let array = [Int](repeating: 7, count: 1000 + Int(ccs_thread_allocation_count() % 2))
            #expect(array.count > 999)
        }
        #expect(n >= 1)
    }

    @Test func aPlanEvaluationAllocatesNothing() throws {
        let mlp = try Self.perceptron()
        let roe = try TaskListing.trace("RoeFlux_1d", at: [0.01, 0.02, 0.02, 0.01, 0.03, 0.03])
        var generator = RandomPrograms(seed: 5)
        for g in [mlp, roe, generator.make().graph] {
            let game = try EliminationGame(g.graph)
            for order in [game.forwardOrder, game.reverseOrder, game.markowitzOrder()] {
                for batch in [1, 8] {
                    let plan = try g.plan(order: order, batchSize: batch)
                    let inputs = [Double](repeating: 0.5, count: plan.inputCount * batch)
                    var jacobian = [Double](repeating: 0, count: plan.jacobianCount * batch)
                    var outputs = [Double](repeating: 0, count: plan.outputCount * batch)
                    try inputs.withUnsafeBufferPointer { i in
                        try jacobian.withUnsafeMutableBufferPointer { j in
                            try outputs.withUnsafeMutableBufferPointer { o in
                                try plan.evaluate(inputs: i, jacobian: j, outputs: o)
                                let count = try Self.allocations {
                                    for _ in 0..<20 {
                                        try plan.evaluate(inputs: i, jacobian: j, outputs: o)
                                        try plan.evaluateOutputs(inputs: i, outputs: o)
                                    }
                                }
                                #expect(count == 0, "\(g.graph.name), batch \(batch): \(count) allocations in 20 evaluations")
                            }
                        }
                    }
                }
            }
        }
    }

    @Test func badBuffersAndPointsAreErrors() throws {
        let g = try Self.perceptron()
        let plan = try g.plan(order: g.graph.eliminableVertices, batchSize: 2)
        let inputs = [Double](repeating: 0, count: 3)
        var jacobian = [Double](repeating: 0, count: plan.jacobianCount * 2)
        #expect(throws: EvaluationError.bufferSize("input", expected: plan.inputCount * 2, got: 3)) {
            try inputs.withUnsafeBufferPointer { i in
                try jacobian.withUnsafeMutableBufferPointer { j in try plan.evaluate(inputs: i, jacobian: j) }
            }
        }
        #expect(throws: EvaluationError.batchSize(expected: 2, got: 1)) { try plan.jacobian(at: g.inputValues) }
        #expect(throws: EvaluationError.inputShape(name: "x", expected: .vector(4), got: .scalar)) {
            try g.jacobian(order: g.graph.eliminableVertices, at: [Tensor(1)] + g.inputValues.dropFirst())
        }
        #expect(throws: EvaluationError.invalidBatchSize(0)) { try g.plan(order: g.graph.eliminableVertices, batchSize: 0) }
    }

    /// A one-hidden-layer perceptron with a squared-error loss: tensors, matmuls, broadcasting.
    static func perceptron() throws -> NumericGraph {
        var values = RandomPrograms(seed: 99)
        let b = GraphBuilder(name: "perceptron")
        let x = try b.input("x", values.tensor(.vector(4)))
        let w1 = try b.input("W1", values.tensor(.matrix(8, 4)))
        let b1 = try b.input("b1", values.tensor(.vector(8)))
        let w2 = try b.input("W2", values.tensor(.matrix(3, 8)))
        let h = try b.apply(.tanh, [try b.apply(.add, [try b.apply(.dot(lhs: 1, rhs: 0), [w1, x]), b1])])
        let y = try b.apply(.logistic, [try b.apply(.dot(lhs: 1, rhs: 0), [w2, h])])
        let loss = try b.apply(.reduceSum(axis: nil), [try b.apply(.integerPow(2), [try b.apply(.sub, [y, 0.5])])])
        try b.markOutput(loss)
        try b.markOutput(y)
        return try b.build()
    }
}
