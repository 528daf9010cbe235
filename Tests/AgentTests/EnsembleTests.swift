@testable import Agent
import CrossCountry
import Foundation
import Testing

/// Ensembles: the vote is the members' mean log-probability, files keep every network, and
/// policies that cannot vote together are refused.
@Suite struct EnsembleTests {
    /// log softmax written out directly, as a second implementation.
    static func logProbabilities(_ logits: [Double]) -> [Double] {
        let total = logits.map { exp($0) }.reduce(0, +)
        return logits.map { $0 - log(total) }
    }

    /// At every step of the ensemble's greedy game, its move is the argmax of the members' mean
    /// log-probability, each member evaluated on its own; and every member is outvoted somewhere,
    /// so no single member decides.
    @Test func greedyMovesMaximiseTheMeanLogProbability() throws {
        let members = [PolicyFileTests.policy(seed: 9), PolicyFileTests.policy(seed: 10), PolicyFileTests.policy(seed: 11)]
        let ensemble = try Policy.ensemble(members)
        #expect(ensemble.memberCount == 3)
        var outvoted = [0, 0, 0]
        for seed in UInt64(1)...4 {
            let graph = TestGraphs.random(seed: seed, vertices: 14)
            let context = try GraphContext.make(graph)
            let order = try ensemble.greedyGames(context)[0].order
            var state = context.game.start()
            for vertex in order {
                var mean: [Double] = [], legal: [Int] = [], choices: [Int] = []
                for member in members {
                    let e = BatchEvaluator(network: member.network, transform: member.valueTransform).evaluate([(state, context)])[0]
                    let votes = Self.logProbabilities(e.logits)
                    mean = mean.isEmpty ? votes : zip(mean, votes).map(+)
                    legal = e.legalVertices
                    choices.append(e.legalVertices[GumbelMath.argmax(e.logits)])
                }
                #expect(vertex == legal[GumbelMath.argmax(mean)])
                for k in choices.indices where choices[k] != vertex { outvoted[k] += 1 }
                _ = state.eliminate(vertex)
            }
            #expect(state.isFinished)
        }
        #expect(outvoted.allSatisfy { $0 > 0 }, "\(outvoted)")
    }

    /// Greedily an ensemble returns the cheapest of its vote's order and each member's own, as
    /// each member applied alone plays it; on some graph a member alone beats the vote.
    @Test func greedyOrdersAreTheCheapestOfTheVoteAndItsMembers() throws {
        let members = [PolicyFileTests.policy(seed: 9), PolicyFileTests.policy(seed: 10), PolicyFileTests.policy(seed: 11)]
        let ensemble = try Policy.ensemble(members)
        var memberBeatsVote = false
        for seed in UInt64(1)...8 {
            let graph = TestGraphs.random(seed: seed, vertices: 14)
            let game = try EliminationGame(graph)
            let vote = try game.cost(of: try ensemble.greedyGames(GraphContext.make(graph))[0].order).total
            let alone = try members.map { try game.cost(of: $0.order(for: graph)).total }
            let order = try ensemble.order(for: graph)
            try game.validate(order)
            #expect(try game.cost(of: order).total == min(vote, alone.min()!))
            if alone.min()! < vote { memberBeatsVote = true }
        }
        #expect(memberBeatsVote)
    }

    /// Copies of one policy vote as that policy does, greedily and in search.
    @Test func anEnsembleOfCopiesPlaysAsItsMember() throws {
        let policy = PolicyFileTests.policy(seed: 12)
        let copies = try Policy.ensemble([policy, policy])
        for seed in UInt64(5)...6 {
            let graph = TestGraphs.random(seed: seed)
            #expect(try copies.order(for: graph) == policy.order(for: graph))
            #expect(try copies.order(for: graph, search: 4) == policy.order(for: graph, search: 4))
        }
    }

    @Test func filesKeepEveryNetwork() throws {
        let path = PolicyFileTests.directory() + "/e.policy"
        var a = PolicyFileTests.policy(seed: 20), b = PolicyFileTests.policy(seed: 21)
        b.record.games = 30
        b.record.graphs = ["random1", "random2"]
        b.record.best = [BestOrder(graph: "random1", order: [1, 2, 3], cost: 6, baseline: 9, foundAfterGames: 5),
                         BestOrder(graph: "random2", order: [1], cost: 2, baseline: 2, foundAfterGames: 1)]
        a.record.seconds = 1.5
        let ensemble = try Policy.ensemble([a, b])
        try ensemble.save(to: path)
        let loaded = try Policy.load(from: path)
        #expect(loaded.members.map(\.parameters) == [a.network.parameters, b.network.parameters])
        #expect(loaded.record == ensemble.record)
        #expect(loaded.record.games == 42 && loaded.record.graphs == ["random1", "random2"])
        #expect(loaded.record.best.map(\.cost) == [6, 2], "the cheaper of the members' orders per graph")
        let graph = TestGraphs.random(seed: 7)
        #expect(try loaded.order(for: graph) == ensemble.order(for: graph))
        // An ensemble is format version 2; one network stays version 1, which older ccs reads.
        let header = { (bytes: [UInt8]) in String(decoding: bytes.prefix(80), as: UTF8.self) }
        #expect(header(PolicyFile.encode(ensemble)).contains("\"version\": 2"))
        #expect(header(PolicyFile.encode(a)).contains("\"version\": 1"))
        // Joining an ensemble with a policy counts its networks singly.
        #expect(try Policy.ensemble([loaded, a]).memberCount == 3)
    }

    @Test func badEnsemblesAreRefused() throws {
        let good = PolicyFileTests.encodedEnsemble()
        let perNetwork = ParameterLayout(PolicyFileTests.policy().architecture).count * 4
        let (truncated, path) = try PolicyFileTests.loadError(Array(good.dropLast(perNetwork)))
        #expect(truncated == .truncated(path: path, detail: "the header promises \(2 * perNetwork) bytes of weights, the file holds \(perNetwork)"))
        let zero = PolicyFileTests.edited(good) { $0.replacingOccurrences(of: "\"members\": 2", with: "\"members\": 0") }
        let (none, path2) = try PolicyFileTests.loadError(zero)
        #expect(none == .malformedHeader(path: path2, detail: "weights: members: 0 networks; expected 1 to 1024"))

        #expect(throws: AgentError.invalidEnsemble("it needs at least one policy")) { try Policy.ensemble([]) }
        var settings = TrainingSettings()
        settings.width = 16
        settings.heads = 2
        let wide = Policy.untrained(settings: settings)
        #expect(throws: AgentError.invalidEnsemble("policy 2 is \(wide.architecture), policy 1 is \(PolicyFileTests.policy().architecture)")) {
            try Policy.ensemble([PolicyFileTests.policy(), wide])
        }
        var underMemory = PolicyFileTests.policy(seed: 2)
        underMemory.record.model = "memory"
        #expect(throws: AgentError.invalidEnsemble("policy 2 was trained under the cost model 'memory', policy 1 under 'paper'")) {
            try Policy.ensemble([PolicyFileTests.policy(seed: 1), underMemory])
        }
        let ensemble = try Policy.ensemble([PolicyFileTests.policy(seed: 1), PolicyFileTests.policy(seed: 2)])
        #expect(throws: AgentError.invalidSettings("cannot resume an ensemble (2 networks); resume the policies it joins and join them again")) {
            try train([TestGraphs.random(seed: 1)], budget: .games(1), resume: ensemble)
        }
    }
}
