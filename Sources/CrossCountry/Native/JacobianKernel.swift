/// One plan as generated code (`KernelBuilder`): straight-line operations with loops and workspace
/// stores between them, in parts of bounded size, and the operand that holds each Jacobian entry
/// and output entry. Written out as C functions on doubles (one point) and on vectors of points.
struct JacobianKernel: CKernel {
    let code: ScalarCode
    let statements: [KernelBuilder.Statement]
    /// The Jacobian's entries: in the plan's block order, or (`pointMajor`) row-major over all
    /// output entries × all input entries, as exported functions lay each point out.
    let jacobian: [ScalarCode.Ref]
    let outputs: [ScalarCode.Ref]
    /// Which operations the results and the workspace stores need.
    let live: [Bool]
    let straightLineOperations: Int
    /// What one point costs: the live operations and the loops' iterations.
    let counts: OperationCounts
    let inputCount: Int
    let jacobianCount: Int
    let outputCount: Int
    /// Workspace entries (the plan's arena), when the code uses a workspace; else 0.
    let workspace: Int
    /// An export's kernel: each point's results row-major, the vector function writing eight
    /// points' rows (`Layout.pointMajor`).
    let pointMajor: Bool

    /// Which results a kernel computes: a library's plan returns both, an export has a function for each.
    enum Results {
        case jacobianAndOutputs, jacobian, outputs
    }

    /// The code of a plan's results in the shape the C compiler handles best: straight-line
    /// operations with instructions of more than `threshold` operations as loops, the first of
    /// `thresholds` that stays within `budget` statements, else a `TableKernel`; stops early as
    /// `KernelBuilder` does, past `statementLimit` statements whatever the loops. A compiled plan
    /// tries one threshold within `KernelBuilder.straightLineBudget`; an export, which is compiled
    /// once and runs for long, smaller ones within `KernelBuilder.exportBudget`.
    static func make(_ compiler: PlanCompiler, pointMajor: Bool, results: Results = .jacobianAndOutputs,
                     thresholds: [Int] = [KernelBuilder.defaultLoopThreshold], budget: Int = KernelBuilder.straightLineBudget,
                     context: CKernelContext, monitor: PlanMonitor = .unlimited,
                     statementLimit: Int = .max) throws(KernelBuilder.Overflow) -> any CKernel {
        for threshold in thresholds {
            do throws(KernelBuilder.Overflow) {
                return try JacobianKernel(compiler, pointMajor: pointMajor, results: results, loopThreshold: threshold, monitor: monitor,
                                          statementLimit: min(statementLimit, budget))
            } catch .size {
                continue
            }
        }
        if let table = try TableKernel(compiler, pointMajor: pointMajor, results: results, context: context, monitor: monitor) { return table }
        // A rule without a loop form (none today) keeps the plan straight-line, every other instruction a loop.
        return try JacobianKernel(compiler, pointMajor: pointMajor, results: results, loopThreshold: 0, monitor: monitor,
                                  statementLimit: statementLimit)
    }

    /// Whether a compiled plan of `graph` runs as a `TableKernel`, judged by its forward order's
    /// plan: more straight-line statements than `KernelBuilder.straightLineBudget`. Orders of a
    /// graph near the budget can differ in this; the forward order decides for all of them.
    /// A plan that would need more than 256 MB is far past the budget (and not compiled further).
    static func runsAsTable(_ graph: NumericGraph) -> Bool {
        let compiler: PlanCompiler
        do {
            compiler = try PlanCompiler(graph, order: graph.graph.eliminableVertices, monitor: PlanMonitor(maxMemory: 256 << 20), arenaBytesPerEntry: 8)
        } catch .memory {
            return true
        } catch {
            return false
        }
        do throws(KernelBuilder.Overflow) {
            _ = try JacobianKernel(compiler, pointMajor: false, statementLimit: KernelBuilder.straightLineBudget)
            return false
        } catch {
            return true
        }
    }

    /// The instructions the results need: all of them, or for the outputs alone the primal values
    /// and the copies into the outputs.
    static func instructions(_ compiler: PlanCompiler, results: Results) -> [PlanProgram.Instruction] {
        guard results == .outputs else { return compiler.program.instructions }
        return compiler.program.instructions.filter {
            switch $0 {
            case .primal: return true
            case let .copy(to, _, _): return to >= compiler.outputRange.0 && to < compiler.outputRange.0 + compiler.outputRange.1
            default: return false
            }
        }
    }

    /// The arena entry of each Jacobian entry: in the plan's block order, or (`pointMajor`)
    /// row-major over all output entries × all input entries.
    static func jacobianEntries(_ compiler: PlanCompiler, pointMajor: Bool) -> [Int] {
        let g = compiler.graph.graph
        var entries = [Int](repeating: 0, count: compiler.jacobianRange.1)
        let outputSizes = g.outputs.map { g.vertices[$0 - 1].shape.count }, inputSizes = g.inputs.map(\.shape.count)
        let inputCount = compiler.inputRange.1
        var row = 0
        for (o, rows) in outputSizes.enumerated() {
            var column = 0
            for (i, columns) in inputSizes.enumerated() {
                let start = compiler.jacobianSlots[o][i]
                for a in 0..<rows {
                    for b in 0..<columns {
                        let position = pointMajor ? (row + a) * inputCount + column + b : start - compiler.jacobianRange.0 + a * columns + b
                        entries[position] = start + a * columns + b
                    }
                }
                column += columns
            }
            row += rows
        }
        return entries
    }

    /// The straight-line kernel of a plan's results, instructions of more than `loopThreshold`
    /// operations as loops: only what the results need is computed; stops early as
    /// `KernelBuilder` does, past `statementLimit` statements.
    init(_ compiler: PlanCompiler, pointMajor: Bool, results: Results = .jacobianAndOutputs,
         loopThreshold: Int = KernelBuilder.defaultLoopThreshold, partSize: Int = KernelBuilder.defaultPartSize,
         monitor: PlanMonitor = .unlimited, statementLimit: Int = .max) throws(KernelBuilder.Overflow) {
        self.pointMajor = pointMajor
        let outputsOnly = results == .outputs
        var builder = try KernelBuilder(compiler, instructions: Self.instructions(compiler, results: results), loopThreshold: loopThreshold,
                                        partSize: partSize, monitor: monitor, statementLimit: statementLimit)
        builder.localizeResults()
        let arena = builder.execution.arena
        func ref(_ entry: Int) -> ScalarCode.Ref { arena[entry]?.ref ?? .constant(0) }

        inputCount = compiler.inputRange.1
        jacobianCount = outputsOnly ? 0 : compiler.jacobianRange.1
        outputCount = results == .jacobian ? 0 : compiler.outputRange.1
        outputs = (0..<outputCount).map { ref(compiler.outputRange.0 + $0) }
        let jacobian = outputsOnly ? [] : Self.jacobianEntries(compiler, pointMajor: pointMajor).map(ref)
        self.jacobian = jacobian
        code = builder.code
        statements = builder.statements
        let stores = builder.statements.compactMap { s -> ScalarCode.Ref? in
            if case let .store(_, value) = s.kind { return value }
            return nil
        }
        live = code.live(from: jacobian + outputs + stores)
        straightLineOperations = live.reduce(0) { $0 + ($1 ? 1 : 0) }
        var counts = builder.loopCounts
        for (id, node) in code.nodes.enumerated() where live[id] { counts.count(node) }
        self.counts = counts
        workspace = builder.usesWorkspace ? compiler.size : 0
    }

    /// The operations and the loops' bodies, whose calls need helpers.
    var codes: [(code: ScalarCode, live: [Bool])] {
        [(code, live)] + statements.flatMap { s -> [(code: ScalarCode, live: [Bool])] in
            if case let .loop(loop) = s.kind { return loop.bodies.map { ($0, [Bool](repeating: true, count: $0.nodes.count)) } }
            return []
        }
    }

    var initializes: Bool { false }

    func declarations(suffix: String, _ context: CKernelContext) -> String { "" }

    /// Where a kernel function writes the Jacobian's entries and the outputs.
    enum Layout {
        /// Entry k in `jac[k]`: one point's row of doubles, or a vector of points per entry that
        /// the caller stores (into batch-innermost arrays, where the addresses' unknown stride
        /// would make the C compiler's alias analysis quadratic in the kernel's size).
        case entries
        /// Eight points' rows of doubles one after the other (the export's point-major arrays):
        /// entries in blocks of eight, each block transposed on its way out.
        case pointMajor
    }

    /// `static void NAME(const T *x, R *jac, R *y, T *w)` on doubles or vectors of points, after
    /// one function per earlier part: the operations the results need with the statements between
    /// them, then the Jacobian's entries and the outputs (those only where `y` is not null when the
    /// kernel writes both). On vectors the last part's operations come in `KernelSchedule`'s order,
    /// each Jacobian entry (or block of entries) stored as soon as it is complete; on doubles they
    /// stay in program order with the results stored at the end, which ran faster at one point
    /// (`scripts/bench jacobian`: scalar code spills cheaply and gains from independent
    /// neighbours). Results are of type T, except that an export's vector function writes doubles
    /// into eight points' rows (`R` double, `Layout.pointMajor`). Results that are the same at
    /// every point are written first, so that their stores overlap the arithmetic.
    func function(_ name: String, suffix: String, vector: Bool, _ context: CKernelContext) -> String {
        let layout: Layout = vector && pointMajor ? .pointMajor : .entries
        let arguments = CArguments(tables: context.tables, shared: false)
        let e = CExpression(vector: vector, name: { "t\($0)" }, input: { "x[\($0)]" })
        let jac = Self.stores(jacobian, to: "jac", e, layout), y = Self.stores(outputs, to: "y", e, layout)
        var schedule = KernelSchedule(code, live: live)
        var parts: [String] = []
        var body = ""
        func define(_ ids: [Int32]) {
            for id in ids { body += "    const \(e.type) t\(id) = \(e.expression(code.nodes[Int(id)]));\n" }
        }
        var start = 0
        for statement in statements {
            define(schedule.rest(of: start..<statement.position))
            start = statement.position
            switch statement.kind {
            case let .store(entry, value): body += "    w[\(entry)] = \(e.operand(value));\n"
            case let .zero(start, count): body += "    for (long j = 0; j < \(count); j++) w[\(start) + j] = \(e.constant(0));\n"
            case let .loop(loop): body += loop.render(e, arguments)
            case .cut:
                parts.append(body)
                body = ""
            }
        }
        let last = start..<code.nodes.count
        var late = ""
        for store in jac where !store.constant {
            if vector {
                define(schedule.place(store.values, within: last))
                body += store.line
            } else {
                late += store.line
            }
        }
        define(schedule.rest(of: last))
        var early = jac.filter(\.constant).map(\.line).joined()
        let yEarly = y.filter(\.constant).map(\.line).joined(), yLate = y.filter { !$0.constant }.map(\.line).joined()
        if jacobianCount > 0 {
            if !yEarly.isEmpty { early += "    if (y) {\n" + Self.indented(yEarly) + "    }\n" }
            if !yLate.isEmpty { late += "    if (y) {\n" + Self.indented(yLate) + "    }\n" }
        } else {
            early += yEarly
            late += yLate
        }
        let type = e.type
        var text = ""
        for (k, part) in parts.enumerated() {
            text += "static void \(name)_part\(k)(const \(type) *restrict x, \(type) *restrict w) {\n\(part)}\n\n"
        }
        let result = layout == .pointMajor ? "double" : type
        text += "static void \(name)(const \(type) *restrict x, \(result) *restrict jac, \(result) *restrict y, \(type) *restrict w) {\n"
        text += early + parts.indices.map { "    \(name)_part\($0)(x, w);\n" }.joined()
        return text + body + late + "}\n\n"
    }

    private static func indented(_ lines: String) -> String {
        lines.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
    }

    /// One statement writing results: the values it reads, whether all are constants, its line of C.
    struct Store {
        let values: [ScalarCode.Ref]
        let constant: Bool
        let line: String
    }

    /// The C writing `values` into `base` in a layout, statement by statement. Point-major vectors
    /// go in blocks of eight entries, transposed unless all eight are constants.
    private static func stores(_ values: [ScalarCode.Ref], to base: String, _ e: CExpression, _ layout: Layout) -> [Store] {
        var stores: [Store] = []
        func isConstant(_ ref: ScalarCode.Ref) -> Bool {
            if case .constant = ref { return true }
            return false
        }
        func add<S: Sequence<ScalarCode.Ref>>(_ values: S, _ line: String) {
            let values = Array(values)
            stores.append(Store(values: values, constant: values.allSatisfy(isConstant), line: "    " + line + "\n"))
        }
        switch layout {
        case .entries:
            for (k, ref) in values.enumerated() { add([ref], "\(base)[\(k)] = \(e.operand(ref));") }
        case .pointMajor:
            let m = values.count, lanes = CPrelude.lanes
            for start in stride(from: 0, to: m - m % lanes, by: lanes) {
                let block = values[start..<start + lanes]
                let constants = block.compactMap { ref -> String? in
                    if case let .constant(c) = ref { return CText.literal(c) }
                    return nil
                }
                if constants.count == lanes {
                    add(block, "{ static const double c[8] = {\(constants.joined(separator: ", "))}; ccs_store_rows(\(base) + \(start), \(m), c); }")
                } else {
                    let vectors = block.map { ref -> String in
                        if case let .constant(c) = ref { return "CCS_OPAQUE(\(CText.literal(c)))" }
                        return e.operand(ref)
                    }
                    add(block, "{ ccs_v b[8] = {\(vectors.joined(separator: ", "))}; ccs_store_block(\(base) + \(start), \(m), b); }")
                }
            }
            for k in m - m % lanes..<m { add([values[k]], "ccs_store_column(\(base) + \(k), \(m), \(e.operand(values[k])));") }
        }
        return stores
    }
}
