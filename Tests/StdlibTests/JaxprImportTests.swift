import CrossCountry
import Foundation
import Testing
@testable import Script

/// The jaxprs JAX printed for the paper's tasks (Tests/Fixtures/jaxpr, written once by generate.py
/// there): imported, each must be the graph the task's `.ccs` traces — vertex for vertex, edge for
/// edge, cost for cost — and, given the point, give the same Jacobian.
@Suite struct JaxprImportTests {
    static let fixtures = PaperTask.root.appendingPathComponent("Tests/Fixtures/jaxpr")
    static let tasks = ["RoeFlux_1d", "RobotArm_6DOF", "HumanHeartDipole", "PropaneCombustion", "g", "Perceptron", "Encoder"]

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent("\(name).jaxpr").path }

    @Test(arguments: tasks)
    func theImportedGraphIsTheTracedOne(task: String) throws {
        let imported = try JaxprImport.file(Self.fixture(task)).graph.graph
        let traced = try PaperTask.named(task).traced().graph
        #expect(imported.inputs.map(\.shape) == traced.inputs.map(\.shape))
        #expect(imported.vertexCount == traced.vertexCount)
        for (k, (a, b)) in zip(imported.vertices, traced.vertices).enumerated() {
            #expect(a.op == b.op && a.shape == b.shape, "\(task) v\(k + 1): JAX's \(a.op)\(a.shape), ccs's \(b.op)\(b.shape)")
        }
        #expect(imported.outputs == traced.outputs)
        func edges(_ g: ComputationalGraph) -> [String] { g.edges.map { "\($0.source)→v\($0.target) \($0.type.rawValue)" }.sorted() }
        #expect(edges(imported) == edges(traced))
        #expect(try imported.baselineCosts() == traced.baselineCosts())
    }

    @Test func givenThePointTheJacobianIsTheTracedOnes() throws {
        let point = [0.01, 0.02, 0.02, 0.01, 0.03, 0.03].map { Tensor($0) }
        let imported = try JaxprImport.file(Self.fixture("RoeFlux_1d"), point: point).graph
        let traced = try PaperTask.named("RoeFlux_1d").traced()
        let order = try EliminationGame(traced.graph).markowitzOrder()
        let a = try imported.jacobian(order: order), b = try traced.jacobian(order: order)
        let flat = { (j: Jacobian) in j.blocks.flatMap { $0.flatMap(\.values) } }
        #expect(flat(a).count == 18)
        for (x, y) in zip(flat(a), flat(b)) { #expect(Swift.abs(x - y) <= 1e-12 * Swift.max(1, Swift.abs(y))) }
    }

    @Test func theBuiltinImportsWithAndWithoutAPoint() throws {
        let path = Self.fixture("RoeFlux_1d")
        let session = Session(write: { _ in })
        #expect(session.run("let g = import_jaxpr(\"\(path)\")\nlet c = cost(g, reverse)", name: "t.ccs").error == nil)
        #expect(session.value(of: "c").map { Display.text($0) } == "364")
        let run = session.run("jacobian(g)", name: "t.ccs")
        #expect(run.error?.diagnostics.first?.message.contains("no values") == true)
        let withPoint = session.run("let h = import_jaxpr(\"\(path)\", point: (0.01, 0.02, 0.02, 0.01, 0.03, 0.03))\nlet J = dense(jacobian(h))",
                                    name: "t.ccs")
        #expect(withPoint.error == nil)
        guard case let .tensor(j)? = session.value(of: "J") else { Issue.record("no Jacobian"); return }
        #expect(Swift.abs(j.scalars[0] - -1.2422) < 1e-4)
    }

    // MARK: Malformed jaxprs

    /// The error importing `text`, as `line:col: error: message`.
    static func error(_ text: String) -> String? {
        do {
            _ = try JaxprImport.graph(text, name: "f")
            return nil
        } catch {
            return error.description
        }
    }

    static let good = """
        { lambda ; a:f32[] b:f32[3]. let
            c:f32[3] = mul a b
            d:f32[] = reduce_sum[axes=(0,) out_sharding=None] c
          in (d,) }
        """

    @Test func aSmallJaxprImports() throws {
        let g = try JaxprImport.graph(Self.good, name: "f").graph.graph
        #expect(g.vertices.map(\.op) == ["mul", "reduce_sum"])
        #expect(g.inputs.map(\.shape) == [.scalar, .vector(3)])
    }

    @Test func aTruncatedJaxprSaysWhereItEnds() {
        #expect(Self.error(String(Self.good.prefix(60))) == "3:5: error: the jaxpr ends early: expected 'in' after the equations")
        #expect(Self.error("{ lambda ; a:f32[]. let") == "1:24: error: the jaxpr ends early: expected an equation or 'in'")
    }

    @Test func anUnknownPrimitiveIsNamedWithItsLine() {
        let text = Self.good.replacingOccurrences(of: "c:f32[3] = mul a b", with: "c:f32[3] = cumsum a b")
        #expect(Self.error(text)?.hasPrefix("2:16: error: unsupported primitive 'cumsum'") == true)
    }

    @Test func aShapeMismatchPointsAtTheResult() {
        let text = Self.good.replacingOccurrences(of: "c:f32[3] = mul a b", with: "c:f32[4] = mul a b")
        #expect(Self.error(text) == "2:5: error: c is declared f32[4], but mul gives shape (3)")
        let operands = Self.good.replacingOccurrences(of: "b:f32[3]", with: "b:f32[2,2]")
            .replacingOccurrences(of: "c:f32[3]", with: "c:f32[2,2]")
        #expect(Self.error(operands) == "3:5: error: d is declared f32[], but reduce_sum gives shape (2)")
    }

    @Test func aCycleIsAVariableUsedBeforeItsDefinition() {
        let text = """
            { lambda ; a:f32[]. let
                b:f32[] = sin c
                c:f32[] = cos b
              in (c,) }
            """
        #expect(Self.error(text) == "2:19: error: c is used before it is defined (the equations are out of order or form a cycle)")
    }

    @Test func theFileNameLeadsTheLocation() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ccs-broken-\(getpid()).jaxpr").path
        try "{ lambda ; a:f32[]. let\n    b:f32[] = rsqrt a\n  in (b,) }\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: GraphError.self) { try JaxprImport.file(path) }
        do { _ = try JaxprImport.file(path) } catch { #expect("\(error)".hasPrefix("\(path):2:15: error: unsupported primitive 'rsqrt'")) }
    }

    @Test func callsAreInlined() throws {
        let text = """
            { lambda ; a:f32[]. let
                b:bool[] = jit[
                  name=isinf
                  jaxpr={ lambda ; c:f32[]. let
                      d:f32[] = abs c
                      e:bool[] = eq d inf:f32[]
                    in (e,) }
                ] a
                f:f32[] = custom_jvp_call[
                  name=relu
                  call_jaxpr={ lambda ; g:f32[]. let h:f32[] = max g 0.0:f32[] in (h,) }
                  jvp_jaxpr_fun=<function _memoize.<locals>.memoized at 0x7f>
                  num_consts=0
                  symbolic_zeros=False
                ] a
                i:f32[] = select_n b f -inf:f32[]
              in (i,) }
            """
        let imported = try JaxprImport.graph(text, name: "f")
        #expect(imported.graph.graph.vertices.map(\.op) == ["abs", "eq", "max", "select_n"])
        #expect(imported.equations == [1, 1, 2, 3])
        #expect(imported.graph.graph.vertices.map(\.equation) == [1, 1, 2, 3])
        // select_n(p, on_false, on_true): where b holds, -inf.
        let at = { (x: Double) in try JaxprImport.graph(text, name: "f", point: [Tensor(x)]).graph.outputValues[0].scalars[0] }
        #expect(try at(.infinity) == -.infinity)
        #expect(try at(-2) == 0)
        #expect(try at(3) == 3)
    }
}
