import Agent
import CrossCountry
import Foundation

extension Builtins {
    /// Graphs, orders and cost models.
    static func graphs() -> [Builtin] {
        let paper = CostModel.paper
        return [
            Builtin("load_graph", [parameter("path")],
                    summary: "Reads a graph file (ccs's format or the paper's; FILE#NAME picks one of several) or a shipped paper graph by name.",
                    example: "let g = load_graph(\"RoeFlux_1d\")") { (a: inout Arguments) throws(ScriptError) in
                let path = try a.string("path")
                do throws(GraphError) {
                    return .graph(GraphValue(try GraphFile.resolve(path)))
                } catch {
                    let missing = !FileManager.default.fileExists(atPath: path)
                    throw a.error(graphMessage(error), at: "path", notes: missing ? shippedNameNote(near: path) : [])
                }
            },
            Builtin("save_graph", [parameter("g"), parameter("path")], summary: "Writes the graph to a file in ccs's JSON format.",
                    example: "save_graph(g, \"flux.json\")") { (a: inout Arguments) throws(ScriptError) in
                let g = try a.graph("g")
                let path = try a.writablePath("path")
                do throws(GraphError) {
                    try GraphFile.write(g.graph, to: path)
                } catch {
                    throw a.error(graphMessage(error), at: "path")
                }
                return .nothing
            },
            Builtin("dot", [parameter("g"), parameter("path", .nothing)],
                    summary: "The graph as Graphviz DOT text; with a path, writes it to that file instead.",
                    example: "print(dot(g))") { (a: inout Arguments) throws(ScriptError) in
                let text = DOTExport.text(of: try a.graph("g").graph)
                guard a.given("path") else { return .string(text) }
                let path = try a.writablePath("path")
                do {
                    try AtomicFile.write(text, to: path)
                } catch {
                    throw a.error("cannot write '\(path)': \(error.localizedDescription)", at: "path")
                }
                return .nothing
            },
            Builtin(value: "forward", .order(.forward), summary: "Forward mode: eliminate vertices in ascending order.",
                    example: "cost(g, forward)"),
            Builtin(value: "reverse", .order(.reverse), summary: "Reverse mode: eliminate vertices in descending order.",
                    example: "cost(g, reverse)"),
            Builtin(value: "markowitz", .order(.markowitz),
                    summary: "Greedy minimal sparsity-aware Markowitz degree, recomputed after each step, ties to the lowest vertex.",
                    example: "cost(g, markowitz)"),
            Builtin("greedy", [parameter("model")],
                    summary: "The order that always eliminates the vertex the model prices cheapest now (ties to the lowest).",
                    example: "cost(g, greedy(paper))") { (a: inout Arguments) throws(ScriptError) in
                .order(.greedy(try a.model("model")))
            },
            Builtin("order", [parameter("strategy"), parameter("g"), parameter("search", .number(0)), maxMemoryParameter],
                    summary: "The vertex numbers an order eliminates on a graph, in turn; for a policy, search: n runs n simulations of Gumbel search before every move (max_memory: the most it may hold, in GB).",
                    example: "order(markowitz, g)") { (a: inout Arguments) throws(ScriptError) in
                let g = try a.graph("g")
                let simulations = try a.integer("search", in: SearchSettings.allowedSimulations)
                if simulations > 0 {
                    guard case let .policy(policy) = try a.required("strategy") else {
                        throw a.error("search: applies to policies; this strategy has no search", at: "search")
                    }
                    return .list(try a.interpreter.apply(policy, to: g, search: simulations, maxMemory: try a.memoryLimit("max_memory"),
                                                         at: a.range("strategy")).map { .number(Double($0)) })
                }
                return .list(try a.resolveOrder("strategy", on: g).map { .number(Double($0)) })
            },
            Builtin(value: "paper", .model(paper),
                    summary: "The AlphaGrad vertex game's cost model (the default): multiplications by sparsity type and shape.",
                    example: "cost(g, forward, model: paper)"),
            Builtin(value: "memory", .model(.memory),
                    summary: "The cost model of storage: the most entries the live partials hold at any moment of the elimination (a step costs what it adds to that peak).",
                    example: "cost(g, reverse, model: memory)"),
            Builtin("cost", [parameter("g"), parameter("order"), parameter("model", .model(paper))],
                    summary: "The total cost of eliminating the graph in this order under a cost model (a model or a .ccs function of (ins, outs)).",
                    example: "cost(g, markowitz)") { (a: inout Arguments) throws(ScriptError) in
                let g = try a.graph("g")
                let model = try a.model("model")
                let vertices = try a.resolveOrder("order", on: g)
                return .number(try model.cost(of: vertices, on: g, orderRange: a.range("order"), modelRange: a.range("model")).total)
            },
            Builtin("steps", [parameter("g"), parameter("order"), parameter("model", .model(paper))],
                    summary: "A table of the order's elimination steps: the vertex each eliminates and its cost (t.vertex and t.paper are the columns as vectors).",
                    example: "steps(g, reverse)") { (a: inout Arguments) throws(ScriptError) in
                let g = try a.graph("g")
                let model = try a.model("model")
                let vertices = try a.resolveOrder("order", on: g)
                let costing = try model.cost(of: vertices, on: g, orderRange: a.range("order"), modelRange: a.range("model"))
                let rows = zip(vertices, costing.steps).enumerated().map { k, step in [Value.number(Double(k + 1)), .number(Double(step.0)), .number(step.1)] }
                return .table(TableValue(header: ["step", "vertex", model.name], rows: rows))
            },
            Builtin("compare", [parameter("g"), parameter("orders"), parameter("model", .model(paper)), parameter("measure", .bool(false))],
                    summary: "A table of the cost of each order; model may be one cost model or a list of them (one column each). measure: true adds each order's Jacobian time in compiled C beside the predictions (µs per point at \(JacobianTimer.measuredBatch) points, medians; traced graphs).",
                    example: "compare(g, [forward, reverse, markowitz])") { (a: inout Arguments) throws(ScriptError) in
                let g = try a.graph("g")
                var models: [CostModel] = []
                if let model = try a.required("model").costModel() {
                    models = [model]
                } else {
                    for item in try a.sequence("model") {
                        guard let model = try item.costModel() else {
                            throw a.error("the models of 'compare' must be cost models, got \(item.typeDescription)", at: "model")
                        }
                        models.append(model)
                    }
                }
                var rows: [[Value]] = []
                var orderVertices: [[Int]] = []
                let orders = try a.sequence("orders")
                let written = a.itemTexts("orders")
                for (k, item) in orders.enumerated() {
                    guard let order = item.asOrder else {
                        throw a.error("the orders of 'compare' must be orders, got \(item.typeDescription)", at: "orders")
                    }
                    let vertices = try order.resolve(g, a.interpreter, a.range("orders"))
                    // A row is named as its order was written ([best, search(g, rounds: 1)]), else briefly.
                    var row: [Value] = [.string(written.flatMap { $0.count == orders.count ? $0[k] : nil } ?? order.label)]
                    for model in models {
                        let total = try model.cost(of: vertices, on: g, orderRange: a.range("orders"), modelRange: a.range("model")).total
                        // Measured prices are good to a few digits, and so is what they predict.
                        row.append(.number(model.name == "runtime" ? Builtins.significant(total) : total))
                    }
                    rows.append(row)
                    orderVertices.append(vertices)
                }
                var header = ["order"] + models.map(\.name)
                if try a.bool("measure"), let times = try Builtins.measured(g, orderVertices, models: models, a) {
                    header.append("measured µs")
                    for k in rows.indices { rows[k].append(.number(Builtins.significant(times[k] * 1e6))) }
                }
                return .table(TableValue(header: header, rows: rows))
            },
            Builtin("pair_cost", [parameter("in_edge"), parameter("out_edge")],
                    summary: "Inside a cost model: the paper's multiplications for one in-edge u→v times one out-edge v→w.",
                    example: "fn model(ins, outs) = sum(map(fn(i) = sum(map(fn(o) = pair_cost(i, o), outs)), ins))") {
                (a: inout Arguments) throws(ScriptError) in
                throw a.error("pair_cost prices two edges inside a cost model (a function of (ins, outs) given as model:); there are no edges outside one")
            },
        ]
    }

    /// The measured column of `compare`: each order's native Jacobian in seconds per point, the
    /// orders taking turns (`JacobianTimer`); nil, with a note saying why, when native code cannot
    /// be had. With the `runtime` model among the columns, a note says what its prediction leaves out.
    static func measured(_ g: GraphValue, _ orders: [[Int]], models: [CostModel], _ a: Arguments) throws(ScriptError) -> [Double]? {
        guard let numeric = g.numeric else {
            throw a.error("measure: times the Jacobian of a traced graph (graph(f, …)); a loaded graph has no values", at: "measure")
        }
        var timers: [JacobianTimer] = []
        for order in orders {
            let plan: JacobianPlan
            do {
                plan = try JacobianPlan(numeric, order: order, batchSize: JacobianTimer.measuredBatch, backend: .native, stop: a.interpreter.stop)
            } catch {
                throw a.error("measure: \(error)", at: "orders")
            }
            guard plan.backend == .native else {
                a.interpreter.note("compare: no measured column, \(plan.nativeNote ?? "native code is unavailable")")
                return nil
            }
            timers.append(JacobianTimer(plan))
        }
        let times = JacobianTimer.medians(&timers, seconds: 0.15 * Double(orders.count))
        var note = "compare: measured µs per point of the compiled Jacobian at \(JacobianTimer.measuredBatch) points (medians, orders alternating)"
        if models.contains(where: { $0.isSame(as: .runtime) }), let table = try? RuntimeCalibration.table() {
            note += "; runtime predicts the elimination's ns per point, and the primal values and local partials add about \(Display.number(table.fixedCost(of: numeric).rounded())) ns to every order"
        }
        a.interpreter.note(note)
        return times
    }

    /// x to four significant digits.
    static func significant(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x }
        let scale = pow(10, 3 - floor(log10(abs(x))))
        return (x * scale).rounded() / scale
    }

    /// A graph-file error as one sentence (the location of the call is added by the caller).
    static func graphMessage(_ error: GraphError) -> String {
        switch error {
        case let .invalid(message): return message
        case let .file(path, location, message): return "\(path)\(location.map { ":" + $0 } ?? ""): \(message)"
        }
    }
}

extension Arguments {
    func model(_ name: String) throws(ScriptError) -> CostModel {
        let value = try required(name)
        guard let model = try value.costModel() else {
            throw error("argument '\(name)' of '\(function.name)' must be a cost model (paper, exact, code, runtime, memory, or a function of (ins, outs)), got \(value.typeDescription)",
                        at: name)
        }
        return model
    }

    /// The vertices an order argument eliminates on the graph.
    func resolveOrder(_ name: String, on graph: GraphValue) throws(ScriptError) -> [Int] {
        let value = try required(name)
        guard let order = value.asOrder else {
            throw error("argument '\(name)' of '\(function.name)' must be an order (forward, reverse, markowitz, greedy(model) or a list of vertex numbers), got \(value.typeDescription)",
                        at: name)
        }
        return try order.resolve(graph, interpreter, range(name))
    }
}
