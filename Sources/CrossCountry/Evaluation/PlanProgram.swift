/// A compiled Jacobian computation: a flat list of kernel calls over one arena of batch-innermost
/// values (entry j of the value stored at offset o, point b: `arena[(o + j)·batch + b]`), with the
/// index lists and matrix products the calls refer to.
struct PlanProgram: Sendable {
    enum Instruction: Sendable {
        /// A vertex's primal value; `operands` starts its operand offsets in `offsets`.
        case primal(kernel: Int, operands: Int, result: Int)
        /// The values of a local partial.
        case partial(kernel: Int, position: Int, operands: Int, result: Int, slot: Int)
        case zero(Int, count: Int)
        case copy(to: Int, from: Int, count: Int)
        /// to[j] += from[j].
        case add(to: Int, from: Int, count: Int)
        /// to[j] = scalar.
        case fill(to: Int, scalar: Int, count: Int)
        /// to[j] (+)= scalar · from[j].
        case scale(to: Int, scalar: Int, from: Int, count: Int, accumulate: Bool)
        /// to[j] (+)= q[j] · p[j].
        case multiply(to: Int, q: Int, p: Int, count: Int, accumulate: Bool)
        /// For each index triple (d, i, k) from `start`: to[d] += q[i] · p[k].
        case triples(start: Int, count: Int, to: Int, q: Int, p: Int)
        /// For each index pair (d, s) from `start`: to[d] += from[s], or += 1 when s is −1.
        case pairs(start: Int, count: Int, to: Int, from: Int)
        /// `products[i]`.
        case matrix(Int)
    }

    var instructions: [Instruction] = []
    var offsets: [Int] = []
    var indices: [Int32] = []
    var products: [MatrixProduct] = []

    /// Runs every instruction for a batch of points. (Buffers are walked through pointers: iterating
    /// the arrays themselves allocates in unoptimized builds.)
    func run(kernels: [Unmanaged<OperationKernel>], base: UnsafeMutablePointer<Double>, batch: Int) {
        instructions.withUnsafeBufferPointer { program in
            indices.withUnsafeBufferPointer { indexPool in
                offsets.withUnsafeBufferPointer { offsetPool in
                    kernels.withUnsafeBufferPointer { kernels in
                        products.withUnsafeBufferPointer { products in
                            Self.run(program, kernels, products, indexPool.baseAddress!, offsetPool.baseAddress!, base, batch)
                        }
                    }
                }
            }
        }
    }

    /// `kernels` are unretained: the caller keeps them alive, and the loop calls them without
    /// reference counting.
    private static func run(_ program: UnsafeBufferPointer<Instruction>, _ kernels: UnsafeBufferPointer<Unmanaged<OperationKernel>>,
                            _ products: UnsafeBufferPointer<MatrixProduct>, _ index: UnsafePointer<Int32>,
                            _ operandOffsets: UnsafePointer<Int>, _ base: UnsafeMutablePointer<Double>, _ batch: Int) {
        for position in 0..<program.count {
            let instruction = program[position]
            switch instruction {
            case let .primal(kernel, operands, result):
                kernels[kernel]._withUnsafeGuaranteedRef {
                    $0.evaluate(base, operands: operandOffsets + operands, result: result, batch: batch)
                }
            case let .partial(kernel, position, operands, result, slot):
                kernels[kernel]._withUnsafeGuaranteedRef {
                    $0.writePartial(position, base, operands: operandOffsets + operands, result: result, slot: slot, batch: batch)
                }
            case let .zero(to, count):
                (base + to * batch).update(repeating: 0, count: count * batch)
            case let .copy(to, from, count):
                (base + to * batch).update(from: base + from * batch, count: count * batch)
            case let .add(to, from, count):
                let d = base + to * batch, s = base + from * batch
                for j in 0..<(count * batch) { d[j] += s[j] }
            case let .fill(to, scalar, count):
                let d = base + to * batch, s = base + scalar * batch
                for j in 0..<count { (d + j * batch).update(from: s, count: batch) }
            case let .scale(to, scalar, from, count, accumulate):
                let d = base + to * batch, c = base + scalar * batch, s = base + from * batch
                if batch == 1 {
                    let factor = c[0]
                    if accumulate { for j in 0..<count { d[j] += factor * s[j] } } else { for j in 0..<count { d[j] = factor * s[j] } }
                } else {
                    for j in 0..<count {
                        let dj = d + j * batch, sj = s + j * batch
                        if accumulate { for b in 0..<batch { dj[b] += c[b] * sj[b] } } else { for b in 0..<batch { dj[b] = c[b] * sj[b] } }
                    }
                }
            case let .multiply(to, q, p, count, accumulate):
                let d = base + to * batch, x = base + q * batch, y = base + p * batch
                if accumulate { for j in 0..<(count * batch) { d[j] += x[j] * y[j] } } else { for j in 0..<(count * batch) { d[j] = x[j] * y[j] } }
            case let .triples(start, count, to, q, p):
                let d = base + to * batch, x = base + q * batch, y = base + p * batch
                var t = index + start
                if batch == 1 {
                    for _ in 0..<count {
                        d[Int(t[0])] += x[Int(t[1])] * y[Int(t[2])]
                        t += 3
                    }
                } else {
                    for _ in 0..<count {
                        let dj = d + Int(t[0]) * batch, xj = x + Int(t[1]) * batch, yj = y + Int(t[2]) * batch
                        for b in 0..<batch { dj[b] += xj[b] * yj[b] }
                        t += 3
                    }
                }
            case let .pairs(start, count, to, from):
                let d = base + to * batch, s = base + from * batch
                var t = index + start
                for _ in 0..<count {
                    let dj = d + Int(t[0]) * batch
                    if t[1] < 0 {
                        for b in 0..<batch { dj[b] += 1 }
                    } else {
                        let sj = s + Int(t[1]) * batch
                        for b in 0..<batch { dj[b] += sj[b] }
                    }
                    t += 2
                }
            case let .matrix(i):
                products[i].run(base, batch: batch)
            }
        }
    }
}
