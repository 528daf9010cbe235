/// A large plan instruction as a C loop over the kernel's workspace `w` (batch innermost like every
/// value of a kernel: one double, or one vector of points, per entry), where unrolling it would
/// bloat the code and the compiler's time: long elementwise kernels, matrix products, index lists.
/// Elementwise bodies are built as `ScalarCode` from the primitive families' rules, as everything
/// else, so a loop computes exactly what the unrolled code would.
struct KernelLoop {
    /// Straight-line codes of loop bodies (for the helpers they call).
    let bodies: [ScalarCode]
    /// What the loop executes per point.
    let counts: OperationCounts
    /// The C text on doubles or on vectors, its numbers written as `a` says.
    let render: (_ e: CExpression, _ a: CArguments) -> String

    // MARK: Plan instructions

    /// The loop of an instruction, or nil for the ones that are never loops (they move values).
    static func make(_ instruction: PlanProgram.Instruction, _ compiler: PlanCompiler) -> KernelLoop? {
        let program = compiler.program
        switch instruction {
        case .zero, .copy, .fill:
            return nil
        case let .add(to, from, count):
            return elementwise(count, inputs: [.strided(to), .strided(from)], outputs: [.strided(to)]) { _, v in [v[0] + v[1]] }
        case let .scale(to, scalar, from, count, accumulate):
            let inputs: [Access] = [.fixed(scalar), .strided(from)] + (accumulate ? [.strided(to)] : [])
            return elementwise(count, inputs: inputs, outputs: [.strided(to)]) { _, v in [accumulate ? v[2] + v[0] * v[1] : v[0] * v[1]] }
        case let .multiply(to, q, p, count, accumulate):
            let inputs: [Access] = [.strided(q), .strided(p)] + (accumulate ? [.strided(to)] : [])
            return elementwise(count, inputs: inputs, outputs: [.strided(to)]) { _, v in [accumulate ? v[2] + v[0] * v[1] : v[0] * v[1]] }
        case let .triples(start, count, to, q, p):
            return triples(Array(program.indices[start..<(start + 3 * count)]), to: to, q: q, p: p)
        case let .pairs(start, count, to, from):
            return pairs(Array(program.indices[start..<(start + 2 * count)]), to: to, from: from)
        case let .matrix(i):
            return product(program.products[i])
        case let .primal(k, operands, result):
            let kernel = compiler.graph.kernels[k]
            let offsets = (0..<kernel.operandShapes.count).map { program.offsets[operands + $0] }
            return primal(kernel, offsets, result: result)
        case let .partial(k, position, operands, result, slot):
            let kernel = compiler.graph.kernels[k]
            let offsets = (0..<kernel.operandShapes.count).map { program.offsets[operands + $0] }
            return partial(kernel, position, offsets, result: result, slot: slot)
        }
    }

    /// The loop an instruction runs as in straight-line kernels: one of more than `threshold`
    /// operations that has a loop form; nil when it runs as straight-line code.
    static func make(_ instruction: PlanProgram.Instruction, _ compiler: PlanCompiler, threshold: Int) -> KernelLoop? {
        size(instruction, compiler) > threshold ? make(instruction, compiler) : nil
    }

    /// Any instruction as a loop, the ones that only move values included, for kernels that run
    /// every instruction through a shared routine (`TableKernel`): `.some(nil)` when it computes
    /// nothing here (a partial without stored values), nil when no loop has its rule.
    static func any(_ instruction: PlanProgram.Instruction, _ compiler: PlanCompiler) -> KernelLoop?? {
        let program = compiler.program
        func move(_ count: Int, from: Access, to: Int) -> KernelLoop {
            elementwise(count, inputs: [from], outputs: [.strided(to)]) { _, v in [v[0]] }
        }
        func constant(_ count: Int, _ c: Double, to: Int) -> KernelLoop {
            elementwise(count, inputs: [], outputs: [.strided(to)]) { _, _ in [CodeValue(constant: c)] }
        }
        // Unsupported (nil) stays apart from computing nothing (.some(nil)).
        func loop() -> KernelLoop?? {
            guard let loop = make(instruction, compiler) else { return nil }
            return loop
        }
        switch instruction {
        case let .zero(to, count):
            return constant(count, 0, to: to)
        case let .copy(to, from, count):
            return move(count, from: .strided(from), to: to)
        case let .fill(to, scalar, count):
            return move(count, from: .fixed(scalar), to: to)
        case let .primal(k, operands, result):
            let kernel = compiler.graph.kernels[k]
            switch kernel.form {
            case .copy:
                return move(kernel.count, from: .strided(program.offsets[operands]), to: result)
            case let .gather(sources, owners):
                let entries = sources.indices.map { e in Int32(program.offsets[operands + Int(owners?[e] ?? 0)]) + sources[e] }
                return move(kernel.count, from: .mapped(0, entries), to: result)
            default:
                return loop()
            }
        case let .partial(k, position, operands, _, slot):
            guard let partial = compiler.graph.kernels[k].partials[position] else { return .some(nil) }
            switch partial.values {
            case .none:
                return .some(nil)
            case let .constant(c):
                return constant(partial.structure.valueCount, c, to: slot)
            case let .gather(operand, map):
                return move(map.count, from: .mapped(program.offsets[operands + operand], map), to: slot)
            default:
                return loop()
            }
        default:
            return loop()
        }
    }

    /// How many scalar operations unrolling the instruction would take (0: it only moves values).
    static func size(_ instruction: PlanProgram.Instruction, _ compiler: PlanCompiler) -> Int {
        switch instruction {
        case .zero, .copy, .fill: return 0
        case let .add(_, _, count), let .scale(_, _, _, count, _), let .multiply(_, _, _, count, _),
             let .triples(_, count, _, _, _), let .pairs(_, count, _, _):
            return count
        case let .matrix(i):
            let p = compiler.program.products[i]
            return p.repeats * p.m * p.n * p.k
        case let .primal(k, _, _):
            let kernel = compiler.graph.kernels[k]
            switch kernel.form {
            case .copy, .gather: return 0
            case .unary, .elementwise: return kernel.count
            case let .reduce(r): return r.groups * r.size
            case let .dot(m, k, n, _, _, _, _): return m * k * n
            }
        case let .partial(k, position, _, _, _):
            guard let partial = compiler.graph.kernels[k].partials[position] else { return 0 }
            switch partial.values {
            case .none, .constant, .gather: return 0
            case .unary, .elementwise: return partial.structure.valueCount
            case let .extreme(r): return 2 * r.groups * r.size
            }
        }
    }

    /// `w[to + d] += w[q + i] · w[p + j]` for each triple (d, i, j) of `list`.
    static func triples(_ list: [Int32], to: Int, q: Int, p: Int) -> KernelLoop {
        let count = list.count / 3
        var counts = OperationCounts()
        counts.multiplications = count
        counts.additions = count
        return KernelLoop(bodies: [], counts: counts) { e, a in
            let (t, d, x, y, n) = (a.table(list), a.int(to), a.int(q), a.int(p), a.int(count))
            return "    for (long t = 0; t < \(n); t++) w[\(d) + \(t)[3 * t]] += w[\(x) + \(t)[3 * t + 1]] * w[\(y) + \(t)[3 * t + 2]];\n"
        }
    }

    /// `w[to + d] += w[from + s]` for each pair (d, s) of `list`, or `+= 1` where s < 0.
    static func pairs(_ list: [Int32], to: Int, from: Int) -> KernelLoop {
        var copies: [Int32] = [], ones: [Int32] = []
        for t in 0..<(list.count / 2) {
            let d = list[2 * t], s = list[2 * t + 1]
            if s < 0 { ones.append(d) } else { copies += [d, s] }
        }
        var counts = OperationCounts()
        counts.additions = list.count / 2
        return KernelLoop(bodies: [], counts: counts) { e, a in
            var text = ""
            if !copies.isEmpty {
                let (t, d, s, n) = (a.table(copies), a.int(to), a.int(from), a.int(copies.count / 2))
                text += "    for (long t = 0; t < \(n); t++) w[\(d) + \(t)[2 * t]] += w[\(s) + \(t)[2 * t + 1]];\n"
            }
            if !ones.isEmpty {
                let (t, d, n) = (a.table(ones), a.int(to), a.int(ones.count))
                text += "    for (long t = 0; t < \(n); t++) w[\(d) + \(t)[t]] += \(e.constant(1));\n"
            }
            return text
        }
    }

    // MARK: Loop shapes

    /// Where a loop reads or writes entry e of a value: `base + e`, one fixed entry, or
    /// `base + table[e]`.
    enum Access {
        case strided(Int)
        case fixed(Int)
        case mapped(Int, [Int32])

        func index(_ e: Int) -> Int {
            switch self {
            case let .strided(base): return base + e
            case let .fixed(entry): return entry
            case let .mapped(base, map): return base + Int(map[e])
            }
        }

        func c(_ a: CArguments) -> String {
            switch self {
            case let .strided(base): return "w[\(a.int(base)) + e]"
            case let .fixed(entry): return "w[\(a.int(entry))]"
            case let .mapped(base, map): return "w[\(a.int(base)) + \(a.table(map))[e]]"
            }
        }
    }

    /// `for e < count`: the inputs read, a body built from them, its results written.
    static func elementwise(_ count: Int, inputs: [Access], outputs: [Access],
                            body: (ScalarCode, [CodeValue]) -> [CodeValue]) -> KernelLoop {
        let code = ScalarCode()
        let values = inputs.indices.map { code.input($0) }
        let results = body(code, values).map(\.ref)
        let live = code.live(from: results)
        var counts = OperationCounts()
        for (id, node) in code.nodes.enumerated() where live[id] { counts.count(node) }
        counts = counts.times(count)
        return KernelLoop(bodies: [code], counts: counts) { e, a in
            var text = "    for (long e = 0; e < \(a.int(count)); e++) {\n"
            // Only the inputs the body reads are numbers of the loop: instructions that differ in
            // an operand the rule ignores share a routine.
            let inner = CExpression(vector: e.vector, name: { "u\($0)" }, input: { inputs[$0].c(a) })
            text += inner.definitions(code, live: live, indent: "        ")
            for (access, ref) in zip(outputs, results) { text += "        \(access.c(a)) = \(inner.operand(ref));\n" }
            return text + "    }\n"
        }
    }

    /// C (+)= A·B entry by entry, each sum starting from C's entry (or 0) and adding the terms in
    /// order, as the interpreter does.
    static func product(_ p: MatrixProduct) -> KernelLoop {
        var counts = OperationCounts()
        counts.multiplications = p.repeats * p.m * p.n * p.k
        counts.additions = counts.multiplications
        return KernelLoop(bodies: [], counts: counts) { e, a in
            let (repeats, m, n, k) = (a.int(p.repeats), a.int(p.m), a.int(p.n), a.int(p.k))
            // Entry (row, column) of a view in repeat t.
            func entry(_ v: MatrixView, step: Int, _ row: String, _ column: String) -> String {
                "w[\(a.int(v.offset)) + t * \(a.int(step)) + \(row) * \(a.int(v.rowStride)) + \(column) * \(a.int(v.columnStride))]"
            }
            let x = entry(p.a, step: p.steps.a, "i", "l"), y = entry(p.b, step: p.steps.b, "l", "j"), c = entry(p.c, step: p.steps.c, "i", "j")
            return """
                    for (long t = 0; t < \(repeats); t++)
                        for (long i = 0; i < \(m); i++)
                            for (long j = 0; j < \(n); j++) {
                                \(e.type) s = \(p.accumulate ? c : e.constant(0));
                                for (long l = 0; l < \(k); l++) s += \(x) * \(y);
                                \(c) = s;
                            }

                """
        }
    }

    // MARK: Kernels

    private static func primal(_ kernel: OperationKernel, _ operands: [Int], result: Int) -> KernelLoop? {
        switch kernel.form {
        case .copy, .gather:
            return nil
        case .unary:
            guard case let .unary(f) = kernel.primitive else { return nil }
            return elementwise(kernel.count, inputs: [.strided(operands[0])], outputs: [.strided(result)]) { _, v in
                [CodeValue.unary(f, v[0])]
            }
        case let .elementwise(broadcasts):
            let inputs = zip(operands, broadcasts).map { access($0, $1) }
            let value: ([CodeValue]) -> CodeValue
            switch kernel.primitive {
            case let .binary(f): value = { CodeValue.binary(f, $0[0], $0[1]) }
            case let .comparison(c): value = { CodeValue.compare(c, $0[0], $0[1]) }
            case let .custom(f): value = { CodeValue.custom(f, $0) }
            case .select: value = { CodeValue.select($0[0], $0[1], $0[2]) }
            // Not elementwise over several operands: straight-line code, never a loop of the wrong rule.
            case .unary, .dot, .reduceSum, .reduceMax, .reduceMin, .transpose, .reshape, .slice, .concatenate, .broadcast,
                 .stopGradient, .copy, .convertElementType:
                return nil
            }
            return elementwise(kernel.count, inputs: inputs, outputs: [.strided(result)]) { _, v in [value(v)] }
        case let .reduce(r):
            let f = kernel.primitive.reductionFunction
            let code = ScalarCode()
            let step = code.binary(f, code.input(0).ref, code.input(1).ref)
            let live = code.live(from: [step])
            var counts = OperationCounts()
            for (id, node) in code.nodes.enumerated() where live[id] { counts.count(node) }
            counts = counts.times(r.groups * max(r.size - 1, 0))
            let x = operands[0]
            return KernelLoop(bodies: [code], counts: counts) { e, a in
                let (groups, base, stride, size) = (a.int(r.groups), a.int(x), a.int(r.groupStride), a.int(r.size))
                let element = "w[\(base) + g * \(stride) + i * \(a.int(r.elementStride))]", out = a.int(result)
                let inner = CExpression(vector: e.vector, name: { "u\($0)" }, input: { $0 == 0 ? "acc" : element })
                return """
                        for (long g = 0; g < \(groups); g++) {
                            \(e.type) acc = w[\(base) + g * \(stride)];
                            for (long i = 1; i < \(size); i++) {
                    \(inner.definitions(code, live: live, indent: "            "))            acc = \(inner.operand(step));
                            }
                            w[\(out) + g] = acc;
                        }

                    """
            }
        case let .dot(m, k, n, aRow, aColumn, bRow, bColumn):
            return product(MatrixProduct(m: m, k: k, n: n,
                                         a: MatrixView(offset: operands[0], rowStride: aRow, columnStride: aColumn),
                                         b: MatrixView(offset: operands[1], rowStride: bRow, columnStride: bColumn),
                                         c: MatrixView(offset: result, rowStride: n, columnStride: 1), accumulate: false))
        }
    }

    private static func partial(_ kernel: OperationKernel, _ k: Int, _ operands: [Int], result: Int, slot: Int) -> KernelLoop? {
        guard let partial = kernel.partials[k] else { return nil }
        switch partial.values {
        case .none, .constant, .gather:
            return nil
        case let .unary(first):
            guard case let .unary(f) = kernel.primitive else { return nil }
            return elementwise(first ? 1 : kernel.count, inputs: [.strided(operands[0]), .strided(result)], outputs: [.strided(slot)]) { _, v in
                [f.derivative(x: v[0], y: v[1]) ?? CodeValue(constant: 0)]
            }
        case let .elementwise(first, placement):
            guard case let .elementwise(broadcasts) = kernel.form else { return nil }
            let inputs = zip(operands, broadcasts).map { access($0, $1) } + [.strided(result)]
            let output: Access = placement.map { .mapped(slot, $0) } ?? .strided(slot)
            return elementwise(first ? 1 : kernel.count, inputs: inputs, outputs: [output]) { _, v in
                if case let .binary(f) = kernel.primitive { return [f.partial(operand: k, x: v[0], y: v[1], out: v[2])] }
                // A custom function's partial is its derivative program, inlined (v ends with the result).
                if case let .custom(f) = kernel.primitive { return [f.partial(k, Array(v.dropLast()))] }
                return [Primitive.selectPartial(operand: k, condition: v[0])]
            }
        case let .extreme(r):
            var counts = OperationCounts()
            counts.comparisons = 3 * r.groups * r.size
            counts.additions = r.groups * r.size
            counts.divisions = r.groups
            let x = operands[0]
            return KernelLoop(bodies: [], counts: counts) { e, a in
                let (groups, values, size) = (a.int(r.groups), a.int(result), a.int(r.size))
                let element = "w[\(a.int(x)) + g * \(a.int(r.groupStride)) + i * \(a.int(r.elementStride))]"
                let hit = e.comparison(.equal, element, "best"), shares = a.int(slot)
                return """
                        for (long g = 0; g < \(groups); g++) {
                            const \(e.type) best = w[\(values) + g];
                            \(e.type) ties = \(e.constant(0));
                            for (long i = 0; i < \(size); i++) ties += \(hit);
                            const \(e.type) share = \(e.constant(1)) / ties;
                            for (long i = 0; i < \(size); i++) w[\(shares) + g * \(size) + i] = \(e.selection(hit, "share", e.constant(0)));
                        }

                    """
            }
        }
    }

    private static func access(_ base: Int, _ broadcast: OperationKernel.Broadcast) -> Access {
        switch broadcast {
        case .same: return .strided(base)
        case .scalar: return .fixed(base)
        case let .mapped(map): return .mapped(base, map)
        }
    }
}
