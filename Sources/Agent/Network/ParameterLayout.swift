/// Where each weight tensor of a network lives in its one flat parameter array (row-major
/// matrices, input dimension first), and which tensors weight decay applies to.
struct ParameterLayout: Sendable {
    /// Offsets of one transformer layer's tensors.
    struct Layer: Sendable {
        var norm1Gain = 0, norm1Bias = 0
        /// Query, key and value projections side by side: d × 3d.
        var qkv = 0
        var attentionOut = 0
        var norm2Gain = 0, norm2Bias = 0
        var ff1 = 0, ff1Bias = 0, ff2 = 0, ff2Bias = 0
    }

    let architecture: Architecture
    var embed = 0, embedBias = 0
    var layers: [Layer] = []
    var finalGain = 0, finalBias = 0
    var policy1 = 0, policy1Bias = 0, policy2 = 0, policy2Bias = 0, policyWide = 0
    var value1 = 0, value1Bias = 0, value2 = 0, value2Bias = 0, valueWide = 0
    private(set) var count = 0
    /// Ranges of matrices (weight decay applies to them, not to gains and biases).
    private(set) var matrices: [Range<Int>] = []

    init(_ a: Architecture) {
        architecture = a
        let d = a.width, f = a.features, h = a.headHidden
        embed = take(f * d, matrix: true)
        embedBias = take(d)
        for _ in 0..<a.layers {
            var l = Layer()
            l.norm1Gain = take(d)
            l.norm1Bias = take(d)
            l.qkv = take(d * 3 * d, matrix: true)
            l.attentionOut = take(d * d, matrix: true)
            l.norm2Gain = take(d)
            l.norm2Bias = take(d)
            l.ff1 = take(d * a.feedForward, matrix: true)
            l.ff1Bias = take(a.feedForward)
            l.ff2 = take(a.feedForward * d, matrix: true)
            l.ff2Bias = take(d)
            layers.append(l)
        }
        finalGain = take(d)
        finalBias = take(d)
        policy1 = take(d * h, matrix: true)
        policy1Bias = take(h)
        policy2 = take(h, matrix: true)
        policy2Bias = take(1)
        policyWide = take(f, matrix: true)
        value1 = take(d * h, matrix: true)
        value1Bias = take(h)
        value2 = take(h, matrix: true)
        value2Bias = take(1)
        valueWide = take(f, matrix: true)
    }

    private mutating func take(_ n: Int, matrix: Bool = false) -> Int {
        defer { count += n }
        if matrix { matrices.append(count..<(count + n)) }
        return count
    }
}
