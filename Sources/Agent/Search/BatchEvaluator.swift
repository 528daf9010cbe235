import CrossCountry

/// The network's verdict on one position: prior logits of its legal moves and its value in cost
/// units (minus the estimated remaining multiplications).
struct Evaluation {
    var legalVertices: [Int]
    var logits: [Double]
    var value: Double
}

/// Evaluates many positions in one network call (one thread's worth): encodes each position's live
/// vertices, runs the network once over the packed batch, and reads back logits and values.
final class BatchEvaluator {
    private(set) var network: PolicyValueNetwork<Float>
    let transform: ValueTransform
    let workspace: NetworkWorkspace<Float>
    let encoder = FeatureEncoder()
    private var legalTokens: [[Int]] = []
    private var legalVertices: [[Int]] = []

    init(network: PolicyValueNetwork<Float>, transform: ValueTransform) {
        _ = BLASThreads.configured
        self.network = network
        self.transform = transform
        workspace = NetworkWorkspace(network.architecture)
    }

    /// Swaps in new weights (after a training step).
    func update(_ network: PolicyValueNetwork<Float>) { self.network = network }

    func evaluate(_ positions: [(state: EliminationState, context: GraphContext)]) -> [Evaluation] {
        guard !positions.isEmpty else { return [] }
        workspace.reset()
        legalTokens.removeAll(keepingCapacity: true)
        legalVertices.removeAll(keepingCapacity: true)
        for (state, context) in positions {
            let n = encoder.tokens(state, context)
            encoder.encode(state, context, into: workspace.appendPosition(tokens: n))
            var tokens: [Int] = [], vertices: [Int] = []
            for t in 0..<n where encoder.legal[t] {
                tokens.append(t)
                vertices.append(encoder.vertices[t])
            }
            legalTokens.append(tokens)
            legalVertices.append(vertices)
        }
        network.forward(workspace)
        return positions.indices.map { b in
            let start = workspace.offsets[b]
            return Evaluation(
                legalVertices: legalVertices[b],
                logits: legalTokens[b].map { Double(workspace.logits.p[start + $0]) },
                value: positions[b].context.scale * transform.inverse(Double(workspace.values.p[b])))
        }
    }
}
