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

    /// Offsets of an output head: hidden = swish(input·w1 + b1), out = hidden·w2 + b2 + wide input·wide.
    struct Head: Sendable {
        var w1 = 0, b1 = 0, w2 = 0, b2 = 0, wide = 0
    }

    let architecture: Architecture
    var embed = 0, embedBias = 0
    var layers: [Layer] = []
    var finalGain = 0, finalBias = 0
    var policy = Head(), value = Head()
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
        policy = head(d: d, hidden: h, features: f)
        value = head(d: d, hidden: h, features: f)
    }

    private mutating func head(d: Int, hidden h: Int, features f: Int) -> Head {
        Head(w1: take(d * h, matrix: true), b1: take(h), w2: take(h, matrix: true), b2: take(1), wide: take(f, matrix: true))
    }

    private mutating func take(_ n: Int, matrix: Bool = false) -> Int {
        defer { count += n }
        if matrix { matrices.append(count..<(count + n)) }
        return count
    }
}
