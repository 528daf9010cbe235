import Testing
@testable import Script

/// Values a user can look into: an order's fields, a graph's inputs and outputs, tables by row and
/// column, `compare` rows named as the orders were written, steps with their vertices.
@Suite struct InspectionTests {
    static let setup = "let g = load_graph(\"RoeFlux_1d\")\nlet best = search(g, rounds: 1)\n"

    @Test func aSearchedOrderCarriesItsGraphCostAndMethod() {
        // Its recorded cost is what costing it again gives, on the graph it names.
        #expect(output(Self.setup + "best.cost == cost(g, best)") == "true")
        #expect(output(Self.setup + "(best.graph, best.cost, len(best.order) == g.eliminable)") == "(\"RoeFlux_1d\", 295, true)")
        #expect(output(Self.setup + "best.lower_bound <= best.cost") == "true")
        #expect(output(Self.setup + "cost(g, best.order)") == "295", "o.order is a plain list of vertices")
        #expect(output(Self.setup + "best.method") == "\"annealing\"")
        #expect(output("forward.method") == "\"forward\"")
        #expect(output("[1, 2].method").hasPrefix("unexpected error"), "a list is no order value")
    }

    @Test func aStrategyHasNoVerticesUntilAppliedToAGraph() throws {
        let error = try #require(run("forward.order").error)
        #expect(error.message == "an order has no field 'order'")
        #expect(error.diagnostics[0].notes.map(\.message) == ["forward is a strategy: order(forward, g) gives its vertices on a graph g, cost(g, forward) their cost"])
    }

    @Test func anOrderFromAnotherGraphSaysWhichItBelongsTo() {
        #expect(firstError(Self.setup + "cost(load_graph(\"PropaneCombustion\"), best)")
            == "3:39: invalid order: vertex 100 does not exist; the graph has vertices 1…62; the order was found on graph 'RoeFlux_1d', not 'PropaneCombustion'")
        #expect(firstError("let g = load_graph(\"RoeFlux_1d\")\ncost(g, [1, 2])")?.hasSuffix("eliminable vertices: 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, …") == true,
                "a list found nowhere says nothing of graphs")
    }

    @Test func compareNamesRowsAsTheOrdersWereWritten() {
        let table = output(Self.setup + "let agent = load(\"paper-joint\")\ncompare(g, [forward, best, agent, search(g, rounds: 1), greedy(paper)])")
        let labels = table.split(separator: "\n").dropFirst().map { $0.split(separator: "  ").first.map(String.init) ?? "" }
        #expect(labels == ["forward", "best", "agent", "search(g, rounds: 1)", "greedy(paper)"], "\(table)")
        #expect(output(Self.setup + "let os = [forward, best]\ncompare(g, os)") == "order               paper\nforward               620\nsearch (annealing)    295",
                "without a written name, a short description, never the search's whole summary")
    }

    @Test func stepsListTheVertexAndCostOfEveryStep() {
        // The vertices are the order's, and the costs add up to the order's cost.
        #expect(output(Self.setup + "min(steps(g, best).vertex == map(fn(v) = v, best.order))") == "1", "elementwise equal")
        #expect(output("let g = load_graph(\"RoeFlux_1d\")\n(sum(steps(g, reverse).paper), cost(g, reverse))") == "(364, 364)")
        #expect(output("let g = load_graph(\"RoeFlux_1d\")\nsteps(g, reverse)[0:2]") == "step  vertex  paper\n1        100      2\n2         98      2")
        #expect(output("let g = load_graph(\"RoeFlux_1d\")\nlet s = steps(g, reverse)\n(len(s), s[-1].vertex, s[-1].step)") == "(98, 1, 98)")
        let long = output("let g = load_graph(\"RoeFlux_1d\")\nsteps(g, forward)").split(separator: "\n")
        #expect(long.count == 13, "a long table shows five rows at each end, the ellipsis and a note")
        #expect(long.last == "(98 rows; show(x, all: true) shows every row)")
        #expect(output("let g = load_graph(\"RoeFlux_1d\")\nshow(steps(g, forward), all: true)").split(separator: "\n").count == 99)
    }

    @Test func tablesReadByRowAndColumn() {
        let source = "let t = table([\"x\", \"y\"], [[1, 2], [3, 4], [5, \"six\"]])\n"
        #expect(output(source + "t.x") == "[1, 3, 5]")
        #expect(output(source + "t.y") == "[2, 4, \"six\"]")
        #expect(output(source + "t[1].y") == "4")
        #expect(output(source + "for r in t { r.x * 2 }") == "[2, 6, 10]")
        #expect(firstError(source + "t.z") == "2:1: a table has no field 'z'")
    }

    @Test func aGraphsInputsAndOutputsAreNamesWithShapes() {
        let source = "let g = graph(fn(x, W) = (W @ x, sum(x)), [1, 2], [[1, 2], [3, 4]])\n"
        #expect(output(source + "g.inputs") == "[input(name: \"x\", shape: (2,)), input(name: \"W\", shape: (2, 2))]")
        #expect(output(source + "g.outputs") == "[output(name: \"v1\", shape: (2,)), output(name: \"v2\", shape: ())]")
        #expect(output(source + "(len(g.inputs), len(g.outputs), g.inputs[1].shape)") == "(2, 2, (2, 2))")
    }

    @Test func textOfSeveralLinesShowsAsItself() {
        let dot = output("dot(graph(fn(x) = sin(x), 1))")
        #expect(dot.hasPrefix("digraph \"f\" {\n  rankdir=LR;"), "\(dot)")
        #expect(dot.hasSuffix("x1 -> v1;\n}"))
        #expect(output("\"one line\"") == "\"one line\"", "a single line stays quoted")
        #expect(output("[\"a\\nb\"]") == "[\"a\\nb\"]", "inside a list, text stays quoted")
    }
}
