import Agent
import CrossCountry
import Foundation
import Testing

/// `ccs train` and `ccs order` as a user runs them.
@Suite struct AgentCommandTests {
    static func directory() -> String {
        let path = NSTemporaryDirectory() + "ccs-agent-cli-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A small scalar graph file: a chain of products with cross links.
    static func graphFile(in directory: String) throws -> String {
        let unit = ShapePair(1, 1)
        var edges: [Edge] = []
        for k in 1...10 {
            edges.append(Edge(source: k == 1 ? .input(1) : .vertex(k - 1), target: k, type: .dense, targetShape: unit, sourceShape: unit))
            if k > 2 { edges.append(Edge(source: k % 2 == 0 ? .input(2) : .vertex(k - 2), target: k, type: .dense, targetShape: unit, sourceShape: unit)) }
        }
        let graph = try ComputationalGraph(
            name: "ladder", inputs: [.init(name: "x1", shape: .scalar), .init(name: "x2", shape: .scalar)],
            vertices: (1...10).map { _ in .init(op: "mul", shape: .scalar) }, outputs: [9, 10], edges: edges)
        let path = directory + "/ladder.json"
        try GraphFile.write(graph, to: path)
        return path
    }

    @Test func trainWritesPolicyCurveAndPlot() throws {
        let dir = Self.directory()
        let graph = try Self.graphFile(in: dir)
        let result = try CLI.run(["train", graph, "--games", "4", "--out", dir + "/ladder.policy", "--seed", "2", "--simulations", "4"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("ladder"))
        #expect(result.output.contains("saved \(dir)/ladder.policy"))
        let csv = try String(contentsOfFile: dir + "/ladder.csv", encoding: .utf8)
        #expect(csv.hasPrefix("games,seconds,graph,mean_cost,best_cost,baseline,policy_loss,value_loss\n4,"))
        let svg = try String(contentsOfFile: dir + "/ladder.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("<polyline") && svg.hasSuffix("</svg>\n"))
        let policy = try Policy.load(from: dir + "/ladder.policy")
        #expect(policy.record.games == 4 && policy.record.graphs == ["ladder"])
        let recorded = try CLI.run(["order", dir + "/ladder.policy", graph, "--recorded"])
        #expect(recorded.status == 0)
        #expect(recorded.output.hasPrefix("cost \(Tensor.format(policy.record.best[0].cost))\n"))
    }

    @Test func aSavedPolicyReproducesItsGreedyOrderInANewProcess() throws {
        let dir = Self.directory()
        let graphPath = try Self.graphFile(in: dir)
        let graph = try GraphFile.loadOne(graphPath)
        var settings = TrainingSettings()
        settings.search.simulations = 4
        let trained = try train([graph], budget: .games(4), seed: 9, settings: settings).policy
        let greedy = try trained.order(for: graph)
        try trained.save(to: dir + "/p.policy")
        let result = try CLI.run(["order", dir + "/p.policy", graphPath, "--json"])
        #expect(result.status == 0, "\(result.error)")
        let document = try JSONParser.parse(result.output)
        #expect(document["order"]?.arrayValue?.compactMap(\.intValue) == greedy)
        let cost = try EliminationGame(graph).cost(of: greedy).total
        #expect(document["cost"]?.intValue.map(Double.init) == cost)
        // Also on a graph it never saw, with search.
        let unseen = try CLI.run(["order", dir + "/p.policy", "PropaneCombustion", "--search", "2"])
        #expect(unseen.status == 0, "\(unseen.error)")
        #expect(unseen.output.hasPrefix("cost "))
    }

    @Test func badPoliciesAndRequestsGetClearErrors() throws {
        let dir = Self.directory()
        let graph = try Self.graphFile(in: dir)
        try Data("ccs-policy\n{\"format\": \"ccs-policy\", \"version\": 3}\n".utf8).write(to: URL(fileURLWithPath: dir + "/v3.policy"))
        let old = try CLI.run(["order", dir + "/v3.policy", graph])
        #expect(old.status == 1)
        #expect(old.error == "ccs: error: \(dir)/v3.policy: policy format version 3 is not supported (this ccs reads versions 1 to 2); retrain or use a matching ccs\n")
        try Data("not a policy".utf8).write(to: URL(fileURLWithPath: dir + "/x.policy"))
        let junk = try CLI.run(["order", dir + "/x.policy", graph])
        #expect(junk.status == 1 && junk.error.contains("not a ccs policy file"))
        let noBudget = try CLI.run(["train", graph, "--out", dir + "/p.policy"])
        #expect(noBudget.status == 1 && noBudget.error.contains("give a budget"))
        let badAlgorithm = try CLI.run(["train", graph, "--games", "1", "--out", dir + "/p.policy", "--algorithm", "dqn"])
        #expect(badAlgorithm.status == 1 && badAlgorithm.error.contains("unknown algorithm"))
        let badTeacher = try CLI.run(["train", graph, "--games", "1", "--out", dir + "/p.policy", "--teacher-rounds=-1"])
        #expect(badTeacher.status == 64 && badTeacher.error.hasPrefix("Error: --teacher-rounds must be a whole number from 0 to 1,000,000,000, got -1\n"),
                "\(badTeacher.error)")
        // An unwritable --out is reported before any game is played, not after the budget is spent.
        let missing = try CLI.run(["train", graph, "--games", "2", "--out", dir + "/missing/p.policy"])
        #expect(missing.status == 1 && missing.output.isEmpty)
        #expect(missing.error == "ccs: error: cannot write \(dir)/missing/p.policy: no such directory \(dir)/missing\n", "\(missing.error)")
        let directory = try CLI.run(["train", graph, "--games", "2", "--out", dir])
        #expect(directory.status == 1 && directory.error == "ccs: error: cannot write \(dir): it is a directory\n", "\(directory.error)")
    }

    /// `ccs ensemble` joins policies; the ensemble applies like any policy, and mismatched members
    /// are refused without writing anything.
    @Test func ensembleJoinsPoliciesIntoOne() throws {
        let dir = Self.directory()
        let graphPath = try Self.graphFile(in: dir)
        let graph = try GraphFile.loadOne(graphPath)
        var settings = TrainingSettings()
        settings.search.simulations = 4
        var members: [Policy] = []
        for seed in UInt64(1)...2 {
            let policy = try train([graph], budget: .games(2), seed: seed, settings: settings).policy
            try policy.save(to: dir + "/s\(seed).policy")
            members.append(policy)
        }
        let joined = try CLI.run(["ensemble", dir + "/s1.policy", dir + "/s2.policy", "--out", dir + "/e.policy"])
        #expect(joined.status == 0, "\(joined.error)")
        #expect(joined.output.hasPrefix("saved \(dir)/e.policy: policy (ensemble of 2 networks, each 32-wide"), "\(joined.output)")
        let applied = try CLI.run(["order", dir + "/e.policy", graphPath, "--json"])
        #expect(applied.status == 0, "\(applied.error)")
        let document = try JSONParser.parse(applied.output)
        #expect(document["order"]?.arrayValue?.compactMap(\.intValue) == (try Policy.ensemble(members).order(for: graph)))

        settings.width = 16
        settings.heads = 2
        try Policy.untrained(settings: settings).save(to: dir + "/narrow.policy")
        let mismatched = try CLI.run(["ensemble", dir + "/s1.policy", dir + "/narrow.policy", "--out", dir + "/bad.policy"])
        #expect(mismatched.status == 1 && mismatched.error.hasPrefix("ccs: error: cannot make an ensemble: policy 2 is d=16"), "\(mismatched.error)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/bad.policy"))
        let missing = try CLI.run(["ensemble", dir + "/s1.policy", dir + "/nope.policy", "--out", dir + "/bad.policy"])
        #expect(missing.status == 1 && missing.error.contains("nope.policy: cannot read the policy (no such file"), "\(missing.error)")
    }
}
