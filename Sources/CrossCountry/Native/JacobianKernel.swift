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

    /// The kernel of the whole plan, or (`outputsOnly`) of the primal values alone.
    init(_ compiler: PlanCompiler, pointMajor: Bool, outputsOnly: Bool = false,
         loopThreshold: Int = KernelBuilder.defaultLoopThreshold, partSize: Int = KernelBuilder.defaultPartSize) {
        let g = compiler.graph.graph
        let instructions = outputsOnly ? compiler.program.instructions.filter {
            switch $0 {
            case .primal: return true
            case let .copy(to, _, _): return to >= compiler.outputRange.0 && to < compiler.outputRange.0 + compiler.outputRange.1
            default: return false
            }
        } : nil
        // Straight-line code costs the C compiler far more per operation than a loop does: a plan
        // whose small instructions add up to more than the budget turns ever smaller ones into loops.
        var builder = KernelBuilder(compiler, instructions: instructions, loopThreshold: loopThreshold, partSize: partSize)
        for threshold in [16, 0] where threshold < loopThreshold && builder.code.nodes.count > KernelBuilder.straightLineBudget {
            builder = KernelBuilder(compiler, instructions: instructions, loopThreshold: threshold, partSize: partSize)
        }
        let arena = builder.execution.arena
        func ref(_ entry: Int) -> ScalarCode.Ref { arena[entry]?.ref ?? .constant(0) }

        inputCount = compiler.inputRange.1
        jacobianCount = outputsOnly ? 0 : compiler.jacobianRange.1
        outputCount = compiler.outputRange.1
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

    /// `static void NAME(const T *x, T *jac, T *y, T *w)` on doubles or vectors of points, after
    /// one function per earlier part: the operations the results need in program order with the
    /// statements between them, then the Jacobian's entries and the outputs (those only where `y`
    /// is not null when the kernel writes both).
    func function(_ name: String, vector: Bool, table: ([Int32]) -> String) -> String {
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
        for (k, ref) in jacobian.enumerated() { body += "    jac[\(k)] = \(e.operand(ref));\n" }
        if jacobianCount > 0 {
            body += "    if (y) {\n" + outputs.enumerated().map { "        y[\($0)] = \(e.operand($1));\n" }.joined() + "    }\n"
        } else {
            body += outputs.enumerated().map { "    y[\($0)] = \(e.operand($1));\n" }.joined()
        }
        let type = e.type
        var text = ""
        for (k, part) in parts.enumerated() {
            text += "static void \(name)_part\(k)(const \(type) *restrict x, \(type) *restrict w) {\n\(part)}\n\n"
        }
        text += "static void \(name)(const \(type) *restrict x, \(type) *restrict jac, \(type) *restrict y, \(type) *restrict w) {\n"
        text += parts.indices.map { "    \(name)_part\($0)(x, w);\n" }.joined()
        return text + body + "}\n\n"
    }
}
