/// A (graph, elimination order) pair compiled once: each evaluation recomputes the primal values and
/// local partials at new inputs and replays the elimination, for a whole batch of points at once,
/// without tracing again and without allocating. The `native` backend runs the plan as C compiled
/// for this machine (`JacobianSource`, cached across sessions); the `interpreter` runs it as a flat
/// program of kernel calls over one preallocated arena, and is the fallback whenever native code
/// cannot be had (no compiler, a failed compile), which `nativeNote` then explains.
///
/// Buffers are batch-innermost: in `evaluate(inputs:jacobian:outputs:)`, element e of input i at
/// point b is `inputs[(inputOffsets[i] + e)·batchSize + b]`; Jacobian block (o, i) starts at
/// `jacobianOffsets[o][i]` and holds |output o|·|input i| entries (row-major, see `JacobianBlock`),
/// each a run of batchSize values; outputs likewise from `outputOffsets`.
public final class JacobianPlan {
    public let graph: NumericGraph
    public let order: [Int]
    public let batchSize: Int
    /// The multiplications of each step and in total, per point: the order's `exact` cost.
    public let cost: OrderCost
    /// Offsets, in entries per point, of each input, Jacobian block and output in the caller's buffers.
    public let inputOffsets: [Int]
    public let jacobianOffsets: [[Int]]
    public let outputOffsets: [Int]
    /// Entries per point of all inputs, all Jacobian blocks and all outputs.
    public let inputCount: Int
    public let jacobianCount: Int
    public let outputCount: Int
    /// What computes the Jacobians: `native` only when its library is loaded.
    public let backend: JacobianBackend
    /// Why a plan asked to be native runs in the interpreter, in one line; nil otherwise.
    public let nativeNote: String?
    /// Seconds the C compiler took for this plan; nil when interpreted or loaded from the cache.
    public let compileSeconds: Double?
    /// Seconds spent generating the C source (or until it was refused); nil when the interpreter
    /// was asked for or the library was in the cache (found by the plan's key without generating C).
    public let generationSeconds: Double?
    /// What the generated code executes per point (computed for native plans).
    public let operationCounts: OperationCounts?

    /// The loaded library (kept open while the plan lives) and its entry point.
    private let library: NativeLibrary?
    private let native: NativeLibrary.Evaluate?
    private let program: PlanProgram
    private let primalProgram: PlanProgram
    /// The graph's kernels, unretained (the graph holds them) for the evaluation loop.
    private let kernels: [Unmanaged<OperationKernel>]
    private let arena: UnsafeMutablePointer<Double>
    private let arenaCount: Int
    private let jacobianStart: Int
    private let outputStart: Int

    /// Compiles the plan; an invalid order fails with the engine's `OrderError` message. A native
    /// plan that cannot be compiled or loaded — no compiler, a failed compile, straight-line code
    /// that cannot be a table kernel and is too large to compile in reasonable time
    /// (`KernelBuilder.compileBudget`), or code too large for the memory
    /// limit — falls back to the interpreter (see `nativeNote`). `stop` interrupts every phase
    /// (the C compiler is killed); a plan that would hold more than `maxMemory` bytes fails with a
    /// message before it grows; `progress` hears of every phase that runs over a second.
    public init(_ graph: NumericGraph, order: [Int], batchSize: Int = 1, backend: JacobianBackend = .native,
                stop: StopFlag = .never, maxMemory: Int = SearchOptions.defaultMaxMemory,
                progress: ((PlanProgress) -> Void)? = nil) throws(EvaluationError) {
        guard batchSize >= 1 else { throw .invalidBatchSize(batchSize) }
        let monitor = PlanMonitor(stop: stop, maxMemory: maxMemory, report: progress)
        let compiler = try PlanCompiler(graph, order: order, monitor: monitor,
                                        arenaBytesPerEntry: Bounds.checkedProduct([MemoryLayout<Double>.stride, batchSize]) ?? .max)
        var native: (library: NativeLibrary, entry: NativeLibrary.Evaluate, seconds: Double?, counts: OperationCounts)?
        var note: String?
        var generationSeconds: Double?
        if backend == .native {
            do throws(NativeError) {
                let toolchain = try NativeToolchain.fromEnvironment()
                let found = try NativeCache.open().library(of: compiler, order: order, versions: .init(batchSize: batchSize),
                                                           toolchain: toolchain, monitor: monitor, generationSeconds: &generationSeconds)
                native = (found.library, try found.library.entry(), found.compileSeconds, found.counts)
            } catch .interrupted {
                throw .interrupted
            } catch {
                note = "native code unavailable, interpreting: \(error)"
            }
        }
        library = native?.library
        self.native = native?.entry
        self.backend = native == nil ? .interpreter : .native
        nativeNote = note
        compileSeconds = native?.seconds
        self.generationSeconds = generationSeconds
        operationCounts = native?.counts
        self.graph = graph
        self.order = order
        self.batchSize = batchSize
        cost = OrderCost(steps: compiler.stepCosts)
        program = compiler.program
        var primal = PlanProgram()
        primal.offsets = compiler.program.offsets
        primal.instructions = compiler.program.instructions.filter { if case .primal = $0 { true } else { false } }
            + compiler.program.instructions.filter { if case let .copy(to, _, _) = $0 { to >= compiler.outputRange.0 && to < compiler.outputRange.0 + compiler.outputRange.1 } else { false } }
        primalProgram = primal
        kernels = graph.kernels.map { Unmanaged.passUnretained($0) }
        inputOffsets = compiler.inputSlots
        jacobianStart = compiler.jacobianRange.0
        outputStart = compiler.outputRange.0
        jacobianOffsets = compiler.jacobianSlots.map { $0.map { $0 - compiler.jacobianRange.0 } }
        outputOffsets = compiler.outputSlots.map { $0 - compiler.outputRange.0 }
        inputCount = compiler.inputRange.1
        jacobianCount = compiler.jacobianRange.1
        outputCount = compiler.outputRange.1
        arenaCount = compiler.size * batchSize
        arena = .allocate(capacity: max(arenaCount, 1))
        arena.initialize(repeating: 0, count: max(arenaCount, 1))
        for (offset, values) in compiler.constants {
            for (j, value) in values.enumerated() { (arena + (offset + j) * batchSize).update(repeating: value, count: batchSize) }
        }
    }

    deinit { arena.deallocate() }

    /// Evaluates the Jacobian (and, if asked, the outputs) at a batch of points; allocates nothing.
    public func evaluate(inputs: UnsafeBufferPointer<Double>, jacobian: UnsafeMutableBufferPointer<Double>,
                         outputs: UnsafeMutableBufferPointer<Double>? = nil) throws(EvaluationError) {
        let b = batchSize
        guard inputs.count == inputCount * b else { throw .bufferSize("input", expected: inputCount * b, got: inputs.count) }
        guard jacobian.count == jacobianCount * b else { throw .bufferSize("Jacobian", expected: jacobianCount * b, got: jacobian.count) }
        if let outputs, outputs.count != outputCount * b { throw .bufferSize("output", expected: outputCount * b, got: outputs.count) }
        if let native {
            native(inputs.baseAddress, jacobian.baseAddress, outputs?.baseAddress, b)
            return
        }
        if let base = inputs.baseAddress { arena.update(from: base, count: inputs.count) }
        program.run(kernels: kernels, base: arena, batch: b)
        if let base = jacobian.baseAddress { base.update(from: arena + jacobianStart * b, count: jacobian.count) }
        if let outputs, let base = outputs.baseAddress { base.update(from: arena + outputStart * b, count: outputs.count) }
    }

    /// `evaluate(inputs:jacobian:outputs:)` on arrays (laid out the same way); allocates nothing
    /// when `jacobian` is uniquely referenced.
    public func evaluate(inputs: [Double], jacobian: inout [Double]) throws(EvaluationError) {
        try inputs.withUnsafeBufferPointer { i throws(EvaluationError) in
            try jacobian.withUnsafeMutableBufferPointer { j throws(EvaluationError) in try evaluate(inputs: i, jacobian: j) }
        }
    }

    /// Evaluates only the function's outputs (the primal program) at a batch of points; allocates
    /// nothing. The baseline a Jacobian evaluation is compared with.
    public func evaluateOutputs(inputs: UnsafeBufferPointer<Double>, outputs: UnsafeMutableBufferPointer<Double>) throws(EvaluationError) {
        let b = batchSize
        guard inputs.count == inputCount * b else { throw .bufferSize("input", expected: inputCount * b, got: inputs.count) }
        guard outputs.count == outputCount * b else { throw .bufferSize("output", expected: outputCount * b, got: outputs.count) }
        if let base = inputs.baseAddress { arena.update(from: base, count: inputs.count) }
        primalProgram.run(kernels: kernels, base: arena, batch: b)
        if let base = outputs.baseAddress { base.update(from: arena + outputStart * b, count: outputs.count) }
    }

    /// The Jacobians at a batch of points (`points.count` must be the batch size); each point gives
    /// one tensor per input.
    public func jacobians(at points: [[Tensor]]) throws(EvaluationError) -> [Jacobian] {
        guard points.count == batchSize else { throw .batchSize(expected: batchSize, got: points.count) }
        let g = graph.graph, b = batchSize
        var inputs = [Double](repeating: 0, count: inputCount * b)
        for (p, point) in points.enumerated() {
            guard point.count == g.inputCount else { throw .inputCount(expected: g.inputCount, got: point.count) }
            for (i, tensor) in point.enumerated() {
                guard tensor.shape == g.inputs[i].shape else {
                    throw .inputShape(name: g.inputs[i].name, expected: g.inputs[i].shape, got: tensor.shape)
                }
                for (e, value) in tensor.scalars.enumerated() { inputs[(inputOffsets[i] + e) * b + p] = value }
            }
        }
        var values = [Double](repeating: 0, count: jacobianCount * b)
        try inputs.withUnsafeBufferPointer { i throws(EvaluationError) in
            try values.withUnsafeMutableBufferPointer { j throws(EvaluationError) in try evaluate(inputs: i, jacobian: j) }
        }
        let outputShapes = g.outputs.map { g.vertices[$0 - 1].shape }, inputShapes = g.inputs.map(\.shape)
        return (0..<b).map { p in
            Jacobian(outputShapes: outputShapes, inputShapes: inputShapes, blocks: outputShapes.indices.map { o in
                inputShapes.indices.map { i in
                    let start = jacobianOffsets[o][i], count = outputShapes[o].count * inputShapes[i].count
                    return JacobianBlock(outputShape: outputShapes[o], inputShape: inputShapes[i],
                                         values: (0..<count).map { values[(start + $0) * b + p] })
                }
            }, multiplications: Int(cost.total))
        }
    }

    /// The Jacobian at one point (a plan of batch size 1).
    public func jacobian(at inputs: [Tensor]) throws(EvaluationError) -> Jacobian {
        guard batchSize == 1 else { throw .batchSize(expected: batchSize, got: 1) }
        return try jacobians(at: [inputs])[0]
    }
}

extension NumericGraph {
    /// The `exact` cost of an order: the multiplications the numeric elimination performs, per step
    /// and in total, per point. Needs only the graph's structure, not its values.
    public func exactCost(of order: [Int]) throws(OrderError) -> OrderCost {
        OrderCost(steps: try PlanCompiler(self, order: order).stepCosts)
    }

    /// A compiled plan for an order.
    public func plan(order: [Int], batchSize: Int = 1, backend: JacobianBackend = .native) throws(EvaluationError) -> JacobianPlan {
        try JacobianPlan(self, order: order, batchSize: batchSize, backend: backend)
    }

    /// The Jacobian by eliminating in `order`, at the trace point or at other inputs: one
    /// evaluation, which the interpreter does sooner than a compiler could start.
    public func jacobian(order: [Int], at inputs: [Tensor]? = nil) throws(EvaluationError) -> Jacobian {
        try JacobianPlan(self, order: order, backend: .interpreter).jacobian(at: inputs ?? inputValues)
    }

    /// The function's outputs at other inputs (one kernel call per vertex; plans do this without
    /// allocating). With `holdingStopGradients`, every `stop_gradient` vertex keeps its value at the
    /// trace point and every custom-derivative vertex follows its declared linearization there: the
    /// function whose derivative the Jacobian is, for finite differences.
    public func evaluate(at inputs: [Tensor], holdingStopGradients: Bool = false) throws(EvaluationError) -> [Tensor] {
        let g = graph
        guard inputs.count == g.inputCount else { throw .inputCount(expected: g.inputCount, got: inputs.count) }
        for (i, tensor) in inputs.enumerated() where tensor.shape != g.inputs[i].shape {
            throw .inputShape(name: g.inputs[i].name, expected: g.inputs[i].shape, got: tensor.shape)
        }
        var values: [Tensor] = []
        values.reserveCapacity(operations.count)
        for (k, operation) in operations.enumerated() {
            let operands = operation.arguments.map { a -> Tensor in
                switch a {
                case let .constant(t): return t
                case let .node(.input(i)): return inputs[i - 1]
                case let .node(.vertex(j)): return values[j - 1]
                }
            }
            let held = holdingStopGradients && operation.primitive == .stopGradient
            if holdingStopGradients, operation.primitive.isCustom {
                values.append(kernels[k].linearization(at: operands, around: operation.arguments.map(traceValue), value: self.values[k]))
                continue
            }
            values.append(held ? self.values[k] : kernels[k].evaluate(operands))
        }
        return g.outputs.map { values[$0 - 1] }
    }
}
