import CrossCountry

/// Random programs shaped like real code, traced through the engine's graph builder so that their
/// edges carry the paper's sparsity types — training material for a policy that must generalise.
/// Straight-line programs over scalars (as RoeFlux_1d or g) or mixing vectors and matrices: each
/// operation reads one or two values, mostly recent ones, as straight-line code does; the values
/// nobody reads become the outputs, or are summed into one scalar loss.
enum RandomPrograms {
    /// A program of the family the seed picks: scalar code for half the seeds, vector-and-matrix
    /// code for a quarter, a small neural network (`RandomNetworks`) for the rest.
    static func graph(seed: UInt64) -> ComputationalGraph? {
        switch seed % 4 {
        case 0, 1: return program(seed: seed, tensors: false)
        case 2: return program(seed: seed, tensors: true)
        default: return RandomNetworks.graph(seed: seed)
        }
    }

    /// Straight-line code over scalars, or over scalars, vectors and matrices.
    static func program(seed: UInt64, tensors: Bool) -> ComputationalGraph? {
        var random = SplitMix64(seed: seed)
        let builder = GraphBuilder(name: "random-\(seed)")
        var values: [Operand] = []
        var read: Set<Int> = []
        do {
            for i in 1...Int.random(in: 3...10, using: &random) {
                let shape = tensors ? randomShape(&random) : .scalar
                let scalars = (0..<shape.count).map { _ in Double.random(in: -1...1, using: &random) }
                values.append(try builder.input("x\(i)", try Tensor(shape: shape, scalars: scalars)))
            }
            let target = Int.random(in: 25...100, using: &random)
            var attempts = 0
            while builder.vertexCount < target && attempts < 20 * target {
                attempts += 1
                let a = pick(values.count, &random), b = pick(values.count, &random)
                guard let (result, readsBoth) = try? operation(values[a], values[b], builder, tensors: tensors, &random),
                      case .traced = result, !values.contains(result) else { continue }
                read.insert(a)
                if readsBoth { read.insert(b) }
                values.append(result)
            }
            let sinks = values.indices.filter { !read.contains($0) }.map { values[$0] }.filter {
                if case let .traced(t) = $0, case .vertex = t.node { return true }
                return false
            }
            if tensors && Bool.random(using: &random) {
                var loss = try builder.apply(.reduceSum(axis: nil), [sinks[0]])
                for s in sinks.dropFirst() { loss = try builder.apply(.add, [loss, try builder.apply(.reduceSum(axis: nil), [s])]) }
                try builder.markOutput(loss)
            } else {
                for s in sinks { try builder.markOutput(s) }
            }
            return try builder.build().graph
        } catch {
            return nil
        }
    }

    /// One random operation on `x` (and `y`): elementwise, a product, a reduction or a transpose;
    /// says whether it read `y`.
    private static func operation(
        _ x: Operand, _ y: Operand, _ builder: GraphBuilder, tensors: Bool, _ random: inout SplitMix64
    ) throws(TraceError) -> (Operand, Bool) {
        let unary: [Primitive] = [.tanh, .sin, .logistic, .square, .neg, .exp, .cos]
        let binary: [Primitive] = [.add, .mul, .sub]
        let op = unary.randomElement(using: &random)!
        func elementwise() throws(TraceError) -> (Operand, Bool) { (try builder.apply(op, [x]), false) }
        let roll = Double.random(in: 0..<1, using: &random)
        if roll < 0.35 { return try elementwise() }
        if !tensors || roll < 0.7 {
            guard x.shape == y.shape || x.shape.isScalar || y.shape.isScalar else { return try elementwise() }
            return (try builder.applyBroadcasting(binary.randomElement(using: &random)!, [x, y]), true)
        }
        if roll < 0.85 {
            // A matrix or matrix-vector product over a matching axis.
            for lhs in (0..<x.shape.rank).reversed() {
                for rhs in 0..<y.shape.rank where x.shape.dims[lhs] == y.shape.dims[rhs] {
                    return (try builder.apply(.dot(lhs: lhs, rhs: rhs), [x, y]), true)
                }
            }
            return try elementwise()
        }
        if roll < 0.95 && x.shape.rank > 0 {
            return (try builder.apply(.reduceSum(axis: Int.random(in: 0..<x.shape.rank, using: &random)), [x]), false)
        }
        if x.shape.rank == 2 { return (try builder.apply(.transpose, [x]), false) }
        return try elementwise()
    }

    /// Mostly one of the last few values, sometimes any earlier one.
    private static func pick(_ count: Int, _ random: inout SplitMix64) -> Int {
        if Double.random(in: 0..<1, using: &random) < 0.7 { return max(0, count - Int.random(in: 1...min(4, count), using: &random)) }
        return Int.random(in: 0..<count, using: &random)
    }

    private static func randomShape(_ random: inout SplitMix64) -> Shape {
        let dims = [1, 2, 3, 4, 8]
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return .scalar
        case 1: return .vector(dims.randomElement(using: &random)!)
        default: return .matrix(dims.randomElement(using: &random)!, dims.randomElement(using: &random)!)
        }
    }

    /// Contexts for `count` fresh programs with something to eliminate.
    static func contexts(_ count: Int, model: CostModel = .paper, random: inout SplitMix64) -> [GraphContext] {
        var contexts: [GraphContext] = []
        var attempts = 0
        while contexts.count < count && attempts < 10 * count {
            attempts += 1
            guard let graph = graph(seed: random.next()), let context = try? GraphContext.make(graph, model: model),
                  !context.game.eliminable.isEmpty else { continue }
            contexts.append(context)
        }
        return contexts
    }
}
