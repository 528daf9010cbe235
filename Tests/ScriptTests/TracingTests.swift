import CrossCountry
import Foundation
import Testing
@testable import Script

/// The value a source leaves in a name, from a fresh session.
func value(_ name: String, after source: String) throws -> Value {
    let session = Session(write: { _ in })
    let result = session.run(source, name: "t.ccs")
    if let error = result.error { throw error }
    return try #require(session.value(of: name))
}

/// The graph a source leaves in `g`.
func tracedGraph(_ source: String) throws -> ComputationalGraph {
    guard case let .graph(g) = try value("g", after: source) else { throw ScriptError.runtime("g is not a graph", at: nil) }
    return g.graph
}

/// "op reads…" per vertex, for compact assertions on what was traced.
func listing(_ graph: ComputationalGraph) -> [String] {
    var reads = [[String]](repeating: [], count: graph.vertexCount)
    for edge in graph.edges { reads[edge.target - 1].append(edge.source.description) }
    return graph.vertices.enumerated().map { i, v in ([v.op] + reads[i]).joined(separator: " ") }
}

@Suite struct TracingTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theFluxExampleTracesToThePublishedGraph() throws {
        let source = try String(contentsOf: Self.root.appendingPathComponent("stdlib/examples/flux.ccs"), encoding: .utf8)
        let traced = try tracedGraph(source)
        let published = try GraphFile.loadOne(Self.root.appendingPathComponent("stdlib/paper/graphs/RoeFlux_1d.json").path)
        #expect(traced.vertices.map(\.op) == published.vertices.map(\.op))
        #expect(traced.vertices.map(\.shape) == published.vertices.map(\.shape))
        #expect(traced.outputs == published.outputs)
        let key = { (e: Edge) in "\(e.source)>\(e.target):\(e.type.rawValue)\(e.sourceShape)\(e.targetShape)" }
        #expect(Set(traced.edges.map(key)) == Set(published.edges.map(key)))
        #expect(traced.edges.count == published.edges.count)
    }

    @Test func literalsAndConstantsFoldWithoutVertices() throws {
        let g = try tracedGraph("let gamma = 0.5\nfn p(u0, u2) = (gamma - 1) * (u2 - 0.5 * u0^2)\nlet g = graph(p, 1, 2)")
        #expect(listing(g) == ["integer_pow x1", "mul v1", "sub x2 v2", "mul v3"])
    }

    @Test func powersFollowJAX() throws {
        #expect(listing(try tracedGraph("let g = graph(fn(x, y) = (x^2, x^-1, x^y, 1^y, 2^0.5 * x, x^0.5), 3, 2)"))
                == ["integer_pow x1", "integer_pow x1", "pow x1 x2", "pow x2", "mul x1", "pow x1"])
    }

    @Test func nothingIsMergedAndOrderIsLeftToRight() throws {
        #expect(listing(try tracedGraph("let g = graph(fn(x, y) = sin(x) * y + sin(x), 1, 2)"))
                == ["sin x1", "mul v1 x2", "sin x1", "add v2 v3"])
        #expect(listing(try tracedGraph("let g = graph(fn(a, b, c) = a * b * c - c / a, 1, 2, 3)"))
                == ["mul x1 x2", "mul v1 x3", "div x3 x1", "sub v2 v3"])
    }

    @Test func loopsUnrollWhileTracing() throws {
        let g = try tracedGraph("fn f(x) {\n  let s = x\n  for i in 1..4 { s = s * x + i }\n  s\n}\nlet g = graph(f, 2)")
        #expect(listing(g) == ["mul x1", "add v1", "mul v2 x1", "add v3", "mul v4 x1", "add v5"])
        #expect(output("fn f(x) {\n  let s = x\n  for i in 1..4 { s = s * x + i }\n  s\n}\nf(2)") == "27")
    }

    @Test func anInputReturnedAsIsBecomesACopy() throws {
        let g = try tracedGraph("let g = graph(fn(x, y) = (x, x * y), 1, 2)")
        #expect(listing(g) == ["mul x1 x2", "copy x1"])
        #expect(g.outputs == [2, 1])
    }

    @Test func tensorsTraceWithBroadcastsSlicesAndMatmul() throws {
        let g = try tracedGraph("""
        fn f(W, x, b) = tanh(W @ x + b)[0:2]
        let g = graph(f, [[1, 2, 3], [4, 5, 6], [7, 8, 9]], [1, 0, 1], 0.5)
        """)
        #expect(listing(g) == ["dot_general x1 x2", "add v1 x3", "tanh v2", "slice v3"])
        #expect(g.vertices.map(\.shape) == [.vector(3), .vector(3), .vector(3), .vector(2)])
        let h = try tracedGraph("let g = graph(fn(A, v) = A * v + A[1, 1], [[1, 2], [3, 4]], [1, 2])")
        #expect(listing(h) == ["broadcast_in_dim x2", "mul x1 v1", "slice x1", "reshape v3", "add v2 v4"])
    }

    @Test func branchingOnATracedValueIsAnErrorSuggestingWhere() throws {
        let error = try #require(run("fn f(x) {\n  if x > 0 { x } else { -x }\n}\nlet g = graph(f, 1)").error)
        let first = try #require(error.diagnostics.first)
        #expect(first.message == "cannot branch on a traced value: the condition depends on the inputs of the function being traced")
        #expect(first.range?.line == 2 && first.range?.column == 6)
        #expect(first.notes.first?.message == "use where(condition, a, b) to choose between values elementwise")
        #expect(first.traceback.first?.function == "f")
    }

    @Test func whereSelectsElementwise() throws {
        let g = try tracedGraph("let g = graph(fn(x) = where(x > 0, x, -x), [1, -2])")
        #expect(g.vertices.map(\.op) == ["gt", "neg", "select_n"])
        #expect(output("where([1, -2] > 0, [1, -2], 0)") == "[1, 0]")
    }

    @Test func concreteCallsGiveTheSameNumbersAsTracedOnes() throws {
        #expect(output("fn f(x, y) = sin(x) * exp(y) / (1 + x^2)\nf(0.5, 0.25)") == "\(sin(0.5) * exp(0.25) / (1 + 0.25))")
    }
}
