import Foundation

/// Adam with decoupled weight decay (AdamW) over a flat parameter array. Gradients are clipped to a
/// maximum global norm *before* the update (the paper's code clipped the update after Adam, where
/// the clip practically never binds).
struct AdamW: Sendable {
    var learningRate: Double
    var beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8
    var weightDecay: Double
    var maxGradientNorm: Double
    private(set) var steps = 0
    private var m: [Float]
    private var v: [Float]
    /// Per parameter: whether weight decay applies (matrices, not gains or biases).
    private let decays: [Bool]

    init(layout: ParameterLayout, learningRate: Double = 1e-3, weightDecay: Double = 1e-4, maxGradientNorm: Double = 1) {
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.maxGradientNorm = maxGradientNorm
        m = [Float](repeating: 0, count: layout.count)
        v = m
        var decays = [Bool](repeating: false, count: layout.count)
        for range in layout.matrices { for i in range { decays[i] = true } }
        self.decays = decays
    }

    /// Applies one step to `parameters` at `rate` times the base learning rate; returns the
    /// gradient's global norm before clipping. A non-finite gradient is skipped, not applied.
    @discardableResult
    mutating func step(_ parameters: inout [Float], gradient: [Float], rate: Double = 1) -> Double {
        var squares = 0.0
        for g in gradient { squares += Double(g) * Double(g) }
        let norm = squares.squareRoot()
        guard norm.isFinite else { return norm }
        steps += 1
        let clip = norm > maxGradientNorm ? Float(maxGradientNorm / norm) : 1
        let lr = learningRate * rate
        let c1 = Float(1 - pow(beta1, Double(steps))), c2 = Float(1 - pow(beta2, Double(steps)))
        let b1 = Float(beta1), b2 = Float(beta2), eps = Float(epsilon)
        let step = Float(lr), decay = Float(lr * weightDecay)
        for i in parameters.indices {
            let g = gradient[i] * clip
            m[i] = b1 * m[i] + (1 - b1) * g
            v[i] = b2 * v[i] + (1 - b2) * g * g
            let update = (m[i] / c1) / ((v[i] / c2).squareRoot() + eps)
            if decays[i] { parameters[i] -= decay * parameters[i] }
            parameters[i] -= step * update
        }
        return norm
    }
}
