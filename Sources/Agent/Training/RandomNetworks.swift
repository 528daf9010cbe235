import CrossCountry

/// Random programs shaped like small neural networks — dense layers with biases and activations,
/// layer normalisations, single-head attention with residuals, and a softmax cross-entropy or
/// squared-error loss, softmaxes shifted by their stopped maximum — traced through the engine's
/// graph builder. They teach a policy the structure of learning code (wide weight inputs, one small
/// loss output) without showing it any published graph. Activations are features × tokens, or
/// tokens × features with the products written through transposes, as batch-mapped code traces.
enum RandomNetworks {
    /// One layer of the network, with the sizes its weights need.
    private enum Block {
        case dense(inputs: Int, outputs: Int, bias: Bool, activation: Activation)
        case layerNorm(features: Int, vectorScale: Bool)
        case attention(features: Int)
    }

    private enum Activation: CaseIterable { case tanh, logistic, silu, relu, none }

    static func graph(seed: UInt64) -> ComputationalGraph? {
        var random = SplitMix64(seed: seed)
        let sizes = [2, 3, 4, 4, 8]
        let tokens = [1, 1, 2, 4].randomElement(using: &random)!
        let featuresFirst = tokens > 1 ? Double.random(in: 0..<1, using: &random) < 0.7 : Bool.random(using: &random)
        var width = sizes.randomElement(using: &random)!
        let inputWidth = width

        // Plan the layers first: the builder takes every input before the first operation.
        var blocks: [Block] = []
        for _ in 0..<Int.random(in: 2...5, using: &random) {
            let roll = Double.random(in: 0..<1, using: &random)
            if roll < 0.2, featuresFirst, tokens > 1 {
                blocks.append(.attention(features: width))
            } else if roll < 0.4, !blocks.isEmpty {
                blocks.append(.layerNorm(features: width, vectorScale: Bool.random(using: &random)))
            } else {
                let outputs = sizes.randomElement(using: &random)!
                blocks.append(.dense(inputs: width, outputs: outputs, bias: Double.random(in: 0..<1, using: &random) < 0.8,
                                     activation: Activation.allCases.randomElement(using: &random)!))
                width = outputs
            }
        }
        let loss = Int.random(in: 0..<4, using: &random)  // cross-entropy, squared error, sum, none
        let perToken = tokens > 1 && Bool.random(using: &random)

        let builder = GraphBuilder(name: "network-\(seed)")
        do {
            var inputCount = 0
            func input(_ shape: Shape) throws -> Operand {
                inputCount += 1
                let scalars = (0..<shape.count).map { _ in Double.random(in: -1...1, using: &random) }
                return try builder.input("p\(inputCount)", try Tensor(shape: shape, scalars: scalars))
            }
            func activations(_ features: Int) -> Shape { featuresFirst ? .matrix(features, tokens) : .matrix(tokens, features) }
            var x = try input(activations(inputWidth))
            let target = loss < 2 ? try input(activations(width)) : nil
            var weights: [[Operand]] = []
            for block in blocks {
                switch block {
                case let .dense(inputs, outputs, bias, _):
                    weights.append([try input(.matrix(outputs, inputs))] + (bias ? [try input(.vector(outputs))] : []))
                case let .layerNorm(features, vectorScale):
                    let shape: Shape = vectorScale ? .vector(features) : .scalar
                    weights.append([try input(shape), try input(shape)])
                case let .attention(features):
                    weights.append(try (0..<3).map { _ in try input(.matrix(features, features)) })
                }
            }

            let featureAxis = featuresFirst ? 0 : 1, tokenAxis = 1 - featureAxis
            /// A per-feature vector (or per-token, along `axis`) spread over the activations' shape.
            func spread(_ v: Operand, like y: Operand, along axis: Int) throws(TraceError) -> Operand {
                try builder.apply(.broadcast(y.shape, dims: [axis]), [v])
            }
            // Shifted by the stopped maximum, as JAX and ccs's prelude compute it: the stop_gradient
            // vertex has no in-edge, so eliminating it early is free and thins the sub after it.
            func softmax(_ y: Operand, along axis: Int) throws(TraceError) -> Operand {
                let top = try spread(try builder.apply(.reduceMax(axis: axis), [y]), like: y, along: 1 - axis)
                let e = try builder.apply(.exp, [try builder.apply(.sub, [y, try builder.apply(.stopGradient, [top])])])
                let z = try builder.apply(.reduceSum(axis: axis), [e])
                return try builder.apply(.div, [e, try spread(z, like: e, along: 1 - axis)])
            }
            for (block, w) in zip(blocks, weights) {
                switch block {
                case let .dense(_, _, _, activation):
                    var y = featuresFirst
                        ? try builder.apply(.dot(lhs: 1, rhs: 0), [w[0], x])
                        : try builder.apply(.transpose, [try builder.apply(.dot(lhs: 1, rhs: 1), [w[0], x])])
                    if w.count > 1 { y = try builder.apply(.add, [y, try spread(w[1], like: y, along: featureAxis)]) }
                    switch activation {
                    case .tanh: y = try builder.apply(.tanh, [y])
                    case .logistic: y = try builder.apply(.logistic, [y])
                    case .silu: y = try builder.apply(.mul, [y, try builder.apply(.logistic, [y])])
                    case .relu: y = try builder.apply(.max, [y, 0])
                    case .none: break
                    }
                    x = y
                case let .layerNorm(features, _):
                    let n = Operand(floatLiteral: Double(features))
                    let mean = try builder.apply(.div, [try builder.apply(.reduceSum(axis: featureAxis), [x]), n])
                    let centred = try builder.apply(.sub, [x, try spread(mean, like: x, along: tokenAxis)])
                    let variance = try builder.apply(.div, [try builder.apply(.reduceSum(axis: featureAxis), [try builder.apply(.square, [centred])]), n])
                    let deviation = try builder.apply(.sqrt, [try builder.apply(.add, [variance, 1e-6])])
                    var y = try builder.apply(.div, [centred, try spread(deviation, like: x, along: tokenAxis)])
                    let scale = w[0].shape.isScalar ? w[0] : try spread(w[0], like: y, along: featureAxis)
                    let shift = w[1].shape.isScalar ? w[1] : try spread(w[1], like: y, along: featureAxis)
                    y = try builder.apply(.add, [try builder.apply(.mul, [y, scale]), shift])
                    x = y
                case .attention:
                    // Features × tokens: scores qᵀk between tokens, softmax over keys, values mixed per query.
                    let q = try builder.apply(.dot(lhs: 1, rhs: 0), [w[0], x])
                    let k = try builder.apply(.dot(lhs: 1, rhs: 0), [w[1], x])
                    let v = try builder.apply(.dot(lhs: 1, rhs: 0), [w[2], x])
                    let scores = try builder.apply(.dot(lhs: 0, rhs: 0), [q, k])
                    let mixed = try builder.apply(.dot(lhs: 1, rhs: 1), [v, try softmax(scores, along: 1)])
                    x = try builder.apply(.add, [x, mixed])
                }
            }
            let axis: Int? = perToken ? featureAxis : nil
            switch (loss, target) {
            case let (0, y?):
                let logProbabilities = try builder.apply(.log, [try softmax(x, along: featureAxis)])
                let picked = try builder.apply(.reduceSum(axis: axis), [try builder.apply(.mul, [logProbabilities, y])])
                try builder.markOutput(try builder.apply(.neg, [picked]))
            case let (1, y?):
                let error = try builder.apply(.square, [try builder.apply(.sub, [x, y])])
                try builder.markOutput(try builder.apply(.reduceSum(axis: axis), [error]))
            case (2, _):
                try builder.markOutput(try builder.apply(.reduceSum(axis: axis), [x]))
            default:
                try builder.markOutput(x)
            }
            return try builder.build().graph
        } catch {
            return nil
        }
    }
}
