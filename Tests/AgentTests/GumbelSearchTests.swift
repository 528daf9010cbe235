@testable import Agent
import CrossCountry
import Foundation
import Testing

/// Gumbel search's policy improvement on hand-worked numbers and on a hand-made tree.
@Suite struct GumbelSearchTests {
    @Test func sequentialHalvingMatchesTheSchedule() {
        // m = 4, n = 8: ⌈log2 4⌉ = 2; four actions get 8/(2·4) = 1 visit each, then two get 8/(2·2) = 2 more.
        #expect(SequentialHalving.schedule(considered: 4, simulations: 8) == [0, 0, 0, 0, 1, 1, 2, 2])
        #expect(SequentialHalving.schedule(considered: 1, simulations: 3) == [0, 1, 2])
        #expect(SequentialHalving.schedule(considered: 2, simulations: 5) == [0, 0, 1, 1, 2])
    }

    @Test func completedQAndImprovedPolicyByHand() {
        // Three actions; the first two visited. Prior π = softmax(0, ln 2, 0) = (¼, ½, ¼).
        let logits = [0.0, Foundation.log(2.0), 0.0]
        let q = [-10.0, -4.0, 0.0], visits = [1, 3, 0]
        // v_mix = (v̂ + ΣN·(¼·(−10) + ½·(−4))/(¾)) / (ΣN + 1) = (−8 + 4·(−6)) / 5 = −6.4
        let mixed = GumbelMath.mixedValue(rawValue: -8, q: q, visits: visits, prior: GumbelMath.softmax(logits))
        #expect(abs(mixed - -6.4) < 1e-12)
        let completed = GumbelMath.completedQ(rawValue: -8, q: q, visits: visits, logits: logits)
        #expect(completed.count == 3 && completed[0] == -10 && completed[1] == -4 && abs(completed[2] - -6.4) < 1e-12)
        // Min-max normalised: (0, 1, 0.6); σ = (50 + 3)·0.1·q̂.
        let sigma = GumbelMath.sigma(completedQ: completed, visits: visits, settings: SearchSettings())
        #expect(abs(sigma[0]) < 1e-12 && abs(sigma[1] - 5.3) < 1e-12 && abs(sigma[2] - 0.6 * 5.3) < 1e-9)
        let improved = GumbelMath.improvedPolicy(logits: logits, sigma: sigma)
        let weights = [1.0, 2 * Foundation.exp(5.3), Foundation.exp(3.18)]
        let total = weights.reduce(0, +)
        for a in 0..<3 { #expect(abs(improved[a] - weights[a] / total) < 1e-12) }
        // Interior: π′(a) − N(a)/(1 + ΣN) = (0.002 − 0.2, 0.941 − 0.6, 0.056 − 0).
        let scores = GumbelMath.interiorScores(improvedPolicy: improved, visits: visits)
        #expect(abs(scores[1] - (improved[1] - 0.6)) < 1e-12)
        #expect(GumbelMath.argmax(scores) == 1)
    }

    @Test func rootScoresOnlyAdmitTheScheduledVisitCount() {
        let scores = GumbelMath.rootScores(gumbel: [0.5, 0, 0], logits: [0, 1, 2], sigma: [0, 0, 0], visits: [1, 0, 1], target: 1)
        #expect(scores[1] == -.infinity)
        #expect(abs(scores[0] - -1.5) < 1e-12 && abs(scores[2] - 0) < 1e-12)
    }

    /// A chain x1 → v1 → v2 → v3 (output) with v1 also feeding v3: eliminating v1 first costs 1·2,
    /// then v2 costs 1·1; v2 first costs 1·1, then v1 costs 1·1.
    static func chain() throws -> EliminationGame {
        let unit = ShapePair(1, 1)
        let graph = try ComputationalGraph(
            name: "chain", inputs: [.init(name: "x1", shape: .scalar)],
            vertices: (1...3).map { _ in .init(op: "sin", shape: .scalar) }, outputs: [3],
            edges: [Edge(source: .input(1), target: 1, type: .dense, targetShape: unit, sourceShape: unit),
                    Edge(source: .vertex(1), target: 2, type: .dense, targetShape: unit, sourceShape: unit),
                    Edge(source: .vertex(2), target: 3, type: .dense, targetShape: unit, sourceShape: unit),
                    Edge(source: .vertex(1), target: 3, type: .dense, targetShape: unit, sourceShape: unit)])
        return try EliminationGame(graph)
    }

    @Test func handMadeTreeBacksUpExactReturns() throws {
        let game = try Self.chain()
        var tree = SearchTree(settings: SearchSettings(simulations: 4, consideredActions: 2, gumbelScale: 0))
        var random = SplitMix64(seed: 1)
        tree.reset(root: game.start())
        // Root: legal v1, v2 with prior logits (0, 0) and a network value of −5.
        tree.expand(0, legalVertices: [1, 2], logits: [0, 0], value: -5, random: &random)
        var finished: [Double] = []
        // Simulation 1 visits v1 (first of the equal scores): a leaf one move deep, worth −1 say.
        let leaf = tree.descend { finished.append($0.cost) }
        #expect(leaf == 1 && tree.nodes[1].reward == -2)
        tree.expandLeaf(1, legalVertices: [2], logits: [0], value: -1, random: &random)
        // Simulation 2 visits v2: leaf worth −1.
        let leaf2 = tree.descend { finished.append($0.cost) }
        #expect(leaf2 == 2 && tree.nodes[2].reward == -1)
        tree.expandLeaf(2, legalVertices: [1], logits: [0], value: -1, random: &random)
        #expect(tree.visits(0) == [1, 1])
        #expect(tree.q(0) == [-3, -2])
        // Sequential halving (m = 2, n = 4 → schedule 0, 0, 1, 1): both again; the third simulation
        // takes the better-scoring v2 and reaches the end of the game (cost 1 + 1 = 2).
        _ = tree.descend { finished.append($0.cost) }
        #expect(finished == [2])
        #expect(tree.visits(0) == [1, 2])
        // v2's value is now the mean of −1 (its leaf value) and −1 (the exact finish): Q = −1 − 1 = −2.
        #expect(tree.q(0) == [-3, -2])
        let sigma = tree.sigma(0)
        let expected = GumbelMath.improvedPolicy(logits: [0, 0], sigma: [0, (50 + 2) * 0.1])
        let improved = tree.improvedPolicy()
        for a in 0..<2 { #expect(abs(improved[a] - expected[a]) < 1e-12) }
        #expect(abs(sigma[1] - 5.2) < 1e-12)
        #expect(tree.bestAction() == 1)
    }

    @Test func valueTransformsInvertExactly() {
        for transform in ValueTransform.allCases {
            for x in [-250.0, -3.5, -1, -0.01, 0, 0.2, 7, 1e4] {
                #expect(abs(transform.inverse(transform(x)) - x) <= 1e-9 * max(1, abs(x)), "\(transform) at \(x)")
            }
        }
        // The paper's code inverted symlog as sign(x)·exp(|x| − 1); the true inverse of ln 3 is 2.
        #expect(abs(ValueTransform.symlog.inverse(Foundation.log(3.0)) - 2) < 1e-12)
    }

    @Test func baselineRolloutIsNoWorseThanAnyBaseline() throws {
        // On scalar graphs the greedy heuristic is Markowitz exactly (same degree, same ties).
        for name in ["RoeFlux_1d", "RobotArm_6DOF", "HumanHeartDipole", "PropaneCombustion", "g"] {
            let game = try EliminationGame(TestGraphs.paper(name))
            let rollout = BaselineRollout()
            var greedy = game.start()
            rollout.greedy(&greedy)
            #expect(greedy.eliminated == game.markowitzOrder(), "\(name)")
            var best = game.start()
            let cost = rollout.finish(&best)
            let baselines = try BaselineCosts(game.graph)
            #expect(cost == baselines.bestBaseline, "\(name)")
            #expect(try game.cost(of: best.eliminated).total == cost)
        }
    }
}
