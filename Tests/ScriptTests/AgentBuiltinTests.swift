import Foundation
import Testing
@testable import Script

@Suite struct AgentBuiltinTests {
    @Test func trainSaveLoadAndApplyAPolicy() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccs-agent-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("tiny.policy").path
        var progress: [String] = []
        let session = Session(write: { _ in })
        session.progress = { progress.append($0) }
        let result = session.run("""
            let g = graph(fn(a, b, c) = (sin(a * b) * c, exp(a + c) * b), 0.5, 1.5, 2)
            let p = train(g, games: 4, seed: 3)
            save(p, "\(path)")
            let q = load("\(path)")
            (p.games, q.games, len(q.best), cost(g, q) == cost(g, order(q, g)), len(order(q, g, search: 4)))
            cost(g, q.best[0].order) <= min(cost(g, forward), cost(g, reverse))
            compare(g, [markowitz, q])
            """, name: "t.ccs")
        #expect(result.error == nil, "\(String(describing: result.error))")
        #expect(result.values.prefix(2).map { Display.text($0) } == ["(4, 4, 1, true, \(try eliminable(session)))", "true"])
        #expect(progress.contains { $0.hasPrefix("games 4 · best ") })
        #expect(progress.last == "")
    }

    /// The policy shipped in stdlib/policies/ loads by name and orders a graph it was trained on.
    @Test func loadsTheShippedPolicyByName() throws {
        let session = Session(write: { _ in })
        let result = session.run("""
            let p = load("paper-joint")
            let g = load("RoeFlux_1d")
            (p.games > 0, len(order(p, g)) == g.eliminable, cost(g, p) <= cost(g, forward))
            """, name: "t.ccs")
        #expect(result.error == nil, "\(String(describing: result.error))")
        #expect(result.values.map { Display.text($0) } == ["(true, true, true)"])
    }

    /// `ensemble` joins policies into one that orders graphs like any policy.
    @Test func ensembleJoinsPolicies() throws {
        let session = Session(write: { _ in })
        let result = session.run("""
            let g = load("RoeFlux_1d")
            let p = load("paper-joint")
            let e = ensemble([p, p])
            (e.members == 2 * p.members, order(e, g) == order(p, g), e.games == 2 * p.games)
            """, name: "t.ccs")
        #expect(result.error == nil, "\(String(describing: result.error))")
        #expect(result.values.map { Display.text($0) } == ["(true, true, true)"])
        #expect(firstError("ensemble([load(\"paper-joint\"), 3])") == "1:10: ensemble takes a list of policies, got a number")
        #expect(firstError("ensemble([])") == "1:10: cannot make an ensemble: it needs at least one policy")
    }

    private func eliminable(_ session: Session) throws -> Int {
        guard case let .graph(g)? = session.value(of: "g") else { throw ScriptError.runtime("no graph", at: nil) }
        return g.graph.intermediateCount
    }

    @Test func badAgentCallsSayWhatIsWrong() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccs-agent-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let fake = directory.appendingPathComponent("fake.policy").path
        try "ccs-policy\n{not json".write(toFile: fake, atomically: true, encoding: .utf8)
        let g = "let g = load_graph(\"RoeFlux_1d\")\n"
        #expect(firstError(g + "train(g)") == "2:1: give train a budget: games: N or minutes: M")
        #expect(firstError(g + "train(g, games: 2, algorithm: \"dqn\")") == "2:31: unknown algorithm 'dqn'; use alphazero or ppo")
        #expect(firstError(g + "train(g, games: 0)") == "2:17: games must be a whole number from 1 to 1,000,000,000, got 0")
        #expect(firstError(g + "train([g, 3], games: 1)") == "2:7: train takes a graph or a list of graphs, got a number")
        #expect(firstError("save(3, \"x.json\")") == "1:6: save writes graphs and policies, not a number")
        #expect(firstError("load(\"\(fake)\")")?.hasPrefix("1:6: \(fake): ") == true)
        #expect(firstError(g + "order(markowitz, g, search: 2)") == "2:29: search: applies to policies; this strategy has no search")
    }
}
