/// One thread's batch for the network: the input features of several positions packed token after
/// token (a position's tokens are its live vertices), the outputs, and every activation the
/// backward pass needs. Buffers grow to the largest batch seen and are then reused.
final class NetworkWorkspace<T: NetScalar> {
    /// Activations of one transformer layer.
    final class LayerCache {
        let normalized1 = Buffer<T>(), deviation1 = Buffer<T>(), normed1 = Buffer<T>()
        let qkv = Buffer<T>(), attention = Buffer<T>(), probabilities = Buffer<T>()
        let normalized2 = Buffer<T>(), deviation2 = Buffer<T>(), normed2 = Buffer<T>()
        let hidden = Buffer<T>(), activated = Buffer<T>()
    }

    let architecture: Architecture
    /// Token offsets of the positions: position b owns tokens offsets[b]..<offsets[b+1].
    private(set) var offsets: [Int] = [0]
    /// Offsets of each position's attention matrices (n² per head).
    private(set) var probabilityOffsets: [Int] = [0]

    let features = Buffer<T>()
    let residual = Buffer<T>()
    let layers: [LayerCache]
    let finalNormalized = Buffer<T>(), finalDeviation = Buffer<T>(), final = Buffer<T>()
    let policyHidden = Buffer<T>(), policyActivated = Buffer<T>()
    let logits = Buffer<T>()
    let pooled = Buffer<T>(), pooledFeatures = Buffer<T>()
    let valueHidden = Buffer<T>(), valueActivated = Buffer<T>()
    let values = Buffer<T>()

    // Backward scratch.
    let dResidual = Buffer<T>(), dNormed = Buffer<T>(), dQKV = Buffer<T>(), dAttention = Buffer<T>()
    let dScores = Buffer<T>(), dHidden = Buffer<T>(), dFinal = Buffer<T>()
    let dPolicyHidden = Buffer<T>(), dPooled = Buffer<T>(), dValueHidden = Buffer<T>()

    init(_ architecture: Architecture) {
        self.architecture = architecture
        layers = (0..<architecture.layers).map { _ in LayerCache() }
    }

    /// The bytes the buffers hold now (what `PlayMemory` estimates before a batch).
    var bytes: Int {
        let perLayer = layers.map { l in
            [l.normalized1, l.deviation1, l.normed1, l.qkv, l.attention, l.probabilities, l.normalized2, l.deviation2, l.normed2,
             l.hidden, l.activated].reduce(0) { $0 + $1.capacity }
        }
        let shared = [features, residual, finalNormalized, finalDeviation, final, policyHidden, policyActivated, logits, pooled,
                      pooledFeatures, valueHidden, valueActivated, values, dResidual, dNormed, dQKV, dAttention, dScores, dHidden,
                      dFinal, dPolicyHidden, dPooled, dValueHidden]
        return (perLayer.reduce(0, +) + shared.reduce(0) { $0 + $1.capacity }) * MemoryLayout<T>.stride
    }

    var tokenCount: Int { offsets[offsets.count - 1] }
    var positionCount: Int { offsets.count - 1 }

    /// Starts an empty batch.
    func reset() {
        offsets.removeAll(keepingCapacity: true)
        offsets.append(0)
        probabilityOffsets.removeAll(keepingCapacity: true)
        probabilityOffsets.append(0)
    }

    /// Adds a position of `tokens` tokens and returns where its features go (tokens × features).
    func appendPosition(tokens: Int) -> UnsafeMutablePointer<T> {
        // Players evaluate only positions with a move left, which have live vertices.
        precondition(tokens > 0, "a position without live vertices has nothing to evaluate")
        let start = tokenCount
        offsets.append(start + tokens)
        probabilityOffsets.append(probabilityOffsets[probabilityOffsets.count - 1] + tokens * tokens * architecture.heads)
        features.reserve((start + tokens) * architecture.features)
        return features.p + start * architecture.features
    }

    /// Sizes every buffer for the current batch.
    func prepare() {
        let a = architecture, n = tokenCount, b = positionCount, d = a.width
        let probabilityCount = probabilityOffsets[probabilityOffsets.count - 1]
        var largest = 0
        for i in 0..<b { largest = max(largest, offsets[i + 1] - offsets[i]) }
        for buffer in [residual, finalNormalized, final, dResidual, dNormed, dAttention, dFinal] { buffer.reserve(n * d) }
        for buffer in [finalDeviation, logits] { buffer.reserve(n) }
        for layer in layers {
            for buffer in [layer.normalized1, layer.normed1, layer.attention, layer.normalized2, layer.normed2] {
                buffer.reserve(n * d)
            }
            layer.deviation1.reserve(n)
            layer.deviation2.reserve(n)
            layer.qkv.reserve(n * 3 * d)
            layer.probabilities.reserve(probabilityCount)
            layer.hidden.reserve(n * a.feedForward)
            layer.activated.reserve(n * a.feedForward)
        }
        dQKV.reserve(n * 3 * d)
        dScores.reserve(largest * largest)
        dHidden.reserve(n * a.feedForward)
        for buffer in [policyHidden, policyActivated, dPolicyHidden] { buffer.reserve(n * a.headHidden) }
        for buffer in [pooled, dPooled] { buffer.reserve(b * d) }
        pooledFeatures.reserve(b * a.features)
        for buffer in [valueHidden, valueActivated, dValueHidden] { buffer.reserve(b * a.headHidden) }
        values.reserve(b)
    }
}
