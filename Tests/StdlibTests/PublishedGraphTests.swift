import CrossCountry
import Testing

/// The stdlib's tasks traced at their paper points against the graphs published with the paper.
@Suite struct PublishedGraphTests {
    /// The tasks whose traced graph is the published one, with the costs the paper reports
    /// (forward, reverse, minimal Markowitz; ../shared/paper/tasks.md, alphagrad.md §9.1).
    static let identical: [(String, [Int])] = [
        ("RoeFlux_1d", [620, 364, 407]), ("RobotArm_6DOF", [397, 301, 288]), ("HumanHeartDipole", [240, 172, 194]),
        ("PropaneCombustion", [151, 90, 111]), ("g", [632, 566, 451]), ("f", [17728, 9333, 12257]),
    ]

    @Test(arguments: identical)
    func theTracedGraphIsThePublishedOne(name: String, costs: [Int]) throws {
        let task = PaperTask.named(name)
        let traced = try task.traced().graph, published = try task.published()
        // Compared field by field here, independently of the engine's own comparison below.
        #expect(traced.inputs.map(\.shape.pair) == published.inputs.map(\.shape.pair))
        #expect(traced.vertices.map(\.op) == published.vertices.map(\.op))
        #expect(traced.vertices.map(\.shape.pair) == published.vertices.map(\.shape.pair))
        #expect(traced.outputs.sorted() == published.outputs.sorted(), "the published files list outputs in vertex order")
        func key(_ e: Edge) -> String { "\(e.source)→v\(e.target) \(e.type.rawValue) \(e.sourceShape)→\(e.targetShape)" }
        #expect(traced.edges.map(key).sorted() == published.edges.map(key).sorted())
        #expect(traced.differences(from: published).isEmpty)
        #expect(try traced.baselineCosts() == costs)
        #expect(try published.baselineCosts() == costs)
    }

    /// RoeFlux_3d, Perceptron and Encoder: the published graphs hold vertices that ccs does not
    /// record (docs/paper.md); nothing else differs, and the costs agree.
    @Test(arguments: [
        ("RoeFlux_3d", ["broadcast_in_dim": 5]), ("Perceptron", ["convert_element_type": 2]),
        ("Encoder", ["convert_element_type": 4]),
    ])
    func theOtherTensorTasksDifferOnlyByJAXArtefacts(name: String, extra: [String: Int]) throws {
        let task = PaperTask.named(name)
        let traced = try task.traced().graph, published = try task.published()
        var counts = traced.primitiveCounts
        for (op, n) in extra { counts[op, default: 0] += n }
        #expect(counts == published.primitiveCounts)
        #expect(traced.vertexCount + extra.values.reduce(0, +) == published.vertexCount)
        #expect(try traced.baselineCosts() == (try published.baselineCosts()))
        #expect(!traced.differences(from: published).isEmpty)
    }

    /// BlackScholes_Jacobian: ccs's nested Jacobian records the same kinds of operations as
    /// graphax's reverse mode, minus the vertices graphax makes of constants (docs/paper.md).
    @Test func blackScholesJacobianDiffersByGraphaxsConstantVertices() throws {
        let task = PaperTask.named("BlackScholes_Jacobian")
        let traced = try task.traced().graph, published = try task.published()
        var counts = traced.primitiveCounts
        let constants = ["sqrt": 4, "div": 11, "neg": 8, "integer_pow": 2, "mul": 2, "convert_element_type": 4]
        for (op, n) in constants { counts[op, default: 0] += n }
        #expect(counts == published.primitiveCounts)
        #expect(traced.outputCount == 5 && traced.inputCount == 5)
        #expect(traced.vertices.allSatisfy { $0.shape.isScalar })
    }

    /// The reduce_sum and reduce_max edges of batch-1 graphs are typed by rank, as the paper's
    /// builder types them: the traced RoeFlux_3d and Perceptron carry the published types.
    @Test func reductionsOfRowsCarryThePublishedTypes() throws {
        for name in ["RoeFlux_3d", "Perceptron"] {
            let task = PaperTask.named(name)
            let traced = try task.traced().graph, published = try task.published()
            func reductionTypes(_ g: ComputationalGraph) -> [Int] {
                g.edges.filter { g.vertices[$0.target - 1].op.hasPrefix("reduce") }.map(\.type.rawValue).sorted()
            }
            #expect(reductionTypes(traced) == reductionTypes(published))
            #expect(reductionTypes(traced).contains(-2))
        }
    }
}
