import CrossCountry

/// The network's verdict on one position: prior logits of its legal moves and its value in cost
/// units (minus the estimated remaining multiplications).
struct Evaluation {
    var legalVertices: [Int]
    var logits: [Double]
    var value: Double
}

/// Evaluates many positions in one network call (one thread's worth): encodes each position's live
/// vertices, runs the network once over the packed batch, and reads back logits and values. With
/// several member networks (an ensemble) each runs over the same encoded batch, and a move's
/// logit and the value are the members' means: the ensemble's policy is the normalised geometric
/// mean of theirs.
final class BatchEvaluator {
    private(set) var members: [PolicyValueNetwork<Float>]
    let transform: ValueTransform
    let workspace: NetworkWorkspace<Float>
    let encoder = FeatureEncoder()
    private var legalTokens: [[Int]] = []
    private var legalVertices: [[Int]] = []

    init(members: [PolicyValueNetwork<Float>], transform: ValueTransform) {
        _ = BLASThreads.configured
        self.members = members
        self.transform = transform
        workspace = NetworkWorkspace(members[0].architecture)
    }

    convenience init(network: PolicyValueNetwork<Float>, transform: ValueTransform) {
        self.init(members: [network], transform: transform)
    }

    /// Swaps in new weights (after a training step).
    func update(_ network: PolicyValueNetwork<Float>) { members = [network] }

    func evaluate(_ positions: [(state: EliminationState, context: GraphContext)]) -> [Evaluation] {
        evaluate(positions.map { ($0.state, $0.context, nil) })
    }

    /// Evaluations where some positions limit the network to candidate vertices (a large graph's window).
    func evaluate(_ positions: [(state: EliminationState, context: GraphContext, candidates: [Int]?)]) -> [Evaluation] {
        guard !positions.isEmpty else { return [] }
        workspace.reset()
        legalTokens.removeAll(keepingCapacity: true)
        legalVertices.removeAll(keepingCapacity: true)
        for (state, context, candidates) in positions {
            let n = encoder.tokens(state, context, candidates: candidates)
            encoder.encode(state, context, into: workspace.appendPosition(tokens: n))
            var tokens: [Int] = [], vertices: [Int] = []
            for t in 0..<n where encoder.legal[t] {
                tokens.append(t)
                vertices.append(encoder.vertices[t])
            }
            legalTokens.append(tokens)
            legalVertices.append(vertices)
        }
        var evaluations = positions.indices.map { b in
            Evaluation(legalVertices: legalVertices[b], logits: [Double](repeating: 0, count: legalTokens[b].count), value: 0)
        }
        let share = 1 / Double(members.count)
        for network in members {
            network.forward(workspace)
            // Mean logits rank moves as mean log-probabilities do: the two differ by one constant
            // per position, which neither softmax nor argmax sees.
            for b in positions.indices {
                let start = workspace.offsets[b]
                for (i, t) in legalTokens[b].enumerated() { evaluations[b].logits[i] += share * Double(workspace.logits.p[start + t]) }
                evaluations[b].value += share * positions[b].context.scale * transform.inverse(Double(workspace.values.p[b]))
            }
        }
        return evaluations
    }
}
