import CrossCountry
import Foundation

/// The policy/value network: a linear embedding of each live vertex's features, pre-LayerNorm
/// transformer layers whose attention runs within one position's live vertices only, a final
/// LayerNorm, then a per-vertex policy logit and a value read from the mean token. Both heads also
/// see the raw features linearly ("wide" weights), which is how a fresh network starts out as a
/// sharp Markowitz-like policy. All weights live in one flat array; the backward pass is written
/// out by hand and checked against finite differences in the tests.
public struct PolicyValueNetwork<T: NetScalar>: Sendable {
    public let architecture: Architecture
    let layout: ParameterLayout
    public var parameters: [T]

    /// A network with the given weights (their count must match the architecture).
    init(architecture: Architecture, parameters: [T]) {
        self.architecture = architecture
        layout = ParameterLayout(architecture)
        // Policy files are checked against the architecture's weight count before a network is built.
        precondition(parameters.count == layout.count, "weights do not match the architecture")
        self.parameters = parameters
    }

    /// A freshly initialised network: scaled normal matrices (residual projections shrunk by
    /// depth), unit gains, zero biases, zero output layers so that the wide weights alone decide
    /// the first policy and value.
    init(architecture: Architecture, seed: UInt64, widePolicy: [(feature: Int, weight: Double)] = []) {
        let layout = ParameterLayout(architecture)
        var p = [T](repeating: 0, count: layout.count)
        var random = NormalSampler(seed: seed)
        let a = architecture, d = a.width
        func fill(_ offset: Int, rows: Int, cols: Int, gain: Double = 1) {
            let sd = gain / Double(rows).squareRoot()
            for i in 0..<(rows * cols) { p[offset + i] = T(random.next() * sd) }
        }
        func ones(_ offset: Int, _ n: Int) { for i in 0..<n { p[offset + i] = 1 } }
        fill(layout.embed, rows: a.features, cols: d)
        let residualGain = 1 / Double(2 * max(a.layers, 1)).squareRoot()
        for l in layout.layers {
            ones(l.norm1Gain, d)
            ones(l.norm2Gain, d)
            fill(l.qkv, rows: d, cols: 3 * d)
            fill(l.attentionOut, rows: d, cols: d, gain: residualGain)
            fill(l.ff1, rows: d, cols: a.feedForward)
            fill(l.ff2, rows: a.feedForward, cols: d, gain: residualGain)
        }
        ones(layout.finalGain, d)
        fill(layout.policy.w1, rows: d, cols: a.headHidden)
        fill(layout.value.w1, rows: d, cols: a.headHidden)
        for (feature, weight) in widePolicy { p[layout.policy.wide + feature] = T(weight) }
        self.init(architecture: architecture, parameters: p)
    }

    /// Runs the batch in `ws`: fills `ws.logits` (one per token) and `ws.values` (one per position)
    /// and keeps what `backward` needs.
    func forward(_ ws: NetworkWorkspace<T>) {
        ws.prepare()
        let a = architecture, d = a.width, f = a.features, ff = a.feedForward
        let n = ws.tokenCount, positions = ws.positionCount
        let heads = a.heads, dk = d / heads
        let scale = 1 / T(dk).squareRoot()
        parameters.withUnsafeBufferPointer { buffer in
            let w = buffer.baseAddress!
            let x = ws.features.p, h = ws.residual.p
            T.gemm(transposeA: false, transposeB: false, m: n, n: d, k: f, alpha: 1, x, lda: f, w + layout.embed, ldb: d, beta: 0, h, ldc: d)
            Kernels.addBias(h, rows: n, cols: d, w + layout.embedBias)
            for (l, c) in zip(layout.layers, ws.layers) {
                Kernels.layerNorm(h, rows: n, cols: d, gain: w + l.norm1Gain, bias: w + l.norm1Bias,
                                  out: c.normed1.p, normalized: c.normalized1.p, inverseDeviation: c.deviation1.p)
                T.gemm(transposeA: false, transposeB: false, m: n, n: 3 * d, k: d, alpha: 1, c.normed1.p, lda: d,
                       w + l.qkv, ldb: 3 * d, beta: 0, c.qkv.p, ldc: 3 * d)
                for b in 0..<positions {
                    let start = ws.offsets[b], count = ws.offsets[b + 1] - start
                    for head in 0..<heads {
                        let q = c.qkv.p + start * 3 * d + head * dk
                        let scores = c.probabilities.p + ws.probabilityOffsets[b] + head * count * count
                        T.gemm(transposeA: false, transposeB: true, m: count, n: count, k: dk, alpha: scale, q, lda: 3 * d,
                               q + d, ldb: 3 * d, beta: 0, scores, ldc: count)
                        T.softmaxRows(scores, rows: count, cols: count)
                        T.gemm(transposeA: false, transposeB: false, m: count, n: dk, k: count, alpha: 1, scores, lda: count,
                               q + 2 * d, ldb: 3 * d, beta: 0, c.attention.p + start * d + head * dk, ldc: d)
                    }
                }
                T.gemm(transposeA: false, transposeB: false, m: n, n: d, k: d, alpha: 1, c.attention.p, lda: d,
                       w + l.attentionOut, ldb: d, beta: 1, h, ldc: d)
                Kernels.layerNorm(h, rows: n, cols: d, gain: w + l.norm2Gain, bias: w + l.norm2Bias,
                                  out: c.normed2.p, normalized: c.normalized2.p, inverseDeviation: c.deviation2.p)
                T.gemm(transposeA: false, transposeB: false, m: n, n: ff, k: d, alpha: 1, c.normed2.p, lda: d,
                       w + l.ff1, ldb: ff, beta: 0, c.hidden.p, ldc: ff)
                Kernels.addBias(c.hidden.p, rows: n, cols: ff, w + l.ff1Bias)
                Kernels.swish(c.hidden.p, c.activated.p, count: n * ff)
                T.gemm(transposeA: false, transposeB: false, m: n, n: d, k: ff, alpha: 1, c.activated.p, lda: ff,
                       w + l.ff2, ldb: d, beta: 1, h, ldc: d)
                Kernels.addBias(h, rows: n, cols: d, w + l.ff2Bias)
            }
            Kernels.layerNorm(h, rows: n, cols: d, gain: w + layout.finalGain, bias: w + layout.finalBias,
                              out: ws.final.p, normalized: ws.finalNormalized.p, inverseDeviation: ws.finalDeviation.p)

            // Policy: a per-token head; value: the same kind of head on each position's mean token.
            head(layout.policy, w, input: ws.final.p, wide: x, rows: n, hidden: ws.policyHidden.p, activated: ws.policyActivated.p,
                 out: ws.logits.p)
            for b in 0..<positions {
                let start = ws.offsets[b], count = ws.offsets[b + 1] - start
                let inv = 1 / T(count)
                meanRows(ws.final.p + start * d, rows: count, cols: d, scale: inv, into: ws.pooled.p + b * d)
                meanRows(x + start * f, rows: count, cols: f, scale: inv, into: ws.pooledFeatures.p + b * f)
            }
            head(layout.value, w, input: ws.pooled.p, wide: ws.pooledFeatures.p, rows: positions, hidden: ws.valueHidden.p,
                 activated: ws.valueActivated.p, out: ws.values.p)
        }
    }

    /// out = swish(input·w1 + b1)·w2 + b2 + wide·wideWeights, one row per token or position.
    private func head(
        _ o: ParameterLayout.Head, _ w: UnsafePointer<T>, input: UnsafePointer<T>, wide: UnsafePointer<T>, rows: Int,
        hidden: UnsafeMutablePointer<T>, activated: UnsafeMutablePointer<T>, out: UnsafeMutablePointer<T>
    ) {
        let d = architecture.width, f = architecture.features, hh = architecture.headHidden
        T.gemm(transposeA: false, transposeB: false, m: rows, n: hh, k: d, alpha: 1, input, lda: d, w + o.w1, ldb: hh,
               beta: 0, hidden, ldc: hh)
        Kernels.addBias(hidden, rows: rows, cols: hh, w + o.b1)
        Kernels.swish(hidden, activated, count: rows * hh)
        T.gemm(transposeA: false, transposeB: false, m: rows, n: 1, k: hh, alpha: 1, activated, lda: hh, w + o.w2, ldb: 1,
               beta: 0, out, ldc: 1)
        T.gemm(transposeA: false, transposeB: false, m: rows, n: 1, k: f, alpha: 1, wide, lda: f, w + o.wide, ldb: 1,
               beta: 1, out, ldc: 1)
        for i in 0..<rows { out[i] += w[o.b2] }
    }

    /// The backward pass of `head`: accumulates its weight gradients and writes d(input).
    private func headBackward(
        _ o: ParameterLayout.Head, _ w: UnsafePointer<T>, _ g: UnsafeMutablePointer<T>, input: UnsafePointer<T>,
        wide: UnsafePointer<T>, rows: Int, hidden: UnsafePointer<T>, activated: UnsafePointer<T>,
        dOut: UnsafePointer<T>, dHidden: UnsafeMutablePointer<T>, dInput: UnsafeMutablePointer<T>
    ) {
        let d = architecture.width, f = architecture.features, hh = architecture.headHidden
        T.gemm(transposeA: true, transposeB: false, m: hh, n: 1, k: rows, alpha: 1, activated, lda: hh, dOut, ldb: 1,
               beta: 1, g + o.w2, ldc: 1)
        T.gemm(transposeA: true, transposeB: false, m: f, n: 1, k: rows, alpha: 1, wide, lda: f, dOut, ldb: 1,
               beta: 1, g + o.wide, ldc: 1)
        for i in 0..<rows { g[o.b2] += dOut[i] }
        T.gemm(transposeA: false, transposeB: true, m: rows, n: hh, k: 1, alpha: 1, dOut, lda: 1, w + o.w2, ldb: 1,
               beta: 0, dHidden, ldc: hh)
        Kernels.swishBackward(hidden, dHidden, dHidden, count: rows * hh)
        T.gemm(transposeA: true, transposeB: false, m: d, n: hh, k: rows, alpha: 1, input, lda: d, dHidden, ldb: hh,
               beta: 1, g + o.w1, ldc: hh)
        Kernels.addColumnSums(dHidden, rows: rows, cols: hh, into: g + o.b1)
        T.gemm(transposeA: false, transposeB: true, m: rows, n: d, k: hh, alpha: 1, dHidden, lda: hh, w + o.w1, ldb: hh,
               beta: 0, dInput, ldc: d)
    }

    /// Accumulates into `gradient` the gradient of a loss whose derivatives with respect to this
    /// batch's logits and values are `dLogits` (per token) and `dValues` (per position). Call right
    /// after `forward` on the same workspace.
    func backward(_ ws: NetworkWorkspace<T>, dLogits: UnsafePointer<T>, dValues: UnsafePointer<T>, gradient g: UnsafeMutablePointer<T>) {
        let a = architecture, d = a.width, f = a.features, ff = a.feedForward
        let n = ws.tokenCount, positions = ws.positionCount
        let heads = a.heads, dk = d / heads
        let scale = 1 / T(dk).squareRoot()
        parameters.withUnsafeBufferPointer { buffer in
            let w = buffer.baseAddress!
            let x = ws.features.p

            // Heads: the value head's input gradient goes to the mean token, spread over its position.
            headBackward(layout.value, w, g, input: ws.pooled.p, wide: ws.pooledFeatures.p, rows: positions,
                         hidden: ws.valueHidden.p, activated: ws.valueActivated.p, dOut: dValues, dHidden: ws.dValueHidden.p,
                         dInput: ws.dPooled.p)
            let dFinal = ws.dFinal.p
            headBackward(layout.policy, w, g, input: ws.final.p, wide: x, rows: n, hidden: ws.policyHidden.p,
                         activated: ws.policyActivated.p, dOut: dLogits, dHidden: ws.dPolicyHidden.p, dInput: dFinal)
            for b in 0..<positions {
                let start = ws.offsets[b], count = ws.offsets[b + 1] - start
                let inv = 1 / T(count)
                let dm = ws.dPooled.p + b * d
                for r in start..<(start + count) {
                    let row = dFinal + r * d
                    for c in 0..<d { row[c] += dm[c] * inv }
                }
            }

            // Final LayerNorm, then the layers in reverse.
            let dh = ws.dResidual.p
            ws.dResidual.zero(n * d)
            Kernels.layerNormBackward(dFinal, rows: n, cols: d, normalized: ws.finalNormalized.p, inverseDeviation: ws.finalDeviation.p,
                                      gain: w + layout.finalGain, addInto: dh, gainGradient: g + layout.finalGain,
                                      biasGradient: g + layout.finalBias)
            for (l, c) in zip(layout.layers, ws.layers).reversed() {
                // Feed-forward block.
                T.gemm(transposeA: true, transposeB: false, m: ff, n: d, k: n, alpha: 1, c.activated.p, lda: ff,
                       dh, ldb: d, beta: 1, g + l.ff2, ldc: d)
                Kernels.addColumnSums(dh, rows: n, cols: d, into: g + l.ff2Bias)
                let du = ws.dHidden.p
                T.gemm(transposeA: false, transposeB: true, m: n, n: ff, k: d, alpha: 1, dh, lda: d,
                       w + l.ff2, ldb: d, beta: 0, du, ldc: ff)
                Kernels.swishBackward(c.hidden.p, du, du, count: n * ff)
                T.gemm(transposeA: true, transposeB: false, m: d, n: ff, k: n, alpha: 1, c.normed2.p, lda: d,
                       du, ldb: ff, beta: 1, g + l.ff1, ldc: ff)
                Kernels.addColumnSums(du, rows: n, cols: ff, into: g + l.ff1Bias)
                T.gemm(transposeA: false, transposeB: true, m: n, n: d, k: ff, alpha: 1, du, lda: ff,
                       w + l.ff1, ldb: ff, beta: 0, ws.dNormed.p, ldc: d)
                Kernels.layerNormBackward(ws.dNormed.p, rows: n, cols: d, normalized: c.normalized2.p, inverseDeviation: c.deviation2.p,
                                          gain: w + l.norm2Gain, addInto: dh, gainGradient: g + l.norm2Gain,
                                          biasGradient: g + l.norm2Bias)

                // Attention block.
                T.gemm(transposeA: true, transposeB: false, m: d, n: d, k: n, alpha: 1, c.attention.p, lda: d,
                       dh, ldb: d, beta: 1, g + l.attentionOut, ldc: d)
                let dAttention = ws.dAttention.p
                T.gemm(transposeA: false, transposeB: true, m: n, n: d, k: d, alpha: 1, dh, lda: d,
                       w + l.attentionOut, ldb: d, beta: 0, dAttention, ldc: d)
                let dqkv = ws.dQKV.p
                for b in 0..<positions {
                    let start = ws.offsets[b], count = ws.offsets[b + 1] - start
                    for head in 0..<heads {
                        let q = c.qkv.p + start * 3 * d + head * dk
                        let dq = dqkv + start * 3 * d + head * dk
                        let p = c.probabilities.p + ws.probabilityOffsets[b] + head * count * count
                        let dOut = dAttention + start * d + head * dk
                        let dp = ws.dScores.p
                        T.gemm(transposeA: false, transposeB: true, m: count, n: count, k: dk, alpha: 1, dOut, lda: d,
                               q + 2 * d, ldb: 3 * d, beta: 0, dp, ldc: count)
                        T.gemm(transposeA: true, transposeB: false, m: count, n: dk, k: count, alpha: 1, p, lda: count,
                               dOut, ldb: d, beta: 0, dq + 2 * d, ldc: 3 * d)
                        Kernels.softmaxRowsBackward(p, dp, rows: count, cols: count, scale: scale)
                        T.gemm(transposeA: false, transposeB: false, m: count, n: dk, k: count, alpha: 1, dp, lda: count,
                               q + d, ldb: 3 * d, beta: 0, dq, ldc: 3 * d)
                        T.gemm(transposeA: true, transposeB: false, m: count, n: dk, k: count, alpha: 1, dp, lda: count,
                               q, ldb: 3 * d, beta: 0, dq + d, ldc: 3 * d)
                    }
                }
                T.gemm(transposeA: true, transposeB: false, m: d, n: 3 * d, k: n, alpha: 1, c.normed1.p, lda: d,
                       dqkv, ldb: 3 * d, beta: 1, g + l.qkv, ldc: 3 * d)
                T.gemm(transposeA: false, transposeB: true, m: n, n: d, k: 3 * d, alpha: 1, dqkv, lda: 3 * d,
                       w + l.qkv, ldb: 3 * d, beta: 0, ws.dNormed.p, ldc: d)
                Kernels.layerNormBackward(ws.dNormed.p, rows: n, cols: d, normalized: c.normalized1.p, inverseDeviation: c.deviation1.p,
                                          gain: w + l.norm1Gain, addInto: dh, gainGradient: g + l.norm1Gain,
                                          biasGradient: g + l.norm1Bias)
            }

            // Embedding.
            T.gemm(transposeA: true, transposeB: false, m: f, n: d, k: n, alpha: 1, x, lda: f,
                   dh, ldb: d, beta: 1, g + layout.embed, ldc: d)
            Kernels.addColumnSums(dh, rows: n, cols: d, into: g + layout.embedBias)
        }
    }

    private func meanRows(_ x: UnsafePointer<T>, rows: Int, cols: Int, scale: T, into out: UnsafeMutablePointer<T>) {
        for c in 0..<cols { out[c] = 0 }
        for r in 0..<rows {
            let row = x + r * cols
            for c in 0..<cols { out[c] += row[c] }
        }
        for c in 0..<cols { out[c] *= scale }
    }
}

/// Standard normal samples from a seeded generator (Box–Muller), for reproducible initialisation.
struct NormalSampler {
    private var random: SplitMix64
    private var spare: Double?

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func next() -> Double {
        if let s = spare { spare = nil; return s }
        let u = max(Double.random(in: 0..<1, using: &random), 1e-300), v = Double.random(in: 0..<1, using: &random)
        let r = (-2 * Foundation.log(u)).squareRoot()
        spare = r * Foundation.sin(2 * .pi * v)
        return r * Foundation.cos(2 * .pi * v)
    }
}
