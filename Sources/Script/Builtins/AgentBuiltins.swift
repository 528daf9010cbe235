import Agent
import CrossCountry
import Foundation

extension Builtins {
    /// The deep-RL agent: training policies, applying them, and saving values to files.
    static func agent() -> [Builtin] {
        [
            Builtin("train", [parameter("g"), parameter("games", .nothing), parameter("minutes", .nothing), parameter("seed", .number(1)),
                              parameter("algorithm", .string("alphazero")), parameter("resume", .nothing), parameter("model", .model(.paper)),
                              maxMemoryParameter],
                    summary: "Trains the deep-RL agent on a graph (or a list of graphs) for a number of games or minutes and returns the policy, with the cheapest order found per graph; progress shows while it runs, and Ctrl-C stops early keeping the policy. model: the cost model that prices (and rewards) the games, which the policy records; max_memory: the most it may hold, in GB.",
                    example: "let p = train(graph(fn(x, y) = sin(x * y) * x + y, 1, 2), games: 2, seed: 1)") { (a: inout Arguments) throws(ScriptError) in
                var graphs: [GraphValue] = []
                if case let .graph(g) = try a.required("g") {
                    graphs = [g]
                } else {
                    for item in try a.sequence("g") {
                        guard case let .graph(g) = item else { throw a.error("train takes a graph or a list of graphs, got \(item.typeDescription)", at: "g") }
                        graphs.append(g)
                    }
                }
                let budget: TrainingBudget
                switch (a.given("games"), a.given("minutes")) {
                case (true, false):
                    budget = .games(try a.integer("games", in: Bounds.repetitions))
                case (false, true):
                    budget = .minutes(try a.duration("minutes", secondsPerUnit: 60, unit: "minutes"))
                case (false, false): throw a.error("give train a budget: games: N or minutes: M")
                case (true, true): throw a.error("give train either games: or minutes:, not both", at: "minutes")
                }
                let name = try a.string("algorithm")
                guard let algorithm = TrainingAlgorithm(rawValue: name.lowercased()) else {
                    throw a.error("unknown algorithm '\(name)'; use alphazero or ppo", at: "algorithm")
                }
                var resume: Policy?
                if a.given("resume") {
                    guard case let .policy(p) = try a.required("resume") else { throw a.error("resume takes a policy", at: "resume") }
                    resume = p
                }
                let seed = UInt64(truncatingIfNeeded: try a.integer("seed"))
                let model = try a.model("model")
                var settings = TrainingSettings()
                settings.maxMemory = try a.memoryLimit("max_memory")
                let progress = a.interpreter.progress
                let result: TrainingResult
                do throws(AgentError) {
                    result = try Agent.train(graphs.map(\.graph), traced: graphs.map(\.numeric), model: model, algorithm: algorithm, budget: budget, seed: seed, resume: resume,
                                             settings: settings, stop: a.interpreter.stop) { progress($0.line) }
                    progress("")
                    a.interpreter.trainingCurves.append((result.policy.record, result.curve))
                    if case .minutes = budget { a.interpreter.timedCalls.append("train(…, games: \(result.policy.record.games - (resume?.record.games ?? 0)))") }
                } catch {
                    model.clearFailure()
                    throw a.error("train: \(error)")
                }
                try model.checked(at: a.range("model"))
                return .policy(result.policy)
            },
            Builtin("ensemble", [parameter("policies")],
                    summary: "Joins a list of policies into one whose networks vote on every move (the highest mean log-probability wins); greedily it returns the cheapest of the vote's order and each member's.",
                    example: "order(ensemble([load(\"paper-joint\"), train(g, games: 2, seed: 2)]), g)") { (a: inout Arguments) throws(ScriptError) in
                var policies: [Policy] = []
                for item in try a.sequence("policies") {
                    guard case let .policy(p) = item else { throw a.error("ensemble takes a list of policies, got \(item.typeDescription)", at: "policies") }
                    policies.append(p)
                }
                do throws(AgentError) {
                    return .policy(try Policy.ensemble(policies))
                } catch {
                    throw a.error("\(error)", at: "policies")
                }
            },
            Builtin("save", [parameter("value"), parameter("path")],
                    summary: "Writes a graph (ccs's JSON format) or a policy (a ccs policy file) to a file, atomically.",
                    example: "save(g, \"flux.json\")") { (a: inout Arguments) throws(ScriptError) in
                let value = try a.required("value")
                let path = try a.writablePath("path")
                switch value {
                case let .graph(g):
                    do throws(GraphError) { try GraphFile.write(g.graph, to: path) } catch { throw a.error(graphMessage(error), at: "path") }
                case let .policy(p):
                    do throws(PolicyError) { try p.save(to: path) } catch { throw a.error("\(error)", at: "path") }
                default:
                    throw a.error("save writes graphs and policies, not \(value.typeDescription)", at: "value")
                }
                return .nothing
            },
            Builtin("load", [parameter("path"), parameter("model", .nothing)],
                    summary: "Reads a policy file or a graph file, by what the file holds, or a shipped paper graph or policy by name. model: for a policy trained under a .ccs cost model, that model (the file records only its name).",
                    example: "let g = load(\"RoeFlux_3d\")") { (a: inout Arguments) throws(ScriptError) in
                let path = try a.string("path")
                if let file = ShippedPolicies.file(path), let handle = FileHandle(forReadingAtPath: file) {
                    let head = (try? handle.read(upToCount: PolicyFile.magic.utf8.count)) ?? nil
                    try? handle.close()
                    if let head, head.elementsEqual(PolicyFile.magic.utf8) {
                        var policy: Policy
                        do throws(PolicyError) { policy = try Policy.load(from: file) } catch { throw a.error("\(error)", at: "path") }
                        if a.given("model") {
                            let model = try a.model("model")
                            guard model.name == policy.record.model else {
                                throw a.error("the policy was trained under the cost model '\(policy.record.model)', not '\(model.name)'", at: "model")
                            }
                            policy.costModel = model
                        }
                        return .policy(policy)
                    }
                }
                if a.given("model") { throw a.error("model: applies to policies; \(path) is not a policy file", at: "model") }
                do throws(GraphError) {
                    return .graph(GraphValue(try GraphFile.resolve(path)))
                } catch {
                    guard case .file(_, nil, _) = error, !FileManager.default.fileExists(atPath: path) else {
                        throw a.error(graphMessage(error), at: "path")
                    }
                    throw a.error("\(path): no such file, and no shipped graph or policy of that name", at: "path", notes: shippedNameNote(near: path))
                }
            },
        ]
    }

    /// "Did you mean …?" for a name close to a shipped graph's or policy's (a misspelling, a prefix),
    /// saying which kind it is.
    static func shippedNameNote(near name: String) -> [Diagnostic.Note] {
        guard !name.contains("/") else { return [] }
        let graphs = PaperGraphs.names, policies = ShippedPolicies.names()
        let candidates = graphs + policies
        let prefixed = candidates.filter { $0.lowercased().hasPrefix(name.lowercased()) }
        guard let near = Suggestion.closest(to: name, among: candidates) ?? (prefixed.count == 1 ? prefixed[0] : nil) else { return [] }
        let kind = policies.contains(near) ? "a shipped policy" : "a shipped graph"
        return [Diagnostic.Note(message: "did you mean '\(near)' (\(kind))?", range: nil)]
    }
}
