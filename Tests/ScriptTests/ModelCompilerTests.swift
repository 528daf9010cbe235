import CrossCountry
import Foundation
@testable import Script
import Testing

/// `.ccs` cost models compiled into engine evaluators: each step's cost is what the same formula,
/// written in Swift over the live edges (`LiveEdge`), gives in that position; impure models are
/// refused when they are compiled, pointing at the offending code.
@Suite struct ModelCompilerTests {
    static let graphs = ["RoeFlux_1d", "RobotArm_6DOF", "g", "Perceptron", "Encoder"]

    /// The steps a model written in `.ccs` charges for `order` on a shipped graph, and the steps the
    /// Swift oracle charges, position by position.
    static func steps(model source: String, name: String, graph: String, order: String,
                      oracle: (EliminationState, Int) -> Double) throws -> (compiled: [Double], expected: [Double]) {
        let session = Session(write: { _ in })
        let result = session.run("""
            \(source)
            let g = load_graph("\(graph)")
            let o = \(order)
            (g, steps(g, o, model: \(name)))
            """, name: "t.ccs")
        if let error = result.error { throw error }
        guard case let .tuple(pair)? = result.values.last, case let .graph(g) = pair[0], case let .table(table) = pair[1] else {
            throw ScriptError.runtime("no graph and table", at: nil)
        }
        var state = try EliminationGame(g.graph).start()
        var compiled: [Double] = [], expected: [Double] = []
        for row in table.rows {
            guard case let .number(v) = row[1], case let .number(cost) = row[2] else { throw ScriptError.runtime("bad row", at: nil) }
            compiled.append(cost)
            expected.append(oracle(state, Int(v)))
            state.eliminate(Int(v))
        }
        return (compiled, expected)
    }

    static let orders = ["forward", "reverse", "markowitz", "greedy(paper)"]

    func check(_ source: String, _ name: String, oracle: (EliminationState, Int) -> Double) throws {
        for graph in Self.graphs {
            for order in Self.orders {
                let (compiled, expected) = try Self.steps(model: source, name: name, graph: graph, order: order, oracle: oracle)
                #expect(!compiled.isEmpty)
                #expect(compiled == expected, "\(name) on \(graph), \(order)")
            }
        }
    }

    @Test func countingModelsMatchTheirSwiftOracle() throws {
        try check("fn m(ins, outs) = len(ins) * len(outs)", "m") { state, v in
            Double(state.inEdges(of: v).count * state.outEdges(of: v).count)
        }
        try check("fn pairs(ins, outs) = sum(map(fn(i) = sum(map(fn(o) = pair_cost(i, o), outs)), ins))", "pairs") { state, v in
            Double(state.inEdges(of: v).reduce(0) { total, i in total + state.outEdges(of: v).reduce(0) { $0 + i.paperCost(times: $1) } })
        }
    }

    @Test func modelsReadFieldsLoopAndBranch() throws {
        // Entries of the out-edges' target shapes plus the dense in-edges (weighted for products),
        // through a helper defined outside the model, loops with local totals, and branches.
        let source = """
            let weight = 2
            fn entries(shape) = shape[0] * shape[1]
            fn m(v, ins, outs) {
              let total = 0
              for o in outs { total = total + entries(o.to_shape) }
              let dense = 0
              for i in ins { if i.type == 1 { dense = dense + 1 } }
              if v.op == "mul" { total + weight * dense } else { total + dense + len(v.shape) }
            }
            """
        try check(source, "m") { state, v in
            let ins = state.inEdges(of: v), outs = state.outEdges(of: v)
            let total = outs.reduce(0) { $0 + $1.targetShape.first * $1.targetShape.second }
            let dense = ins.filter { $0.type == .dense }.count
            let vertex = state.game.graph.vertices[v - 1]
            return Double(vertex.op == "mul" ? total + 2 * dense : total + dense + vertex.shape.dims.count)
        }
    }

    @Test func aModelDrivesGreedySearchAndCompare() {
        let text = output("""
            fn m(ins, outs) = len(ins) * len(outs)
            let g = load_graph("RoeFlux_1d")
            cost(g, greedy(m), model: m) == cost(g, greedy(paper), model: paper)
            cost(g, search(g, rounds: 1, model: m), model: m) <= cost(g, greedy(m), model: m)
            """)
        #expect(text == "true\ntrue")
    }

    @Test func impureModelsAreRefusedWhereTheyAreWritten() {
        let g = "load_graph(\"RoeFlux_1d\")"
        #expect(firstError("fn m(ins, outs) { print(1); 1 }\ncost(\(g), forward, model: m)")
            == "1:19: the cost model 'm' calls 'print': a cost model must be a pure function of the edges, and the game calls it any number of times, in any order")
        #expect(firstError("fn m(ins, outs) = rand()\ncost(\(g), forward, model: m)")
            == "1:19: the cost model 'm' calls 'rand': a cost model must be a pure function of the edges, so the same position always costs the same")
        #expect(firstError("let calls = 0\nfn m(ins, outs) { calls = calls + 1; 1 }\ncost(\(g), forward, model: m)")
            == "2:19: the cost model 'm' assigns to 'calls', which lives outside the model: a cost model cannot keep state between calls")
        #expect(firstError("let h = \(g)\nfn m(ins, outs) = len(h.outputs)\ncost(h, forward, model: m)")?
            .hasPrefix("2:23: the cost model 'm' reads 'h', a graph;") == true)
        #expect(firstError("fn m(ins, outs) = m(ins, outs)\ncost(\(g), forward, model: m)")
            == "1:19: the cost model 'm' calls 'm' from within itself; a cost model cannot recurse")
    }

    @Test func aStepPricedWronglyIsReportedAtTheUse() {
        #expect(firstError("fn m(ins, outs) = len(ins) - 2\ncost(load_graph(\"RoeFlux_1d\"), forward, model: m)")?
            .hasPrefix("2:48: the cost model 'm' must give a finite number at least 0 for every step, but gave -") == true)
    }
}

/// Training under a `.ccs` model: the policy records the model and applies under it, in this
/// session and, loaded with its model, from a file.
@Suite struct ModelTrainingTests {
    @Test func aPolicyTrainedUnderAModelAppliesWithIt() throws {
        let dir = NSTemporaryDirectory() + "ccs-model-train-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let session = Session(write: { _ in })
        let result = session.run("""
            fn m(ins, outs) = len(ins) * len(outs)
            let g = graph(fn(x, y) = sin(x * y) * x + cos(y) * y, 1, 2)
            let p = train(g, games: 4, seed: 1, model: m)
            save(p, "\(dir)/p.policy")
            let q = load("\(dir)/p.policy", model: m)
            (str(p), cost(g, p, model: m) == cost(g, q, model: m))
            """, name: "t.ccs")
        if let error = result.error { throw error }
        guard case let .tuple(pair)? = result.values.last, case let .string(description) = pair[0] else { Issue.record("no pair"); return }
        #expect(description.contains("for 4 games under the m cost model"))
        #expect(Display.inline(pair[1], quoted: false) == "true")
        let unloaded = session.run("cost(g, load(\"\(dir)/p.policy\"))", name: "t.ccs")
        #expect(unloaded.error?.diagnostics.first?.message
            == "the policy was trained under the cost model 'm', which is not built in; load it with load(path, model: m) after defining m")
    }
}
