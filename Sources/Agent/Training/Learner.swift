import CrossCountry

/// Computes the gradient of the training loss — policy objective plus valueWeight·½(v − h(return))²,
/// averaged over a minibatch — with the minibatch split across worker threads, each with its own
/// workspace; the partial gradients are summed in a fixed order, so results are reproducible.
final class Learner {
    let transform: ValueTransform
    let valueWeight: Double
    private let workspaces: [NetworkWorkspace<Float>]

    init(architecture: Architecture, threads: Int, transform: ValueTransform, valueWeight: Double) {
        _ = BLASThreads.configured
        self.transform = transform
        self.valueWeight = valueWeight
        workspaces = (0..<max(1, threads)).map { _ in NetworkWorkspace(architecture) }
    }

    func gradient(_ network: PolicyValueNetwork<Float>, batch: [TrainingExample], objective: Loss.PolicyObjective) -> ([Float], Loss.Totals) {
        let parts = min(workspaces.count, batch.count)
        let weight = 1 / Double(batch.count)
        var results = [([Float], Loss.Totals)](repeating: ([], Loss.Totals()), count: parts)
        Parallel.forEach(&results) { part, result in
            let chunk = Array(batch[(part * batch.count / parts)..<((part + 1) * batch.count / parts)])
            result = partialGradient(network, chunk, workspace: workspaces[part], objective: objective, weight: weight)
        }
        var gradient = results[0].0
        var totals = results[0].1
        for (g, t) in results.dropFirst() {
            for i in gradient.indices { gradient[i] += g[i] }
            totals = totals + t
        }
        return (gradient, totals)
    }

    private func partialGradient(
        _ network: PolicyValueNetwork<Float>, _ batch: [TrainingExample], workspace ws: NetworkWorkspace<Float>,
        objective: Loss.PolicyObjective, weight: Double
    ) -> ([Float], Loss.Totals) {
        let f = network.architecture.features
        ws.reset()
        for example in batch {
            let x = ws.appendPosition(tokens: example.tokenCount)
            example.features.withUnsafeBufferPointer { x.update(from: $0.baseAddress!, count: example.tokenCount * f) }
        }
        network.forward(ws)
        var dLogits = [Float](repeating: 0, count: ws.tokenCount)
        var dValues = [Float](repeating: 0, count: batch.count)
        var totals = Loss.Totals()
        dLogits.withUnsafeMutableBufferPointer { d in
            for (b, example) in batch.enumerated() {
                let start = ws.offsets[b]
                let (loss, entropy) = Loss.policy(logits: ws.logits.p + start, example: example, objective: objective,
                                                  weight: weight, into: d.baseAddress! + start)
                let error = Double(ws.values.p[b]) - transform(example.normalizedReturn)
                dValues[b] = Float(weight * valueWeight * error)
                totals.policy += loss
                totals.entropy += entropy
                totals.value += 0.5 * error * error
                totals.count += 1
            }
        }
        var gradient = [Float](repeating: 0, count: network.parameters.count)
        gradient.withUnsafeMutableBufferPointer { g in
            network.backward(ws, dLogits: dLogits, dValues: dValues, gradient: g.baseAddress!)
        }
        return (gradient, totals)
    }
}
