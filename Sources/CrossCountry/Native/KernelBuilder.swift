/// Turns a compiled plan into generated code instruction by instruction. A small instruction runs
/// symbolically (`SymbolicExecution` over `CodeValue`): straight-line operations, folded, repeated
/// calls shared. A large one becomes a `KernelLoop` over the workspace `w`: the entries it reads are
/// stored there first, and what it writes is read back by later operations as loads. The
/// straight-line code is cut into parts of a bounded number of operations — every value still held
/// in a local goes to the workspace at a cut — so that the C compiler's time grows linearly with
/// the graph instead of with the square of one function's size. Building stops early, between two
/// instructions, when the code outgrows the limits it is given, Ctrl-C is pressed, or the code
/// would pass the memory limit.
struct KernelBuilder {
    /// Instructions of more scalar operations than this become loops.
    static let defaultLoopThreshold = 256
    /// Statements beyond which a compiled plan's code becomes a `TableKernel`: GCC -O3 spends
    /// 0.3–1 ms a statement on the point and vector versions together, a table kernel about 6 ms
    /// per distinct shape of instruction (a few dozen) however large the plan.
    static let straightLineBudget = 2_000
    /// The same for exported C, which a user compiles once and runs for long: straight-line code
    /// with ever more loops before a table.
    static let exportBudget = 20_000
    /// Operations per part of the straight-line code.
    static let defaultPartSize = 3_000
    /// The most statements (operations, stores, loops and their bodies' operations) a kernel
    /// compiled at run time may have: GCC -O3 takes 1–3 ms a statement for the point and vector
    /// versions together, so this is about a minute of compiling. It bounds only plans that cannot
    /// be table kernels (`JacobianKernel.make`); larger ones run in the interpreter.
    static let compileBudget = 30_000
    /// What generated code holds per operation while it is built: the operation, its entry in the
    /// table that shares repeated ones, and its two lines of C text.
    static let bytesPerOperation = 320

    /// Why building stopped early.
    enum Overflow: Error {
        /// More statements than `statementLimit`.
        case size
        case stopped(PlanMonitor.Stop)
    }

    /// A statement between the straight-line operations, placed before operation `position`.
    struct Statement {
        enum Kind {
            /// w[entry] = value.
            case store(Int, ScalarCode.Ref)
            /// w[start..<start + count] = 0.
            case zero(start: Int, count: Int)
            case loop(KernelLoop)
            /// The end of a part of the kernel.
            case cut
        }

        let position: Int
        let kind: Kind
    }

    let compiler: PlanCompiler
    let code: ScalarCode
    private(set) var statements: [Statement] = []
    private(set) var execution: SymbolicExecution<CodeValue>
    /// Which workspace entries hold their value now.
    private var stored: [Bool]
    private var version = 0
    private var partStart = 0
    /// Entries the straight-line code wrote since the last cut (at first, the inputs).
    private var written: [Int] = []
    /// What the loops execute per point.
    private(set) var loopCounts = OperationCounts()

    /// Statements so far besides the straight-line operations: stores, zeroing loops, loops with
    /// their bodies' operations.
    private(set) var statementCount = 0
    /// Workspace loads among the operations: values a loop wrote or an earlier part computed, read
    /// back (most of a loop's writes are never read back as values, and cost the compiler nothing).
    private var loadCount = 0
    /// `loadCount` when the current part began.
    private var partLoads = 0

    /// Builds the code of `instructions` (by default the whole plan), polling `monitor` between
    /// instructions; stops with `.size` past `statementLimit` statements (operations other than
    /// loads, and the statements between them).
    init(_ compiler: PlanCompiler, instructions: [PlanProgram.Instruction]? = nil,
         loopThreshold: Int = defaultLoopThreshold, partSize: Int = defaultPartSize,
         monitor: PlanMonitor = .unlimited, statementLimit: Int = .max) throws(Overflow) {
        self.compiler = compiler
        let code = ScalarCode()
        self.code = code
        execution = SymbolicExecution(compiler, inputs: code.inputs(of: compiler.graph))
        stored = [Bool](repeating: false, count: compiler.size)
        // The inputs are the first part's values too: a cut stores them with what the part wrote.
        written = Array(compiler.inputRange.0..<(compiler.inputRange.0 + compiler.inputRange.1))
        // The plan stays alive beside its code: the code's memory comes on top of the plan's.
        let held = compiler.estimatedBytes(arenaBytesPerEntry: 8) + compiler.size * (MemoryLayout<CodeValue?>.stride + 1)
        for (index, instruction) in (instructions ?? compiler.program.instructions).enumerated() {
            do throws(PlanMonitor.Stop) {
                try monitor.poll(index, bytes: held + code.nodes.count * Self.bytesPerOperation)
            } catch {
                throw .stopped(error)
            }
            if let loop = KernelLoop.make(instruction, compiler, threshold: loopThreshold) {
                let (reads, writes) = Self.footprint(instruction, compiler)
                store(reads)
                statements.append(Statement(position: code.nodes.count, kind: .loop(loop)))
                statementCount += 1 + loop.bodies.reduce(0) { $0 + $1.nodes.count }
                loopCounts = loopCounts + loop.counts
                version += 1
                let before = code.nodes.count
                for entry in writes {
                    stored[entry] = true
                    execution.arena[entry] = code.load(entry, version: version)
                }
                loadCount += code.nodes.count - before
            } else {
                let (reads, writes) = Self.footprint(instruction, compiler)
                localize(reads)
                execution.execute(instruction)
                for entry in writes { stored[entry] = false }
                written += writes
            }
            // Loads do not count towards a part: an instruction that reads a large input would
            // otherwise load it whole into every part and cut after every instruction.
            if code.nodes.count - partStart - (loadCount - partLoads) > partSize { cut() }
            if weight > statementLimit { throw .size }
        }
    }

    /// What the C compiler will work through: the operations other than loads, and the statements
    /// between them.
    var weight: Int { statementCount + code.nodes.count - loadCount }

    /// Whether the code uses the workspace at all.
    var usesWorkspace: Bool { !statements.isEmpty }

    /// Stores the entries a loop is about to read that are not in the workspace yet: runs of
    /// structural zeros as one zeroing loop, values one by one.
    private mutating func store(_ entries: [Int]) {
        var zeros: [Int] = []
        func flushZeros() {
            var k = 0
            while k < zeros.count {
                var end = k
                while end + 1 < zeros.count, zeros[end + 1] == zeros[end] + 1 { end += 1 }
                statements.append(Statement(position: code.nodes.count, kind: .zero(start: zeros[k], count: end - k + 1)))
                statementCount += 1
                k = end + 1
            }
            zeros.removeAll()
        }
        for entry in Set(entries).sorted() where !stored[entry] {
            stored[entry] = true
            if let value = execution.arena[entry] {
                statements.append(Statement(position: code.nodes.count, kind: .store(entry, value.ref)))
                statementCount += 1
            } else {
                zeros.append(entry)
            }
        }
        flushZeros()
    }

    /// Ends a part: every value it computed that a later instruction may read goes to the
    /// workspace. Values of earlier parts are read back from there when a later part needs them
    /// (`localize`), so a cut costs what the part wrote, not the whole arena.
    private mutating func cut() {
        store(Set(written).filter { entry in
            if case let .node(id) = execution.arena[entry]?.ref { return Int(id) >= partStart }
            return false
        }.sorted())
        written.removeAll(keepingCapacity: true)
        statements.append(Statement(position: code.nodes.count, kind: .cut))
        code.forgetReuse()
        version += 1
        partStart = code.nodes.count
        partLoads = loadCount
    }

    /// Makes the values of `entries` usable in the current part: a value an earlier part computed
    /// (a local of that part's function, stored at its cut) is loaded from the workspace.
    private mutating func localize<S: Sequence<Int>>(_ entries: S) {
        for entry in entries {
            if case let .node(id) = execution.arena[entry]?.ref, Int(id) < partStart {
                let before = code.nodes.count
                execution.arena[entry] = code.load(entry, version: version)
                loadCount += code.nodes.count - before
            }
        }
    }

    /// Makes the Jacobian's and the outputs' entries usable by the kernel's last part.
    mutating func localizeResults() {
        localize(compiler.jacobianRange.0..<(compiler.jacobianRange.0 + compiler.jacobianRange.1))
        localize(compiler.outputRange.0..<(compiler.outputRange.0 + compiler.outputRange.1))
    }

    // MARK: Footprints

    /// The arena entries an instruction reads and writes.
    static func footprint(_ instruction: PlanProgram.Instruction, _ compiler: PlanCompiler) -> (reads: [Int], writes: [Int]) {
        let program = compiler.program
        func range(_ start: Int, _ count: Int) -> [Int] { Array(start..<(start + count)) }
        switch instruction {
        case let .zero(to, count):
            return ([], range(to, count))
        case let .copy(to, from, count):
            return (range(from, count), range(to, count))
        case let .add(to, from, count):
            return (range(from, count) + range(to, count), range(to, count))
        case let .fill(to, scalar, count):
            return ([scalar], range(to, count))
        case let .scale(to, scalar, from, count, accumulate):
            return ([scalar] + range(from, count) + (accumulate ? range(to, count) : []), range(to, count))
        case let .multiply(to, q, p, count, accumulate):
            return (range(q, count) + range(p, count) + (accumulate ? range(to, count) : []), range(to, count))
        case let .triples(start, count, to, q, p):
            var reads: [Int] = [], writes: [Int] = []
            for t in 0..<count {
                let i = start + 3 * t
                writes.append(to + Int(program.indices[i]))
                reads += [q + Int(program.indices[i + 1]), p + Int(program.indices[i + 2])]
            }
            return (reads + writes, writes)
        case let .pairs(start, count, to, from):
            var reads: [Int] = [], writes: [Int] = []
            for t in 0..<count {
                let d = Int(program.indices[start + 2 * t]), s = Int(program.indices[start + 2 * t + 1])
                writes.append(to + d)
                if s >= 0 { reads.append(from + s) }
            }
            return (reads + writes, writes)
        case let .matrix(i):
            return product(program.products[i])
        case let .primal(k, operands, result):
            let kernel = compiler.graph.kernels[k]
            let reads = kernel.operandShapes.indices.flatMap { range(program.offsets[operands + $0], kernel.operandShapes[$0].count) }
            return (reads, range(result, kernel.count))
        case let .partial(k, position, operands, result, slot):
            let kernel = compiler.graph.kernels[k]
            let reads = kernel.operandShapes.indices.flatMap { range(program.offsets[operands + $0], kernel.operandShapes[$0].count) }
            return (reads + range(result, kernel.count), range(slot, kernel.partials[position]?.structure.valueCount ?? 0))
        }
    }

    private static func product(_ p: MatrixProduct) -> (reads: [Int], writes: [Int]) {
        var reads: [Int] = [], writes: [Int] = []
        for t in 0..<p.repeats {
            for i in 0..<p.m {
                for l in 0..<p.k { reads.append(p.a.offset + t * p.steps.a + i * p.a.rowStride + l * p.a.columnStride) }
            }
            for l in 0..<p.k {
                for j in 0..<p.n { reads.append(p.b.offset + t * p.steps.b + l * p.b.rowStride + j * p.b.columnStride) }
            }
            for i in 0..<p.m {
                for j in 0..<p.n { writes.append(p.c.offset + t * p.steps.c + i * p.c.rowStride + j * p.c.columnStride) }
            }
        }
        return (reads + (p.accumulate ? writes : []), writes)
    }
}
