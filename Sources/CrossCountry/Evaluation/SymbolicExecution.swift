/// A compiled plan (`PlanProgram`) run once, at one point, over any `ScalarAlgebra`: every arena
/// entry holds a T, or nil where nothing but a structural zero was ever written. With traced scalars
/// it records the Jacobian's computation in a graph (nested differentiation); with generated-code
/// values it becomes the straight-line C of the native backend. Both therefore perform exactly the
/// sweep the interpreter runs — the elimination is written once, in `PlanCompiler`.
///
/// Sums skip structural zeros (nothing is ever added to a zero) and the algebra decides what else
/// folds: constants fold everywhere; generated code also drops products with ±1 and 0.
struct SymbolicExecution<T: ScalarAlgebra> {
    let compiler: PlanCompiler
    var arena: [T?]

    /// The arena with the inputs (one T per entry of each input) and the literal constants written.
    init(_ compiler: PlanCompiler, inputs: [[T]]) {
        self.compiler = compiler
        arena = [T?](repeating: nil, count: compiler.size)
        for (slot, values) in zip(compiler.inputSlots, inputs) {
            for (j, value) in values.enumerated() { arena[slot + j] = value }
        }
        for (offset, values) in compiler.constants {
            for (j, value) in values.enumerated() { arena[offset + j] = T(constant: value) }
        }
    }

    /// Runs the whole program. `primal`, when given, computes a vertex's value from its operands'
    /// entries instead of the kernel's elementwise rules (nested tracing records each primitive
    /// call as one vertex, a copy included).
    mutating func run(primal: ((_ kernel: Int, _ operands: [[T?]]) -> [T?])? = nil) {
        for instruction in compiler.program.instructions { execute(instruction, primal: primal) }
    }

    /// The entries of a value stored at `slot`.
    func entries(_ slot: Int, count: Int) -> [T?] { Array(arena[slot..<(slot + count)]) }

    // MARK: Instructions

    mutating func execute(_ instruction: PlanProgram.Instruction,
                          primal: ((_ kernel: Int, _ operands: [[T?]]) -> [T?])? = nil) {
        let program = compiler.program
        switch instruction {
        case let .primal(k, operands, result):
            let kernel = compiler.graph.kernels[k]
            let offsets = (0..<kernel.operandShapes.count).map { program.offsets[operands + $0] }
            if let primal {
                let values = primal(k, zip(offsets, kernel.operandShapes).map { entries($0, count: $1.count) })
                for (j, value) in values.enumerated() { arena[result + j] = value }
            } else {
                evaluate(kernel, offsets, result: result)
            }
        case let .partial(k, position, operands, result, slot):
            let kernel = compiler.graph.kernels[k]
            let offsets = (0..<kernel.operandShapes.count).map { program.offsets[operands + $0] }
            writePartial(kernel, position, offsets, result: result, slot: slot)
        case let .zero(to, count):
            for j in 0..<count { arena[to + j] = nil }
        case let .copy(to, from, count):
            for j in 0..<count { arena[to + j] = arena[from + j] }
        case let .add(to, from, count):
            for j in 0..<count { accumulate(to + j, arena[from + j]) }
        case let .fill(to, scalar, count):
            for j in 0..<count { arena[to + j] = arena[scalar] }
        case let .scale(to, scalar, from, count, accumulate):
            for j in 0..<count { store(to + j, product(arena[scalar], arena[from + j]), accumulate: accumulate) }
        case let .multiply(to, q, p, count, accumulate):
            for j in 0..<count { store(to + j, product(arena[q + j], arena[p + j]), accumulate: accumulate) }
        case let .triples(start, count, to, q, p):
            for t in 0..<count {
                let i = start + 3 * t
                let d = Int(program.indices[i]), a = Int(program.indices[i + 1]), b = Int(program.indices[i + 2])
                accumulate(to + d, product(arena[q + a], arena[p + b]))
            }
        case let .pairs(start, count, to, from):
            for t in 0..<count {
                let d = Int(program.indices[start + 2 * t]), s = Int(program.indices[start + 2 * t + 1])
                accumulate(to + d, s < 0 ? T(constant: 1) : arena[from + s])
            }
        case let .matrix(i):
            multiply(program.products[i])
        }
    }

    // MARK: Arithmetic on entries that may be structural zeros

    private func product(_ a: T?, _ b: T?) -> T? {
        guard let a, let b else { return nil }
        return a * b
    }

    private mutating func accumulate(_ index: Int, _ value: T?) {
        guard let value else { return }
        arena[index] = arena[index].map { $0 + value } ?? value
    }

    private mutating func store(_ index: Int, _ value: T?, accumulate add: Bool) {
        if add { accumulate(index, value) } else { arena[index] = value }
    }

    /// C (+)= A·B, each entry's terms added one by one onto C's entry (or onto nothing), as the
    /// interpreter does.
    private mutating func multiply(_ product: MatrixProduct) {
        var (a, b, c) = (product.a, product.b, product.c)
        for _ in 0..<product.repeats {
            for i in 0..<product.m {
                for j in 0..<product.n {
                    let out = c.offset + i * c.rowStride + j * c.columnStride
                    if !product.accumulate { arena[out] = nil }
                    for l in 0..<product.k {
                        accumulate(out, self.product(arena[a.offset + i * a.rowStride + l * a.columnStride],
                                                     arena[b.offset + l * b.rowStride + j * b.columnStride]))
                    }
                }
            }
            a.offset += product.steps.a
            b.offset += product.steps.b
            c.offset += product.steps.c
        }
    }

    // MARK: Kernels

    /// A primitive's value, element by element, with the kernel's own forms.
    private mutating func evaluate(_ kernel: OperationKernel, _ operands: [Int], result: Int) {
        switch kernel.form {
        case .copy:
            for j in 0..<kernel.count { arena[result + j] = arena[operands[0] + j] }
        case .unary:
            guard case let .unary(f) = kernel.primitive else { return }
            for j in 0..<kernel.count { arena[result + j] = T.unary(f, value(operands[0] + j)) }
        case let .elementwise(broadcasts):
            for e in 0..<kernel.count {
                func v(_ k: Int) -> T { value(operands[k] + broadcasts[k].index(e)) }
                switch kernel.primitive {
                case let .binary(f): arena[result + e] = T.binary(f, v(0), v(1))
                case let .comparison(c): arena[result + e] = T.compare(c, v(0), v(1))
                case let .custom(f): arena[result + e] = T.custom(f, kernel.operandShapes.indices.map(v))
                default: arena[result + e] = T.select(v(0), v(1), v(2))
                }
            }
        case let .gather(sources, owners):
            for e in 0..<kernel.count {
                arena[result + e] = arena[operands[owners.map { Int($0[e]) } ?? 0] + Int(sources[e])]
            }
        case let .reduce(r):
            let f = kernel.primitive.reductionFunction
            for g in 0..<r.groups {
                var acc = value(operands[0] + g * r.groupStride)
                for i in 1..<max(r.size, 1) { acc = T.binary(f, acc, value(operands[0] + g * r.groupStride + i * r.elementStride)) }
                arena[result + g] = acc
            }
        case let .dot(m, k, n, aRow, aColumn, bRow, bColumn):
            multiply(MatrixProduct(m: m, k: k, n: n,
                                   a: MatrixView(offset: operands[0], rowStride: aRow, columnStride: aColumn),
                                   b: MatrixView(offset: operands[1], rowStride: bRow, columnStride: bColumn),
                                   c: MatrixView(offset: result, rowStride: n, columnStride: 1), accumulate: false))
        }
    }

    /// The stored values of a local partial, as `OperationKernel.writePartial` computes them.
    private mutating func writePartial(_ kernel: OperationKernel, _ k: Int, _ operands: [Int], result: Int, slot: Int) {
        guard let partial = kernel.partials[k] else { return }
        switch partial.values {
        case .none:
            return
        case let .constant(c):
            for j in 0..<partial.structure.valueCount { arena[slot + j] = T(constant: c) }
        case let .unary(first):
            guard case let .unary(f) = kernel.primitive else { return }
            for j in 0..<(first ? 1 : kernel.count) {
                arena[slot + j] = f.derivative(x: value(operands[0] + j), y: value(result + j))
            }
        case let .elementwise(first, placement):
            guard case let .elementwise(broadcasts) = kernel.form else { return }
            for e in 0..<(first ? 1 : kernel.count) {
                func v(_ k: Int) -> T { value(operands[k] + broadcasts[k].index(e)) }
                let out = slot + (placement.map { Int($0[e]) } ?? e)
                if case let .custom(f) = kernel.primitive {
                    arena[out] = f.partial(k, kernel.operandShapes.indices.map(v))
                } else if case let .binary(f) = kernel.primitive {
                    arena[out] = f.partial(operand: k, x: v(0), y: v(1), out: value(result + e))
                } else {
                    arena[out] = Primitive.selectPartial(operand: k, condition: v(0))
                }
            }
        case let .gather(operand, map):
            for (j, source) in map.enumerated() { arena[slot + j] = arena[operands[operand] + Int(source)] }
        case let .extreme(r):
            for g in 0..<r.groups {
                let best = value(result + g)
                let hits = (0..<r.size).map { T.compare(.equal, value(operands[0] + g * r.groupStride + $0 * r.elementStride), best) }
                let share = T(constant: 1) / hits.dropFirst().reduce(hits[0], +)
                for (i, hit) in hits.enumerated() { arena[slot + g * r.size + i] = T.select(hit, share, T(constant: 0)) }
            }
        }
    }

    /// An entry as an operand: a structural zero is the constant 0.
    private func value(_ index: Int) -> T { arena[index] ?? T(constant: 0) }
}
