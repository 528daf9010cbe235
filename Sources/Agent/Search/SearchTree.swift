import CrossCountry
import Foundation

/// One move's Gumbel search tree over the real elimination game: nodes hold their positions, the
/// network's prior logits and value, and visit statistics. Simulations are driven from outside
/// (`descend`, then `expand` once the leaf is evaluated) so that many games' leaves can share one
/// batched network evaluation. Values are in cost units: a return is minus the multiplications.
struct SearchTree {
    struct Node {
        var state: EliminationState
        var parent: Int
        /// Minus the cost of the move that led here.
        var reward: Double
        var visits = 0
        var valueSum = 0.0
        /// The network's value (or 0 for a finished game); nil until evaluated.
        var rawValue: Double?
        var firstAction = 0
        var actionCount = 0
        var isTerminal: Bool { state.isFinished }
        var value: Double { visits > 0 ? valueSum / Double(visits) : rawValue ?? 0 }
    }

    let settings: SearchSettings
    private(set) var nodes: [Node] = []
    /// Per node, its legal actions (vertex numbers), prior logits and child node (−1 if none), flat.
    private(set) var actions: [Int] = []
    private(set) var logits: [Double] = []
    private(set) var children: [Int] = []
    private(set) var gumbel: [Double] = []
    private var schedule: [[Int]] = []
    private(set) var simulation = 0

    init(settings: SearchSettings) {
        self.settings = settings
        schedule = (0...max(1, settings.consideredActions)).map {
            SequentialHalving.schedule(considered: $0, simulations: max(1, settings.simulations))
        }
    }

    /// Starts a new search at `root`, which still needs expanding.
    mutating func reset(root: EliminationState) {
        nodes.removeAll(keepingCapacity: true)
        actions.removeAll(keepingCapacity: true)
        logits.removeAll(keepingCapacity: true)
        children.removeAll(keepingCapacity: true)
        simulation = 0
        nodes.append(Node(state: root, parent: -1, reward: 0))
    }

    /// Gives a node its legal actions' prior logits (in the order of `legalVertices`) and its value,
    /// and at the root draws the Gumbel noise. Does not back anything up.
    mutating func expand<G: RandomNumberGenerator>(_ node: Int, legalVertices: [Int], logits priors: [Double], value: Double, random: inout G) {
        nodes[node].firstAction = actions.count
        nodes[node].actionCount = legalVertices.count
        nodes[node].rawValue = value
        actions += legalVertices
        logits += priors
        children += repeatElement(-1, count: legalVertices.count)
        if node == 0 {
            gumbel = legalVertices.indices.map { _ in
                let u = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &random)
                return settings.gumbelScale * -Foundation.log(-Foundation.log(u))
            }
        }
    }

    /// Runs one simulation down from the root: returns the new leaf to evaluate, or nil when the
    /// simulation ended in a finished game (already backed up). `onFinished` sees every complete
    /// game the tree reaches.
    mutating func descend(onFinished: (EliminationState) -> Void) -> Int? {
        var node = 0
        var action = selectAtRoot()
        while true {
            let slot = nodes[node].firstAction + action
            if children[slot] < 0 {
                var state = nodes[node].state
                let cost = state.eliminate(actions[slot])
                children[slot] = nodes.count
                nodes.append(Node(state: state, parent: node, reward: -cost))
                let child = nodes.count - 1
                if state.isFinished {
                    nodes[child].rawValue = 0
                    onFinished(state)
                    backup(child, value: 0)
                    return nil
                }
                return child
            }
            node = children[slot]
            if nodes[node].isTerminal {
                backup(node, value: 0)
                return nil
            }
            action = selectInterior(node)
        }
    }

    /// Records the evaluation of a leaf returned by `descend` and backs its value up to the root.
    mutating func expandLeaf<G: RandomNumberGenerator>(_ node: Int, legalVertices: [Int], logits priors: [Double], value: Double, random: inout G) {
        expand(node, legalVertices: legalVertices, logits: priors, value: value, random: &random)
        backup(node, value: value)
    }

    private mutating func backup(_ leaf: Int, value: Double) {
        var g = value, node = leaf
        while node >= 0 {
            nodes[node].valueSum += g
            nodes[node].visits += 1
            g += nodes[node].reward
            node = nodes[node].parent
        }
        simulation += 1
    }

    // MARK: Statistics at a node

    func visits(_ node: Int) -> [Int] {
        let n = nodes[node]
        return (0..<n.actionCount).map { let c = children[n.firstAction + $0]; return c < 0 ? 0 : nodes[c].visits }
    }

    /// Q(a) = r(a) + V(child) for visited actions (0 elsewhere).
    func q(_ node: Int) -> [Double] {
        let n = nodes[node]
        return (0..<n.actionCount).map {
            let c = children[n.firstAction + $0]
            return c < 0 || nodes[c].visits == 0 ? 0 : nodes[c].reward + nodes[c].value
        }
    }

    func priorLogits(_ node: Int) -> [Double] {
        let n = nodes[node]
        return Array(logits[n.firstAction..<(n.firstAction + n.actionCount)])
    }

    func legalVertices(_ node: Int) -> [Int] {
        let n = nodes[node]
        return Array(actions[n.firstAction..<(n.firstAction + n.actionCount)])
    }

    /// σ(completed Q) over the node's actions.
    func sigma(_ node: Int) -> [Double] {
        let visits = visits(node)
        let completed = GumbelMath.completedQ(rawValue: nodes[node].rawValue ?? 0, q: q(node), visits: visits, logits: priorLogits(node))
        return GumbelMath.sigma(completedQ: completed, visits: visits, settings: settings)
    }

    /// The search's policy target at the root: softmax(logits + σ(completed Q)).
    func improvedPolicy() -> [Double] {
        GumbelMath.improvedPolicy(logits: priorLogits(0), sigma: sigma(0))
    }

    /// The move to play: among the most visited root actions, the best Gumbel score.
    func bestAction() -> Int {
        let visits = visits(0)
        let scores = GumbelMath.rootScores(gumbel: gumbel, logits: priorLogits(0), sigma: sigma(0), visits: visits, target: visits.max() ?? 0)
        return GumbelMath.argmax(scores)
    }

    private func selectAtRoot() -> Int {
        let n = nodes[0].actionCount
        let considered = min(settings.consideredActions, n)
        let row = schedule[min(considered, schedule.count - 1)]
        let target = row[min(simulation, row.count - 1)]
        let visits = visits(0)
        var scores = GumbelMath.rootScores(gumbel: gumbel, logits: priorLogits(0), sigma: sigma(0), visits: visits, target: target)
        if scores.allSatisfy({ $0 == -.infinity }) {
            // Past the schedule (more simulations than planned): fall back to the least visited.
            let least = visits.min() ?? 0
            scores = GumbelMath.rootScores(gumbel: gumbel, logits: priorLogits(0), sigma: sigma(0), visits: visits, target: least)
        }
        return GumbelMath.argmax(scores)
    }

    private func selectInterior(_ node: Int) -> Int {
        let visits = visits(node)
        let policy = GumbelMath.improvedPolicy(logits: priorLogits(node), sigma: sigma(node))
        return GumbelMath.argmax(GumbelMath.interiorScores(improvedPolicy: policy, visits: visits))
    }
}
