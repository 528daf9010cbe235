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
    /// The C text on doubles or on vectors; `table` names a static index table holding the values.
    let render: (_ e: CExpression, _ table: ([Int32]) -> String) -> String

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
        return KernelLoop(bodies: [], counts: counts) { e, table in
            let t = table(list)
            return "    for (long t = 0; t < \(count); t++) w[\(to) + \(t)[3 * t]] += w[\(q) + \(t)[3 * t + 1]] * w[\(p) + \(t)[3 * t + 2]];\n"
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
        return KernelLoop(bodies: [], counts: counts) { e, table in
            var text = ""
            if !copies.isEmpty {
                let t = table(copies)
                text += "    for (long t = 0; t < \(copies.count / 2); t++) w[\(to) + \(t)[2 * t]] += w[\(from) + \(t)[2 * t + 1]];\n"
            }
            if !ones.isEmpty {
                let t = table(ones)
                text += "    for (long t = 0; t < \(ones.count); t++) w[\(to) + \(t)[t]] += \(e.constant(1));\n"
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

        func c(_ table: ([Int32]) -> String) -> String {
            switch self {
            case let .strided(base): return "w[\(base) + e]"
            case let .fixed(entry): return "w[\(entry)]"
            case let .mapped(base, map): return "w[\(base) + \(table(map))[e]]"
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
        return KernelLoop(bodies: [code], counts: counts) { e, table in
            let reads = inputs.map { $0.c(table) }
            let inner = CExpression(vector: e.vector, name: { "u\($0)" }, input: { reads[$0] })
            var text = "    for (long e = 0; e < \(count); e++) {\n" + inner.definitions(code, live: live, indent: "        ")
            for (access, ref) in zip(outputs, results) { text += "        \(access.c(table)) = \(inner.operand(ref));\n" }
            return text + "    }\n"
        }
    }

    /// C (+)= A·B entry by entry, each sum starting from C's entry (or 0) and adding the terms in
    /// order, as the interpreter does.
    static func product(_ p: MatrixProduct) -> KernelLoop {
        var counts = OperationCounts()
        counts.multiplications = p.repeats * p.m * p.n * p.k
        counts.additions = counts.multiplications
        return KernelLoop(bodies: [], counts: counts) { e, _ in
            let a = "w[\(p.a.offset) + t * \(p.steps.a) + i * \(p.a.rowStride) + l * \(p.a.columnStride)]"
            let b = "w[\(p.b.offset) + t * \(p.steps.b) + l * \(p.b.rowStride) + j * \(p.b.columnStride)]"
            let c = "w[\(p.c.offset) + t * \(p.steps.c) + i * \(p.c.rowStride) + j * \(p.c.columnStride)]"
            return """
                    for (long t = 0; t < \(p.repeats); t++)
                        for (long i = 0; i < \(p.m); i++)
                            for (long j = 0; j < \(p.n); j++) {
                                \(e.type) s = \(p.accumulate ? c : e.constant(0));
                                for (long l = 0; l < \(p.k); l++) s += \(a) * \(b);
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
            return KernelLoop(bodies: [code], counts: counts) { e, _ in
                let inner = CExpression(vector: e.vector, name: { "u\($0)" }, input: { $0 == 0 ? "acc" : "w[\(x) + g * \(r.groupStride) + i * \(r.elementStride)]" })
                return """
                        for (long g = 0; g < \(r.groups); g++) {
                            \(e.type) acc = w[\(x) + g * \(r.groupStride)];
                            for (long i = 1; i < \(r.size); i++) {
                    \(inner.definitions(code, live: live, indent: "            "))            acc = \(inner.operand(step));
                            }
                            w[\(result) + g] = acc;
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
            return KernelLoop(bodies: [], counts: counts) { e, _ in
                let element = "w[\(x) + g * \(r.groupStride) + i * \(r.elementStride)]"
                let hit = e.comparison(.equal, element, "best")
                return """
                        for (long g = 0; g < \(r.groups); g++) {
                            const \(e.type) best = w[\(result) + g];
                            \(e.type) ties = \(e.constant(0));
                            for (long i = 0; i < \(r.size); i++) ties += \(hit);
                            const \(e.type) share = \(e.constant(1)) / ties;
                            for (long i = 0; i < \(r.size); i++) w[\(slot) + g * \(r.size) + i] = \(e.selection(hit, "share", e.constant(0)));
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
