import CrossCountry

/// Plays whole games with a Gumbel search before every move, many games at once: each simulation
/// round descends every game's tree to a new leaf, evaluates all leaves in one batched network call,
/// and backs the values up. The searched move is always played (no temperature); exploration comes
/// from the root's Gumbel noise. Evaluations are remembered for two moves by the set of vertices
/// eliminated (the remaining graph's shape does not depend on their order), so the next search
/// reuses what the last one learned below the chosen move, and transposed leaves cost nothing.
struct GumbelPlayer {
    /// A game in progress.
    private struct Slot {
        var graph: Int
        var context: GraphContext
        var state: EliminationState
        var tree: SearchTree
        var random: SplitMix64
        /// Evaluations by position key, from this move's search and the previous one's.
        var recent: [UInt64: Evaluation] = [:], older: [UInt64: Evaluation] = [:]
        var examples: [TrainingExample] = []
        var costs: [Double] = []
        var done = false

        func remembered(_ key: UInt64) -> Evaluation? { recent[key] ?? older[key] }

        /// Starts a new move's memory, forgetting what is two moves old.
        mutating func age() {
            older = recent
            recent.removeAll(keepingCapacity: true)
        }

        /// Expands the root, or a leaf (then backing its value up), with the network's evaluation.
        mutating func expand(_ node: Int, with e: Evaluation) {
            if node == 0 {
                tree.expand(0, legalVertices: e.legalVertices, logits: e.logits, value: e.value, random: &random)
            } else {
                tree.expandLeaf(node, legalVertices: e.legalVertices, logits: e.logits, value: e.value, random: &random)
            }
        }
    }

    let settings: SearchSettings
    /// Whether to keep each position's policy target for training.
    let recordExamples: Bool

    /// Plays one game per entry of `games` (graph index and seed) to the end, or until `shouldStop`
    /// says so (unfinished games are then dropped). `onFinished` sees every complete order reached,
    /// inside the trees as well as the games actually played.
    func play(
        _ games: [(graph: Int, seed: UInt64)], contexts: [GraphContext], evaluator: BatchEvaluator,
        shouldStop: () -> Bool, onFinished: (Int, EliminationState) -> Void
    ) -> [PlayedGame] {
        var slots = games.map { game in
            Slot(graph: game.graph, context: contexts[game.graph], state: contexts[game.graph].start(),
                 tree: SearchTree(settings: settings), random: SplitMix64(seed: game.seed))
        }
        var played: [PlayedGame] = []
        let rollout = BaselineRollout()
        let lambda = settings.rolloutWeight
        /// Mixes a baseline rollout's result into a fresh evaluation (and reports the order it completes).
        func mixed(_ e: Evaluation, _ state: EliminationState, graph: Int) -> Evaluation {
            guard lambda > 0 else { return e }
            var finished = state
            let remaining = rollout.finish(&finished)
            onFinished(graph, finished)
            var e = e
            e.value = (1 - lambda) * e.value - lambda * Double(remaining)
            return e
        }
        for i in slots.indices where slots[i].state.isFinished {
            slots[i].done = true
            onFinished(slots[i].graph, slots[i].state)
            played.append(PlayedGame(graph: slots[i].graph, order: slots[i].state.eliminated, cost: slots[i].state.cost,
                                     stepCosts: [], examples: []))
        }
        while slots.contains(where: { !$0.done }) && !shouldStop() {
            let active = slots.indices.filter { !slots[$0].done }

            // Roots: usually evaluated already as the chosen child; the rest together.
            var pending: [Int] = []
            for i in active {
                slots[i].age()
                slots[i].tree.reset(root: slots[i].state)
                if let known = slots[i].remembered(slots[i].context.key(slots[i].state)) {
                    slots[i].expand(0, with: known)
                } else {
                    pending.append(i)
                }
            }
            let roots = evaluator.evaluate(pending.map { (slots[$0].state, slots[$0].context) })
            for (i, e) in zip(pending, roots) {
                let e = mixed(e, slots[i].state, graph: slots[i].graph)
                slots[i].recent[slots[i].context.key(slots[i].state)] = e
                slots[i].expand(0, with: e)
            }

            // Simulations, one batched evaluation per round; forced moves need none.
            let searching = active.filter { slots[$0].tree.nodes[0].actionCount > 1 }
            for _ in 0..<settings.simulations {
                var leaves: [(slot: Int, node: Int, key: UInt64)] = []
                for i in searching {
                    let graph = slots[i].graph
                    guard let leaf = slots[i].tree.descend(onFinished: { onFinished(graph, $0) }) else { continue }
                    let key = slots[i].context.key(slots[i].tree.nodes[leaf].state)
                    if let known = slots[i].remembered(key) {
                        slots[i].expand(leaf, with: known)
                    } else {
                        leaves.append((i, leaf, key))
                    }
                }
                let evaluations = evaluator.evaluate(leaves.map { (slots[$0.slot].tree.nodes[$0.node].state, slots[$0.slot].context) })
                for (leaf, e) in zip(leaves, evaluations) {
                    let e = mixed(e, slots[leaf.slot].tree.nodes[leaf.node].state, graph: slots[leaf.slot].graph)
                    slots[leaf.slot].recent[leaf.key] = e
                    slots[leaf.slot].expand(leaf.node, with: e)
                }
            }

            // Moves.
            for i in active {
                let tree = slots[i].tree
                let forced = tree.nodes[0].actionCount == 1
                let action = forced ? 0 : tree.bestAction()
                if recordExamples {
                    let target = forced ? [1.0] : tree.improvedPolicy()
                    slots[i].examples.append(evaluator.encoder.example(slots[i].state, slots[i].context, policy: target))
                }
                slots[i].costs.append(slots[i].state.eliminate(tree.actions[tree.nodes[0].firstAction + action]))
                if slots[i].state.isFinished {
                    slots[i].done = true
                    onFinished(slots[i].graph, slots[i].state)
                    played.append(Self.finish(slots[i]))
                }
            }
        }
        return played
    }

    /// Fills in the returns of a finished game's examples.
    private static func finish(_ slot: Slot) -> PlayedGame {
        var examples = slot.examples
        var remaining = 0.0
        for t in stride(from: slot.costs.count - 1, through: 0, by: -1) {
            remaining += slot.costs[t]
            if t < examples.count { examples[t].normalizedReturn = -remaining / slot.context.scale }
        }
        return PlayedGame(graph: slot.graph, order: slot.state.eliminated, cost: slot.state.cost, stepCosts: slot.costs, examples: examples)
    }
}

extension FeatureEncoder {
    /// A training example of a position, with a policy target over its legal moves (in token order).
    func example(_ state: EliminationState, _ context: GraphContext, policy: [Double]) -> TrainingExample {
        let n = tokens(state, context)
        var features = [Float](repeating: 0, count: n * VertexFeatures.count)
        features.withUnsafeMutableBufferPointer { encode(state, context, into: $0.baseAddress!) }
        var target = [Float](repeating: 0, count: n)
        var k = 0
        for t in 0..<n where legal[t] {
            target[t] = Float(policy[k])
            k += 1
        }
        return TrainingExample(features: features, legal: legal, policy: target, normalizedReturn: 0)
    }
}
