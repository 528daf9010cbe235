@testable import CrossCountry
import Foundation
import Testing

/// The graph builder: one vertex per traced call, folding, outputs, edges and their paper types,
/// typed errors — and the paper's scalar tasks traced into exactly the published graphs.
@Suite struct GraphBuilderTests {
    static func vector(_ values: [Double]) -> Tensor { try! Tensor(vector: values) }
    static func matrix(_ rows: [[Double]]) -> Tensor { try! Tensor(rows: rows) }

    @Test(arguments: ["RoeFlux_1d", "RobotArm_6DOF", "HumanHeartDipole", "PropaneCombustion", "g"])
    func scalarTasksTraceToThePublishedGraphs(name: String) throws {
        let published = try #require(TestVectors.graphs.first { $0.name == name })
        let traced = try TaskListing.trace(name, at: [Double](repeating: 0.5, count: published.inputCount)).graph
        #expect(traced.inputCount == published.inputCount)
        #expect(traced.vertices.map(\.op) == published.vertices.map(\.op))
        #expect(traced.vertices.map(\.shape) == published.vertices.map(\.shape))
        // The published test vectors list outputs in vertex order.
        #expect(traced.outputs.sorted() == published.outputs.sorted())
        func key(_ e: Edge) -> String { "\(e.source)→v\(e.target):\(e.type) \(e.targetShape) \(e.sourceShape)" }
        #expect(traced.edges.map(key).sorted() == published.edges.map(key).sorted())
        let game = try EliminationGame(traced), publishedGame = try EliminationGame(published)
        #expect(game.playedCost(game.markowitzOrder()) == publishedGame.playedCost(publishedGame.markowitzOrder()))
    }

    @Test func constantsFoldAndNeverBecomeVertices() throws {
        let b = GraphBuilder()
        let x = try b.input("x", Tensor(2))
        #expect(try b.apply(.mul, [3.0, 4.0]) == .constant(Tensor(12)))
        #expect(try b.apply(.sin, [.constant(Tensor(0))]) == .constant(Tensor(0)))
        let y = try b.apply(.mul, [x, 2.0])
        try b.markOutput(y)
        let g = try b.build()
        #expect(g.graph.vertexCount == 1)
        #expect(g.graph.edges.map(\.source) == [.input(1)])
        #expect(g.values == [Tensor(4)])
    }

    @Test func operandUsedTwiceGivesOneEdgeWithTheSummedPartial() throws {
        let b = GraphBuilder()
        let x = try b.input("x", Tensor(3))
        try b.markOutput(try b.apply(.mul, [x, x]))
        let g = try b.build()
        #expect(g.graph.edges.count == 1)
        #expect(g.localPartial(from: .input(1), to: 1)?.dense == [6])
    }

    @Test func outputsThatAreInputsConstantsOrRepeatsGetCopies() throws {
        let b = GraphBuilder()
        let x = try b.input("x", Tensor(3))
        let y = try b.apply(.sin, [x])
        try b.markOutput(x)
        try b.markOutput(y)
        try b.markOutput(y)
        try b.markOutput(5.0)
        let g = try b.build()
        #expect(g.graph.vertices.map(\.op) == ["sin", "copy", "copy", "copy"])
        #expect(g.graph.outputs == [2, 1, 3, 4])
        #expect(g.graph.edges.first { $0.target == 2 }?.type == .copy)
        #expect(!g.graph.edges.contains { $0.target == 4 })
        #expect(g.outputValues == [Tensor(3), Tensor(sin(3.0)), Tensor(sin(3.0)), Tensor(5)])
    }

    @Test func callsThatChangeNothingRecordNoVertex() throws {
        let b = GraphBuilder()
        let v = try b.input("v", Self.vector([1, 2, 3]))
        #expect(try b.apply(.transpose, [v]) == v)
        #expect(try b.apply(.reshape(.vector(3)), [v]) == v)
        #expect(try b.apply(.slice(start: [0], limit: [3]), [v]) == v)
        #expect(try b.apply(.concatenate(axis: 0), [v]) == v)
        #expect(b.vertexCount == 0)
    }

    @Test func nonDifferentiableCallsAreVerticesWithoutInEdges() throws {
        let b = GraphBuilder()
        let x = try b.input("x", Tensor(3))
        let s = try b.apply(.stopGradient, [x])
        let c = try b.apply(.greater, [x, 1.0])
        let w = try b.apply(.select, [c, x, s])
        try b.markOutput(w)
        let g = try b.build()
        #expect(g.graph.vertices.map(\.op) == ["stop_gradient", "gt", "select_n"])
        #expect(g.graph.edges.map(\.target) == [3, 3])
        #expect(g.graph.edges.map(\.source) == [.input(1), .vertex(1)])
        #expect(g.localPartial(from: .input(1), to: 3)?.dense == [1])
        #expect(g.localPartial(from: .vertex(1), to: 3)?.dense == [0])
    }

    @Test func edgeTypesFollowThePaperBuilder() throws {
        let b = GraphBuilder()
        let v = try b.input("v", Self.vector([1, 2, 3, 4]))
        let m = try b.input("m", Self.matrix([[1, 2], [3, 4], [5, 6], [7, 8]]))
        let s = try b.input("s", Tensor(2))
        let col = try b.input("c", Self.matrix([[1], [2], [3], [4]]))
        _ = try b.apply(.exp, [v])                                  // v5: vector unary → 6
        _ = try b.apply(.mul, [v, s])                               // v6: vector with scalar → −2, scalar → 1
        _ = try b.apply(.add, [m, col])                             // v7: matrix with column → −8, column into matrix → 2
        _ = try b.apply(.dot(lhs: 0, rhs: 0), [v, m])               // v8: vec @ matrix → (−4, −3)
        _ = try b.apply(.dot(lhs: 1, rhs: 0), [m, Operand.constant(Self.vector([1, 1]))])  // v9: matrix @ vec, lhs −2
        _ = try b.apply(.reduceSum(axis: 0), [m])                   // v10: → −4
        _ = try b.apply(.reduceSum(axis: 1), [m])                   // v11: → −2
        _ = try b.apply(.reduceMax(axis: 1), [m])                   // v12: → 2
        _ = try b.apply(.transpose, [m])                            // v13: → −7
        _ = try b.apply(.slice(start: [1], limit: [3]), [v])        // v14: → 11
        let last = try b.apply(.broadcast(.matrix(4, 2), dims: [0]), [v])  // v15: → −7
        try b.markOutput(last)
        let g = try b.build().graph
        func type(_ source: Node, _ target: Int) -> Int? {
            g.edges.first { $0.source == source && $0.target == target }?.type.rawValue
        }
        #expect(type(.input(1), 1) == 6)
        #expect(type(.input(1), 2) == -2 && type(.input(3), 2) == 1)
        #expect(type(.input(2), 3) == -8 && type(.input(4), 3) == 2)
        #expect(type(.input(1), 4) == -4 && type(.input(2), 4) == -3)
        #expect(type(.input(2), 5) == -2)
        #expect(type(.input(2), 6) == -4 && type(.input(2), 7) == -2 && type(.input(2), 8) == 2)
        #expect(type(.input(2), 9) == -7 && type(.input(1), 10) == 11 && type(.input(1), 11) == -7)
        #expect(g.edges.first { $0.target == 5 && $0.source == .input(2) }?.targetShape == ShapePair(4, 1))
    }

    @Test func badCallsAreTypedErrorsWithClearMessages() throws {
        let b = GraphBuilder()
        let v = try b.input("v", Self.vector([1, 2, 3]))
        let m = try b.input("m", Self.matrix([[1, 2], [3, 4]]))
        #expect(throws: TraceError.self) { try b.apply(.add, [v, m]) }
        do {
            _ = try b.apply(.mul, [v, .constant(Self.vector([1, 2]))])
            Issue.record("mismatched shapes were accepted")
        } catch {
            #expect(error.description == "mul: operands of shapes (3), (2) do not broadcast: axis 0 has 3 and 2 elements")
        }
        #expect(throws: TraceError.invalidParameter(primitive: "reduce_sum", reason: "axis 2 does not exist for shape (2,2)")) {
            try b.apply(.reduceSum(axis: 2), [m])
        }
        #expect(throws: TraceError.self) { try b.apply(.slice(start: [1], limit: [5]), [v]) }
        #expect(throws: TraceError.self) { try b.apply(.reshape(.vector(5)), [v]) }
        #expect(throws: TraceError.self) { try b.apply(.dot(lhs: 0, rhs: 0), [v, m]) }
        #expect(throws: TraceError.arity(primitive: "add", expected: "2 operands", got: 1)) { try b.apply(.add, [v]) }
        #expect(throws: TraceError.self) { try b.apply(.broadcast(.matrix(2, 2), dims: [0]), [v]) }
        do {
            _ = try Shape(dims: [2, 2, 2])
            Issue.record("rank 3 was accepted")
        } catch {
            #expect(error.description.contains("rank ≤ 2"))
        }
        let other = GraphBuilder()
        let w = try other.input("w", Tensor(1))
        #expect(throws: TraceError.foreignValue(.input(1))) { try b.apply(.sin, [w]) }
        _ = try b.apply(.sin, [v])
        #expect(throws: TraceError.inputAfterOperations("z")) { try b.input("z", Tensor(1)) }
        #expect(throws: TraceError.duplicateInput("w")) { try other.input("w", Tensor(1)) }
        #expect(throws: TraceError.noOutputs) { try other.build() }
    }

    @Test func rankPromotionInsertsBroadcastLikeJAX() throws {
        let b = GraphBuilder()
        let v = try b.input("v", Self.vector([1, 2]))
        let m = try b.input("m", Self.matrix([[1, 2], [3, 4]]))
        let y = try b.applyBroadcasting(.mul, [v, m])
        try b.markOutput(y)
        let g = try b.build()
        #expect(g.graph.vertices.map(\.op) == ["broadcast_in_dim", "mul"])
        #expect(g.graph.vertices[0].shape == .matrix(1, 2))
        #expect(g.outputValues == [Self.matrix([[1, 4], [3, 8]])])
    }
}

extension GraphBuilderTests {
    @Test func readmeExample() throws {
        let b = GraphBuilder(name: "f")
        let x = try b.input("x", Tensor(0.5)), y = try b.input("y", Tensor(2))
        let s = try b.apply(.sin, [try b.apply(.mul, [x, y])])
        try b.markOutput(try b.apply(.add, [s, 1.0]))
        let g = try b.build()
        #expect(g.graph.vertices.map(\.op) == ["mul", "sin", "add"])
        #expect(g.localPartial(from: .vertex(1), to: 2) == LocalPartial(structure: .dense(rows: 1, columns: 1), values: [cos(1.0)]))
        #expect(g.outputValues == [Tensor(sin(1.0) + 1)])
    }
}
