/// One plan as generated code (`KernelBuilder`): straight-line operations with loops and workspace
/// stores between them, in parts of bounded size, and the operand that holds each Jacobian entry
/// and output entry. Written out as C functions on doubles (one point) and on vectors of points.
struct JacobianKernel {
    let code: ScalarCode
    let statements: [KernelBuilder.Statement]
    /// The Jacobian's entries: in the plan's block order, or (`pointMajor`) row-major over all
    /// output entries × all input entries, as exported functions lay each point out.
    let jacobian: [ScalarCode.Ref]
    let outputs: [ScalarCode.Ref]
    /// Which operations the results and the workspace stores need.
    let live: [Bool]
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

    /// The kernel of a plan's results: only what they need is computed; stops early as
    /// `KernelBuilder` does, past `statementLimit` statements whatever the loops.
    init(_ compiler: PlanCompiler, pointMajor: Bool, results: Results = .jacobianAndOutputs,
         loopThreshold: Int = KernelBuilder.defaultLoopThreshold, partSize: Int = KernelBuilder.defaultPartSize,
         monitor: PlanMonitor = .unlimited, statementLimit: Int = .max) throws(KernelBuilder.Overflow) {
        let g = compiler.graph.graph
        self.pointMajor = pointMajor
        let outputsOnly = results == .outputs
        let instructions = outputsOnly ? compiler.program.instructions.filter {
            switch $0 {
            case .primal: return true
            case let .copy(to, _, _): return to >= compiler.outputRange.0 && to < compiler.outputRange.0 + compiler.outputRange.1
            default: return false
            }
        } : nil
        // Straight-line code costs the C compiler far more per operation than a loop does: a plan
        // whose small instructions add up to more than the budget turns ever smaller ones into loops.
        // An attempt stops as soon as it passes the budget; the last one (everything a loop) is kept.
        let thresholds = [loopThreshold] + [16, 0].filter { $0 < loopThreshold }
        var built: KernelBuilder?
        for (k, threshold) in thresholds.enumerated() {
            let last = k == thresholds.count - 1
            do throws(KernelBuilder.Overflow) {
                built = try KernelBuilder(compiler, instructions: instructions, loopThreshold: threshold, partSize: partSize, monitor: monitor,
                                          operationLimit: last ? .max : KernelBuilder.straightLineBudget, statementLimit: statementLimit)
                break
            } catch .size where !last {
                continue
            }
        }
        guard var builder = built else { throw .size }
        builder.localizeResults()
        let arena = builder.execution.arena
        func ref(_ entry: Int) -> ScalarCode.Ref { arena[entry]?.ref ?? .constant(0) }

        inputCount = compiler.inputRange.1
        jacobianCount = outputsOnly ? 0 : compiler.jacobianRange.1
        outputCount = results == .jacobian ? 0 : compiler.outputRange.1
        outputs = (0..<outputCount).map { ref(compiler.outputRange.0 + $0) }
        var jacobian = [ScalarCode.Ref](repeating: .constant(0), count: jacobianCount)
        if !outputsOnly {
            let outputSizes = g.outputs.map { g.vertices[$0 - 1].shape.count }, inputSizes = g.inputs.map(\.shape.count)
            var row = 0
            for (o, rows) in outputSizes.enumerated() {
                var column = 0
                for (i, columns) in inputSizes.enumerated() {
                    let start = compiler.jacobianSlots[o][i]
                    for a in 0..<rows {
                        for b in 0..<columns {
                            let position = pointMajor ? (row + a) * inputCount + column + b
                                : start - compiler.jacobianRange.0 + a * columns + b
                            jacobian[position] = ref(start + a * columns + b)
                        }
                    }
                    column += columns
                }
                row += rows
            }
        }
        self.jacobian = jacobian
        code = builder.code
        statements = builder.statements
        let stores = builder.statements.compactMap { s -> ScalarCode.Ref? in
            if case let .store(_, value) = s.kind { return value }
            return nil
        }
        live = code.live(from: jacobian + outputs + stores)
        var counts = builder.loopCounts
        for (id, node) in code.nodes.enumerated() where live[id] { counts.count(node) }
        self.counts = counts
        workspace = builder.usesWorkspace ? compiler.size : 0
    }

    /// The loops' straight-line bodies, whose calls need helpers too.
    var loopBodies: [ScalarCode] {
        statements.flatMap { s -> [ScalarCode] in
            if case let .loop(loop) = s.kind { return loop.bodies }
            return []
        }
    }

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
    /// one function per earlier part: the operations the results need in program order with the
    /// statements between them, then the Jacobian's entries and the outputs (those only where `y`
    /// is not null when the kernel writes both). Results are of type T, except that an export's
    /// vector function writes doubles into eight points' rows (`R` double, `Layout.pointMajor`).
    /// Results that are the same at every point are written first, so that their stores overlap
    /// the arithmetic.
    func function(_ name: String, vector: Bool, table: ([Int32]) -> String) -> String {
        let layout: Layout = vector && pointMajor ? .pointMajor : .entries
        let e = CExpression(vector: vector, name: { "t\($0)" }, input: { "x[\($0)]" })
        var parts: [String] = []
        var body = ""
        var next = 0
        func emit(upTo end: Int) {
            while next < end {
                if live[next] { body += "    const \(e.type) t\(next) = \(e.expression(code.nodes[next]));\n" }
                next += 1
            }
        }
        for statement in statements {
            emit(upTo: statement.position)
            switch statement.kind {
            case let .store(entry, value): body += "    w[\(entry)] = \(e.operand(value));\n"
            case let .zero(start, count): body += "    for (long j = 0; j < \(count); j++) w[\(start) + j] = \(e.constant(0));\n"
            case let .loop(loop): body += loop.render(e, table)
            case .cut:
                parts.append(body)
                body = ""
            }
        }
        emit(upTo: code.nodes.count)
        let jac = Self.stores(jacobian, to: "jac", e, layout)
        let y = Self.stores(outputs, to: "y", e, layout)
        var early = jac.early, late = jac.late
        if jacobianCount > 0 {
            if !y.early.isEmpty { early += "    if (y) {\n" + Self.indented(y.early) + "    }\n" }
            if !y.late.isEmpty { late += "    if (y) {\n" + Self.indented(y.late) + "    }\n" }
        } else {
            early += y.early
            late += y.late
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

    /// The C writing `values` into `base` in a layout: stores of constants (`early`) and of the rest.
    /// Point-major vectors go in blocks of eight entries, transposed unless all eight are constants.
    private static func stores(_ values: [ScalarCode.Ref], to base: String, _ e: CExpression, _ layout: Layout) -> (early: String, late: String) {
        var early = "", late = ""
        func isConstant(_ ref: ScalarCode.Ref) -> Bool {
            if case .constant = ref { return true }
            return false
        }
        func add(_ line: String, constant: Bool) {
            if constant { early += "    " + line + "\n" } else { late += "    " + line + "\n" }
        }
        switch layout {
        case .entries:
            for (k, ref) in values.enumerated() { add("\(base)[\(k)] = \(e.operand(ref));", constant: isConstant(ref)) }
        case .pointMajor:
            let m = values.count, lanes = CPrelude.lanes
            for start in stride(from: 0, to: m - m % lanes, by: lanes) {
                let block = values[start..<start + lanes]
                let constants = block.compactMap { ref -> String? in
                    if case let .constant(c) = ref { return CText.literal(c) }
                    return nil
                }
                if constants.count == lanes {
                    add("{ static const double c[8] = {\(constants.joined(separator: ", "))}; ccs_store_rows(\(base) + \(start), \(m), c); }",
                        constant: true)
                } else {
                    let vectors = block.map { ref -> String in
                        if case let .constant(c) = ref { return "CCS_OPAQUE(\(CText.literal(c)))" }
                        return e.operand(ref)
                    }
                    add("{ ccs_v b[8] = {\(vectors.joined(separator: ", "))}; ccs_store_block(\(base) + \(start), \(m), b); }", constant: false)
                }
            }
            for k in m - m % lanes..<m {
                add("ccs_store_column(\(base) + \(k), \(m), \(e.operand(values[k])));", constant: isConstant(values[k]))
            }
        }
        return (early, late)
    }
}
