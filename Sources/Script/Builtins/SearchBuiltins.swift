import CrossCountry

extension Builtins {
    /// Searching for cheap orders, and the engine's other heuristics.
    static func searching() -> [Builtin] {
        [
            Builtin("search", [parameter("g"), parameter("seconds", .number(10)), parameter("method", .string("auto")),
                               parameter("seed", .number(1)), parameter("rounds", .nothing),
                               maxMemoryParameter,
                               parameter("model", .model(.paper))],
                    summary: "The cheapest order under a cost model that a search finds within the time (every heuristic, then annealing on both cores), with a lower bound on the optimum where the model has one; progress shows while it runs, and Ctrl-C keeps the best so far. rounds: a fixed amount of work, to reproduce a result exactly (seconds, when also given, still limits it); max_memory: the most it may hold, in GB; model: paper, exact, code, runtime, memory or a .ccs function of (ins, outs).",
                    example: "let o = search(g, seconds: 5)") { (a: inout Arguments) throws(ScriptError) in
                let graph = try a.graph("g")
                let model = try a.model("model")
                let game = try graph.game(model, at: a.range("model"))
                let methodName = try a.string("method")
                guard let method = SearchMethod(rawValue: methodName) else {
                    throw a.error("unknown search method '\(methodName)'; the methods are \(SearchMethod.allCases.map(\.rawValue).joined(separator: ", "))",
                                  at: "method")
                }
                let seconds = try a.duration("seconds")
                let seed = try a.integer("seed")
                let rounds = a.given("rounds") ? try a.integer("rounds", in: Bounds.repetitions) : nil
                var options = SearchOptions(seconds: seconds, method: method, seed: UInt64(truncatingIfNeeded: seed), rounds: rounds,
                                            maxMemory: try a.memoryLimit("max_memory"))
                options.timeLimitsRounds = a.given("seconds")
                // A status line while it runs (rewritten on a terminal, every 10 s in a log): phase, incumbent, bound.
                let progress = a.interpreter.progress
                let result: SearchResult
                do throws(SearchError) {
                    result = try game.search(options, stop: a.interpreter.stop) { update in
                        let bound = update.lowerBound.map { "lower bound " + Tensor.format($0) } ?? "no lower bound"
                        progress("search · \(update.method) · best cost \(Tensor.format(update.cost)), \(bound) · Ctrl-C keeps the best")
                    }
                } catch {
                    progress("")
                    throw a.error(error.description, at: "g")
                }
                progress("")
                // A proven optimum is one anywhere; otherwise the clock decided how far the search got.
                if !a.given("rounds") && !result.isOptimal { a.interpreter.timedCalls.append("search(…, rounds: \(max(1, result.rounds)))") }
                try model.checked(at: a.range("model"))
                let under = model.isSame(as: .paper) ? "" : " under \(model.name)"
                let summary = result.summary
                return .order(OrderValue.vertices(result.order, note: "search\(under): \(summary) (\(result.method))"
                                                      + result.notes.filter { !summary.contains($0) }.map { "; " + $0 }.joined(), method: result.method,
                                                  origin: .init(graph: graph.graph.name, model: model.name, cost: result.cost,
                                                                lowerBound: result.lowerBound)))
            },
            Builtin("heuristic", [parameter("name"), parameter("ties", .string("lowest"))],
                    summary: "An order built by one of the engine's heuristics: \(Heuristic.allCases.map(\.rawValue).joined(separator: ", ")); ties: lowest or highest vertex first.",
                    example: "cost(g, heuristic(\"fill-in\"))") { (a: inout Arguments) throws(ScriptError) in
                let name = try a.string("name")
                guard let heuristic = Heuristic(rawValue: name) else {
                    throw a.error("unknown heuristic '\(name)'; the heuristics are \(Heuristic.allCases.map(\.rawValue).joined(separator: ", "))",
                                  at: "name")
                }
                let tiesName = try a.string("ties")
                guard let ties = TieBreak(rawValue: tiesName) else {
                    throw a.error("ties must be \"lowest\" or \"highest\", got \"\(tiesName)\"", at: "ties")
                }
                let label = ties == .lowest || !heuristic.usesTieBreak ? name : "\(name) (highest ties)"
                return .order(OrderValue(name: label) { g, _, _ throws(ScriptError) in try g.game().order(heuristic, tieBreak: ties) })
            },
        ]
    }
}


/// `max_memory:` in gigabytes, the search's default: the most a search, policy-guided search or training may hold.
var maxMemoryParameter: Function.Parameter { parameter("max_memory", .number(Double(SearchOptions.defaultMaxMemory) / 1e9)) }
