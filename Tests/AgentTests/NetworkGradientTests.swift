@testable import Agent
import CrossCountry
import Testing

/// The network's hand-written backward pass against central finite differences, in Double.
@Suite struct NetworkGradientTests {
    static let architecture = Architecture(features: 5, width: 8, layers: 2, heads: 2, feedForward: 12, headHidden: 6)

    /// A network with every weight random (none of the zero output layers of a fresh one, which
    /// would hide errors deeper down), and a batch of three positions.
    static func setUp() -> (PolicyValueNetwork<Double>, NetworkWorkspace<Double>, [Double], [Double]) {
        var random = SplitMix64(seed: 7)
        let count = ParameterLayout(architecture).count
        let net = PolicyValueNetwork<Double>(
            architecture: architecture, parameters: (0..<count).map { _ in Double.random(in: -0.6...0.6, using: &random) })
        let ws = NetworkWorkspace<Double>(architecture)
        ws.reset()
        for tokens in [3, 1, 5] {
            let x = ws.appendPosition(tokens: tokens)
            for i in 0..<(tokens * architecture.features) { x[i] = Double.random(in: -1...1, using: &random) }
        }
        let logitWeights = (0..<9).map { _ in Double.random(in: -1...1, using: &random) }
        let valueWeights = (0..<3).map { _ in Double.random(in: -1...1, using: &random) }
        return (net, ws, logitWeights, valueWeights)
    }

    /// A scalar function of every output: Σ c·logit + Σ e·value + ½Σ value².
    static func loss(_ net: PolicyValueNetwork<Double>, _ ws: NetworkWorkspace<Double>, _ c: [Double], _ e: [Double]) -> Double {
        net.forward(ws)
        var total = 0.0
        for i in 0..<ws.tokenCount { total += c[i] * ws.logits.p[i] }
        for b in 0..<ws.positionCount { total += e[b] * ws.values.p[b] + 0.5 * ws.values.p[b] * ws.values.p[b] }
        return total
    }

    @Test func backwardMatchesFiniteDifferences() {
        var (net, ws, c, e) = Self.setUp()
        _ = Self.loss(net, ws, c, e)
        let dValues = (0..<ws.positionCount).map { e[$0] + ws.values.p[$0] }
        var gradient = [Double](repeating: 0, count: net.parameters.count)
        gradient.withUnsafeMutableBufferPointer { g in
            net.backward(ws, dLogits: c, dValues: dValues, gradient: g.baseAddress!)
        }
        let h = 1e-5
        var worst = 0.0, checked = 0
        for i in net.parameters.indices {
            let saved = net.parameters[i]
            net.parameters[i] = saved + h
            let plus = Self.loss(net, ws, c, e)
            net.parameters[i] = saved - h
            let minus = Self.loss(net, ws, c, e)
            net.parameters[i] = saved
            let numeric = (plus - minus) / (2 * h)
            let error = abs(numeric - gradient[i]) / max(1, abs(numeric))
            worst = max(worst, error)
            if abs(numeric) > 1e-6 { checked += 1 }
        }
        #expect(worst < 1e-6, "largest relative gradient error \(worst)")
        // Most weights must matter, or the check would prove little.
        #expect(checked > net.parameters.count * 3 / 4, "only \(checked) of \(net.parameters.count) gradients are non-trivial")
    }

    @Test func positionsDoNotSeeEachOther() {
        // Attention stays within a position: changing one position's features leaves the others alone.
        let (net, ws, _, _) = Self.setUp()
        net.forward(ws)
        let before = (0..<ws.tokenCount).map { ws.logits.p[$0] }
        let valuesBefore = (0..<3).map { ws.values.p[$0] }
        for i in (3 * Self.architecture.features)..<(9 * Self.architecture.features) { ws.features.p[i] += 0.5 }
        net.forward(ws)
        for i in 0..<3 { #expect(ws.logits.p[i] == before[i]) }
        #expect(ws.values.p[0] == valuesBefore[0])
        #expect(ws.logits.p[4] != before[4])
        #expect(ws.values.p[2] != valuesBefore[2])
    }
}
