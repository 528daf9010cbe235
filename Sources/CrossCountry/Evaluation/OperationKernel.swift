/// One primitive call compiled for evaluation on batch-innermost buffers: its primal value and the
/// structure and values of its local partials. Element e of point b of a value stored at offset o is
/// `base[(o + e)·batch + b]`. Tracing evaluates with a batch of one; plans re-run the same kernels
/// (a class, so that a plan's inner loop calls it without copying its tables).
final class OperationKernel: Sendable {
    let primitive: Primitive
    let operandShapes: [Shape]
    let shape: Shape
    let count: Int
    let form: Form
    /// Per operand position: the partial's structure and how its values are computed (nil: no
    /// derivative through that operand).
    let partials: [Partial?]
    /// Whether elementwise operands all have the result's shape (the inner loops' fast path).
    let operandsMatchResult: Bool

    /// How an operand's element is found from a result element.
    enum Broadcast: Sendable {
        case same
        case scalar
        case mapped([Int32])

        @inline(__always) func index(_ e: Int) -> Int {
            switch self {
            case .same: return e
            case .scalar: return 0
            case let .mapped(map): return Int(map[e])
            }
        }
    }

    /// Groups of a reduction: group g holds elements g·groupStride + i·elementStride, i < size.
    struct Reduction: Sendable {
        let groups: Int
        let size: Int
        let groupStride: Int
        let elementStride: Int
    }

    enum Form: Sendable {
        case unary
        case elementwise([Broadcast])
        /// Result element e copies element `sources[e]` of operand `operands?[e] ?? 0`.
        case gather(sources: [Int32], operands: [Int32]?)
        case copy
        case reduce(Reduction)
        /// A·B with A's entry (i, l) at i·aRow + l·aColumn and B's (l, j) at l·bRow + j·bColumn.
        case dot(m: Int, k: Int, n: Int, aRow: Int, aColumn: Int, bRow: Int, bColumn: Int)
    }

    struct Partial: Sendable {
        let structure: PartialStructure
        let values: Values
    }

    /// How a partial's stored values are computed.
    enum Values: Sendable {
        /// Nothing stored (identity, selection).
        case none
        /// Value e = the unary rule at element e (all of them, or only element 0 when `first`).
        case unary(first: Bool)
        /// The binary or select rule for an operand at result element e, stored at `placement[e]`
        /// (or e); `first` evaluates element 0 only (a multiple of the identity).
        case elementwise(first: Bool, placement: [Int32]?)
        /// Value j = element `map[j]` of operand `operand`.
        case gather(operand: Int, map: [Int32])
        /// Every value is this constant.
        case constant(Double)
        /// Reduction masks: 1/(number of ties) where an element equals the reduced value, 0 elsewhere.
        case extreme(Reduction)
    }

    init(_ primitive: Primitive, operandShapes: [Shape], shape: Shape) {
        self.primitive = primitive
        self.operandShapes = operandShapes
        self.shape = shape
        count = shape.count
        let n = shape.count
        var partials = [Partial?](repeating: nil, count: operandShapes.count)
        switch primitive {
        case .copy, .convertElementType, .reshape, .stopGradient:
            form = .copy
            if !primitive.isNonDifferentiable { partials[0] = Partial(structure: .identity(n), values: .none) }
        case .transpose:
            let (r, c) = (operandShapes[0].dims[0], operandShapes[0].dims[1])
            let sources = (0..<n).map { e in Int32((e % r) * c + e / r) }
            form = .gather(sources: sources, operands: nil)
            partials[0] = Partial(structure: .selection(.init(rows: n, columns: n, sources: sources, valued: false)), values: .none)
        case let .slice(start, _):
            let inDims = operandShapes[0].dims, outDims = shape.dims
            let sources = (0..<n).map { e -> Int32 in
                let index = Self.unflatten(e, outDims)
                return Int32(Self.flatten(zip(index, start).map { $0 + $1 }, inDims))
            }
            form = .gather(sources: sources, operands: nil)
            partials[0] = Partial(structure: .selection(.init(rows: n, columns: operandShapes[0].count, sources: sources, valued: false)), values: .none)
        case let .broadcast(_, dims):
            let inDims = operandShapes[0].dims, outDims = shape.dims
            let sources = (0..<n).map { e -> Int32 in
                let index = Self.unflatten(e, outDims)
                return Int32(Self.flatten(inDims.indices.map { inDims[$0] == 1 ? 0 : index[dims[$0]] }, inDims))
            }
            form = .gather(sources: sources, operands: nil)
            partials[0] = Partial(structure: .selection(.init(rows: n, columns: operandShapes[0].count, sources: sources, valued: false)), values: .none)
        case let .concatenate(axis):
            var sources = [Int32](repeating: 0, count: n), owners = [Int32](repeating: 0, count: n)
            let outDims = shape.dims
            for e in 0..<n {
                var index = Self.unflatten(e, outDims)
                var k = 0
                while index[axis] >= operandShapes[k].dims[axis] {
                    index[axis] -= operandShapes[k].dims[axis]
                    k += 1
                }
                owners[e] = Int32(k)
                sources[e] = Int32(Self.flatten(index, operandShapes[k].dims))
            }
            form = .gather(sources: sources, operands: owners)
            for k in operandShapes.indices {
                let map = (0..<n).map { owners[$0] == Int32(k) ? sources[$0] : -1 }
                partials[k] = Partial(structure: .selection(.init(rows: n, columns: operandShapes[k].count, sources: map, valued: false)), values: .none)
            }
        case let .reduceSum(axis), let .reduceMax(axis), let .reduceMin(axis):
            let input = operandShapes[0]
            let reduction: Reduction
            let structure: PartialStructure
            let shared = primitive == .reduceSum(axis: axis)
            if let axis, input.rank == 2 {
                let (r, c) = (input.dims[0], input.dims[1])
                reduction = axis == 1 ? Reduction(groups: r, size: c, groupStride: c, elementStride: 1)
                    : Reduction(groups: c, size: r, groupStride: 1, elementStride: c)
                structure = .makeBlocks(count: reduction.groups, rows: 1, columns: reduction.size, rowsInner: false,
                                        columnsInner: axis == 0, shared: shared)
            } else {
                reduction = Reduction(groups: 1, size: input.count, groupStride: 0, elementStride: 1)
                structure = .dense(rows: 1, columns: input.count)
            }
            form = .reduce(reduction)
            partials[0] = Partial(structure: structure, values: shared ? .constant(1) : .extreme(reduction))
        case let .dot(l, r):
            let a = operandShapes[0], b = operandShapes[1]
            let k = a.dims[l]
            let p = a.rank == 2 ? a.dims[1 - l] : 1, q = b.rank == 2 ? b.dims[1 - r] : 1
            // Strides of A's (free, contracted) and B's (contracted, free) entries.
            let aRow = a.rank == 2 ? (l == 1 ? a.dims[1] : 1) : 0, aColumn = a.rank == 2 && l == 0 ? a.dims[1] : 1
            let bRow = b.rank == 2 && r == 0 ? b.dims[1] : 1, bColumn = b.rank == 2 ? (r == 1 ? b.dims[1] : 1) : 0
            form = .dot(m: p, k: k, n: q, aRow: aRow, aColumn: aColumn, bRow: bRow, bColumn: bColumn)
            // ∂C/∂A: row (i, j), column (i', l) = δ(i, i')·B(l, j); stored as the q×k block Bᵀ.
            let bT = (0..<(q * k)).map { v in Int32((v % k) * bRow + (v / k) * bColumn) }
            partials[0] = Partial(
                structure: a.rank == 1 ? .dense(rows: q, columns: k)
                    : .makeBlocks(count: p, rows: q, columns: k, rowsInner: false, columnsInner: l == 0, shared: true),
                values: .gather(operand: 1, map: bT))
            // ∂C/∂B: row (i, j), column (l, j') = A(i, l)·δ(j, j'); stored as the p×k block A.
            let aBlock = (0..<(p * k)).map { v in Int32((v / k) * aRow + (v % k) * aColumn) }
            partials[1] = Partial(
                structure: b.rank == 1 ? .dense(rows: p, columns: k)
                    : .makeBlocks(count: q, rows: p, columns: k, rowsInner: true, columnsInner: r == 0, shared: true),
                values: .gather(operand: 0, map: aBlock))
        case let .unary(f):
            form = .unary
            if f != .sign {
                if n == 1 {
                    partials[0] = Partial(structure: .dense(rows: 1, columns: 1), values: .unary(first: false))
                } else if f == .neg {
                    partials[0] = Partial(structure: .scaled(n), values: .unary(first: true))
                } else {
                    partials[0] = Partial(structure: .diagonal(n), values: .unary(first: false))
                }
            }
        case .comparison:
            form = .elementwise(operandShapes.map { Self.broadcast(from: shape, to: $0) })
        case let .binary(f):
            form = .elementwise(operandShapes.map { Self.broadcast(from: shape, to: $0) })
            for k in 0..<2 {
                partials[k] = Self.elementwisePartial(f, operand: k, shape: operandShapes[k], other: operandShapes[1 - k], result: shape)
            }
        case .custom:
            form = .elementwise(operandShapes.map { Self.broadcast(from: shape, to: $0) })
            for k in operandShapes.indices {
                partials[k] = Self.elementwisePartial(nil, operand: k, shape: operandShapes[k], other: nil, result: shape)
            }
        case .select:
            form = .elementwise(operandShapes.map { Self.broadcast(from: shape, to: $0) })
            for k in 1..<3 {
                partials[k] = Self.elementwisePartial(nil, operand: k, shape: operandShapes[k], other: nil, result: shape)
            }
        }
        self.partials = partials
        operandsMatchResult = operandShapes.allSatisfy { $0 == shape }
    }

    /// The partial of a binary function (or of a select, when `f` is nil) with respect to one operand.
    private static func elementwisePartial(_ f: BinaryFunction?, operand k: Int, shape s: Shape, other: Shape?, result: Shape) -> Partial {
        let n = result.count
        if s == result {
            if n == 1 { return Partial(structure: .dense(rows: 1, columns: 1), values: .elementwise(first: false, placement: nil)) }
            switch f {
            case .add: return Partial(structure: .identity(n), values: .none)
            case .sub: return k == 0 ? Partial(structure: .identity(n), values: .none)
                : Partial(structure: .scaled(n), values: .elementwise(first: true, placement: nil))
            case .mul where other?.count == 1, .div where k == 0 && other?.count == 1:
                return Partial(structure: .scaled(n), values: .elementwise(first: true, placement: nil))
            default: return Partial(structure: .diagonal(n), values: .elementwise(first: false, placement: nil))
            }
        }
        if s.count == 1 { return Partial(structure: .dense(rows: n, columns: 1), values: .elementwise(first: false, placement: nil)) }
        // Same rank 2, some size-1 axes: a column (m,1) repeats along rows of blocks, a row (1,c) is interleaved.
        let (m, c) = (result.dims[0], result.dims[1])
        if s.dims[1] == 1 {
            return Partial(structure: .makeBlocks(count: m, rows: c, columns: 1, rowsInner: false, columnsInner: false, shared: false),
                           values: .elementwise(first: false, placement: nil))
        }
        let placement = (0..<n).map { e in Int32((e % c) * m + e / c) }
        return Partial(structure: .makeBlocks(count: c, rows: m, columns: 1, rowsInner: true, columnsInner: false, shared: false),
                       values: .elementwise(first: false, placement: placement))
    }

    private static func broadcast(from result: Shape, to operand: Shape) -> Broadcast {
        if operand == result { return .same }
        if operand.count == 1 { return .scalar }
        let outDims = result.dims, inDims = operand.dims
        return .mapped((0..<result.count).map { e in
            let index = unflatten(e, outDims)
            return Int32(flatten(inDims.indices.map { inDims[$0] == 1 ? 0 : index[$0] }, inDims))
        })
    }

    static func unflatten(_ e: Int, _ dims: [Int]) -> [Int] {
        var rest = e
        var index = [Int](repeating: 0, count: dims.count)
        for axis in dims.indices.reversed() {
            index[axis] = rest % dims[axis]
            rest /= dims[axis]
        }
        return index
    }

    static func flatten(_ index: [Int], _ dims: [Int]) -> Int {
        zip(index, dims).reduce(0) { $0 * $1.1 + $1.0 }
    }

    // MARK: Primal

    /// Computes the result at `result` from the operands at the offsets `operands[0..<operandCount]`.
    func evaluate(_ base: UnsafeMutablePointer<Double>, operands: UnsafePointer<Int>, result: Int, batch: Int) {
        let out = base + result * batch
        let p = primitive
        switch form {
        case .copy:
            out.update(from: base + operands[0] * batch, count: count * batch)
        case .unary:
            guard case let .unary(f) = p else { return }
            let x = base + operands[0] * batch, n = count * batch
            withConstantFunction(f) { f in for j in 0..<n { out[j] = f.value(x[j]) } }
        case let .elementwise(broadcasts):
            if case let .custom(f) = p {
                evaluateCustom(f, output: nil, broadcasts, base, operands: operands, into: out, placement: nil, count: count, batch: batch)
                return
            }
            if case let .comparison(c) = p {
                let x = base + operands[0] * batch, y = base + operands[1] * batch
                for e in 0..<count {
                    let ix = broadcasts[0].index(e) * batch, iy = broadcasts[1].index(e) * batch
                    for s in 0..<batch { out[e * batch + s] = c.holds(x[ix + s], y[iy + s]) ? 1 : 0 }
                }
                return
            }
            guard case let .binary(f) = p else {
                let c = base + operands[0] * batch, a = base + operands[1] * batch, b = base + operands[2] * batch
                for e in 0..<count {
                    let ic = broadcasts[0].index(e) * batch, ia = broadcasts[1].index(e) * batch, ib = broadcasts[2].index(e) * batch
                    for s in 0..<batch { out[e * batch + s] = c[ic + s] != 0 ? a[ia + s] : b[ib + s] }
                }
                return
            }
            let x = base + operands[0] * batch, y = base + operands[1] * batch, count = self.count
            if operandsMatchResult {
                let n = count * batch
                withConstantFunction(f) { f in for j in 0..<n { out[j] = f.value(x[j], y[j]) } }
                return
            }
            withConstantFunction(f) { f in
                for e in 0..<count {
                    let ix = broadcasts[0].index(e) * batch, iy = broadcasts[1].index(e) * batch
                    for s in 0..<batch { out[e * batch + s] = f.value(x[ix + s], y[iy + s]) }
                }
            }
        case let .gather(sources, owners):
            for e in 0..<count {
                let operand = owners.map { Int($0[e]) } ?? 0
                (out + e * batch).update(from: base + (operands[operand] + Int(sources[e])) * batch, count: batch)
            }
        case let .reduce(r):
            let x = base + operands[0] * batch
            for g in 0..<r.groups {
                let acc = out + g * batch
                acc.update(from: x + g * r.groupStride * batch, count: batch)
                for i in 1..<r.size {
                    let v = x + (g * r.groupStride + i * r.elementStride) * batch
                    switch p {
                    case .reduceSum: for s in 0..<batch { acc[s] += v[s] }
                    case .reduceMax: for s in 0..<batch where !(acc[s] >= v[s]) && !acc[s].isNaN { acc[s] = v[s] }
                    default: for s in 0..<batch where !(acc[s] <= v[s]) && !acc[s].isNaN { acc[s] = v[s] }
                    }
                }
            }
        case let .dot(m, k, n, aRow, aColumn, bRow, bColumn):
            MatrixProduct(m: m, k: k, n: n,
                          a: MatrixView(offset: operands[0], rowStride: aRow, columnStride: aColumn),
                          b: MatrixView(offset: operands[1], rowStride: bRow, columnStride: bColumn),
                          c: MatrixView(offset: result, rowStride: n, columnStride: 1), accumulate: false)
                .run(base, batch: batch)
        }
    }

    // MARK: Partials

    /// Writes the values of the partial with respect to operand `k` at `slot`.
    func writePartial(_ k: Int, _ base: UnsafeMutablePointer<Double>, operands: UnsafePointer<Int>, result: Int, slot: Int, batch: Int) {
        guard let partial = partials[k] else { return }
        let out = base + slot * batch
        let p = primitive
        switch partial.values {
        case .none: return
        case let .constant(value):
            out.update(repeating: value, count: partial.structure.valueCount * batch)
        case let .unary(first):
            guard case let .unary(f) = p else { return }
            let x = base + operands[0] * batch, y = base + result * batch, n = (first ? 1 : count) * batch
            withConstantFunction(f) { f in for j in 0..<n { out[j] = f.derivative(x: x[j], y: y[j]) ?? 0 } }
        case let .elementwise(first, placement):
            guard case let .elementwise(broadcasts) = form else { return }
            let n = first ? 1 : count
            if case let .custom(f) = p {
                evaluateCustom(f, output: k, broadcasts, base, operands: operands, into: out, placement: placement, count: n, batch: batch)
                return
            }
            guard case let .binary(f) = p else {
                let c = base + operands[0] * batch
                for e in 0..<n {
                    let ic = broadcasts[0].index(e) * batch, io = (placement.map { Int($0[e]) } ?? e) * batch
                    for s in 0..<batch { out[io + s] = Primitive.selectPartial(operand: k, condition: c[ic + s]) }
                }
                return
            }
            let x = base + operands[0] * batch, y = base + operands[1] * batch, z = base + result * batch
            if placement == nil, operandsMatchResult {
                let m = n * batch
                withConstantFunction(f) { f in
                    if k == 0 {
                        for j in 0..<m { out[j] = f.partial(operand: 0, x: x[j], y: y[j], out: z[j]) }
                    } else {
                        for j in 0..<m { out[j] = f.partial(operand: 1, x: x[j], y: y[j], out: z[j]) }
                    }
                }
                return
            }
            withConstantFunction(f) { f in
                for e in 0..<n {
                    let ix = broadcasts[0].index(e) * batch, iy = broadcasts[1].index(e) * batch
                    let io = (placement.map { Int($0[e]) } ?? e) * batch, iz = e * batch
                    for s in 0..<batch {
                        out[io + s] = f.partial(operand: k, x: x[ix + s], y: y[iy + s], out: z[iz + s])
                    }
                }
            }
        case let .gather(operand, map):
            let x = base + operands[operand] * batch
            for j in map.indices { (out + j * batch).update(from: x + Int(map[j]) * batch, count: batch) }
        case let .extreme(r):
            let x = base + operands[0] * batch, y = base + result * batch
            for g in 0..<r.groups {
                let best = y + g * batch
                for s in 0..<batch {
                    var ties = 0.0
                    for i in 0..<r.size where x[(g * r.groupStride + i * r.elementStride) * batch + s] == best[s] { ties += 1 }
                    for i in 0..<r.size {
                        let hit = x[(g * r.groupStride + i * r.elementStride) * batch + s] == best[s]
                        out[(g * r.size + i) * batch + s] = hit ? 1 / ties : 0
                    }
                }
            }
        }
    }

    // MARK: One point

    /// The result on concrete operands (a batch of one).
    func evaluate(_ operands: [Tensor]) -> Tensor {
        var buffer = operands.flatMap(\.scalars) + [Double](repeating: 0, count: count)
        let offsets = Self.offsets(operands)
        buffer.withUnsafeMutableBufferPointer { b in
            offsets.withUnsafeBufferPointer { o in evaluate(b.baseAddress!, operands: o.baseAddress!, result: o.last!, batch: 1) }
        }
        return Tensor(uncheckedShape: shape, scalars: Array(buffer[offsets.last!...]))
    }

    /// The partial with respect to operand `k` on concrete operands whose result is `result`.
    func partial(_ k: Int, _ operands: [Tensor], result: Tensor) -> LocalPartial? {
        guard let partial = partials[k] else { return nil }
        let valueCount = partial.structure.valueCount
        var buffer = operands.flatMap(\.scalars) + result.scalars + [Double](repeating: 0, count: valueCount)
        let offsets = Self.offsets(operands)
        let slot = offsets.last! + count
        buffer.withUnsafeMutableBufferPointer { b in
            offsets.withUnsafeBufferPointer { o in
                writePartial(k, b.baseAddress!, operands: o.baseAddress!, result: o.last!, slot: slot, batch: 1)
            }
        }
        return LocalPartial(structure: partial.structure, values: Array(buffer[slot...]))
    }

    /// Offsets of consecutive operands, followed by the offset just past them.
    private static func offsets(_ operands: [Tensor]) -> [Int] {
        var offsets = [0]
        for t in operands { offsets.append(offsets.last! + t.scalars.count) }
        return offsets
    }
}
