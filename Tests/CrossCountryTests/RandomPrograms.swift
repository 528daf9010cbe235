@testable import CrossCountry
import Foundation

/// Seeded random traced programs covering every primitive and shape combination (scalars, vectors,
/// matrices, size-1 axes, broadcasting, constants, repeated operands, outputs that are inputs or are
/// used inside): the property tests' workload. Values stay in each function's domain; a program is
/// `smooth` when no kink (abs at 0, max/min or comparison ties, reduction ties) is near its point.
struct RandomPrograms {
    struct Program {
        let graph: NumericGraph
        let smooth: Bool
    }

    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    mutating func shape() -> Shape {
        switch int(0...5) {
        case 0, 1: return .scalar
        case 2: return .vector(int(1...4))
        case 3: return .vector(int(2...3))
        default: return .matrix(int(1...3), int(1...3))
        }
    }

    mutating func tensor(_ shape: Shape, _ range: ClosedRange<Double> = -1.5...1.5) -> Tensor {
        try! Tensor(shape: shape, scalars: (0..<shape.count).map { _ in Double.random(in: range, using: &rng) })
    }

    static let unary: [Primitive] = Primitive.unaryElementwise.filter { $0 != .sign }
        + [.integerPow(2), .integerPow(3), .integerPow(-1), .sign]

    /// A program; `scalarOnly` keeps every value a scalar and every primitive elementwise.
    mutating func make(scalarOnly: Bool = false) -> Program {
        let b = GraphBuilder(name: "random")
        var pool: [Operand] = []
        var margin = Double.infinity
        for i in 0..<int(1...3) { pool.append(try! b.input("x\(i)", tensor(scalarOnly ? .scalar : shape()))) }
        let steps = int(3...12)
        var attempts = 0
        while b.vertexCount < steps && attempts < 200 {
            attempts += 1
            guard let (p, operands) = call(pool, scalarOnly: scalarOnly) else { continue }
            let values = operands.map { try! b.value(of: $0) }
            guard inDomain(p, values), let result = try? p.evaluate(values),
                  result.scalars.allSatisfy({ $0.isFinite && abs($0) < 30 }) else { continue }
            guard let traced = try? b.apply(p, operands), case .traced = traced else { continue }
            margin = min(margin, kinkMargin(p, values, result))
            pool.append(traced)
        }
        if b.vertexCount == 0 { pool.append(try! b.apply(.sin, [pool[0]])) }
        try! b.markOutput(pool.last!)
        for _ in 0..<int(0...2) { try! b.markOutput(pick(pool)) }
        return Program(graph: try! b.build(), smooth: margin > 1e-3)
    }

    private func broadcasts(_ shapes: [Shape]) -> Bool { (try? Primitive.broadcastShape(shapes, primitive: "")) != nil }

    /// A random primitive call on operands from the pool (or constants), shapes permitting.
    private mutating func call(_ pool: [Operand], scalarOnly: Bool) -> (Primitive, [Operand])? {
        let x = pick(pool)
        let s = x.shape
        let kind = scalarOnly ? pick([0, 0, 1, 1, 1, 2, 9, 10]) : int(0...11)
        switch kind {
        case 0:
            return (pick(Self.unary), [x])
        case 1:
            let p = pick(Primitive.binaryElementwise)
            let y: Operand
            switch int(0...4) {
            case 0: y = .constant(tensor(chance(0.5) ? .scalar : s, 0.5...1.5))
            case 1 where p != .max && p != .min: y = x
            default: y = pick(pool.filter { broadcasts([s, $0.shape]) && $0 != x } + [.constant(tensor(s))])
            }
            return chance(0.5) ? (p, [x, y]) : (p, [y, x])
        case 2:
            let y = pick(pool.filter { broadcasts([s, $0.shape]) })
            let conditions = pool.filter { broadcasts([s, y.shape, $0.shape]) }
            return (.select, [chance(0.3) ? .constant(Tensor(Double(int(0...1)))) : pick(conditions), x, y])
        case 3:
            guard s.rank >= 1 else { return nil }
            let l = int(0...(s.rank - 1))
            let k = s.dims[l]
            let partners = pool.filter { $0.shape.dims.contains(k) }
            let y: Operand = chance(0.2) ? .constant(tensor(chance(0.5) ? .vector(k) : .matrix(k, int(1...3)))) : pick(partners)
            guard let r = y.shape.dims.firstIndex(of: k) else { return nil }
            return chance(0.5) ? (.dot(lhs: l, rhs: r), [x, y]) : (.dot(lhs: r, rhs: l), [y, x])
        case 4:
            guard s.rank >= 1 else { return nil }
            let axis: Int? = chance(0.3) ? nil : int(0...(s.rank - 1))
            return (pick([.reduceSum(axis: axis), .reduceMax(axis: axis), .reduceMin(axis: axis), .reduceSum(axis: axis)]), [x])
        case 5:
            return (.transpose, [x])
        case 6:
            let count = s.count
            let options: [Shape] = [.vector(count)] + (1...count).filter { count % $0 == 0 }.map { .matrix($0, count / $0) }
            return (.reshape(pick(options)), [x])
        case 7:
            guard s.rank >= 1 else { return nil }
            let start = s.dims.map { int(0...($0 - 1)) }
            let limit = zip(start, s.dims).map { int(($0 + 1)...$1) }
            return (.slice(start: start, limit: limit), [x])
        case 8:
            guard s.rank >= 1 else { return nil }
            let axis = int(0...(s.rank - 1))
            let partners = pool.filter { o in
                o.shape.rank == s.rank && (0..<s.rank).allSatisfy { $0 == axis || o.shape.dims[$0] == s.dims[$0] }
            }
            var operands = [x]
            for _ in 0..<int(1...2) { operands.append(chance(0.2) ? .constant(tensor(s)) : pick(partners)) }
            return (.concatenate(axis: axis), operands)
        case 9:
            return (pick([.copy, .stopGradient, .convertElementType]), [x])
        case 10:
            return (pick(Primitive.comparisons), [x, pick(pool.filter { broadcasts([s, $0.shape]) && $0 != x } + [.constant(tensor(s))])])
        default:
            switch s.rank {
            case 0: return (.broadcast(pick([.vector(int(2...3)), .matrix(int(1...3), int(2...3))]), dims: []), [x])
            case 1:
                let n = s.dims[0], other = int(1...3)
                return chance(0.5) ? (.broadcast(.matrix(other, n), dims: [1]), [x]) : (.broadcast(.matrix(n, other), dims: [0]), [x])
            default:
                let dims = s.dims.map { $0 == 1 ? int(1...3) : $0 }
                return (.broadcast(.matrix(dims[0], dims[1]), dims: [0, 1]), [x])
            }
        }
    }

    private func inDomain(_ p: Primitive, _ values: [Tensor]) -> Bool {
        let x = values[0].scalars
        let gap = 0.05
        switch p {
        case .log, .sqrt: return x.allSatisfy { $0 > gap }
        case .log1p: return x.allSatisfy { $0 > -1 + gap }
        case .acosh: return x.allSatisfy { $0 > 1 + gap }
        case .asin, .acos, .atanh: return x.allSatisfy { abs($0) < 1 - gap }
        case let .unary(.integerPow(n)) where n < 0: return x.allSatisfy { abs($0) > 0.2 }
        case .tan: return x.allSatisfy { abs($0) < 1.4 }
        case .div: return values[1].scalars.allSatisfy { abs($0) > 0.2 }
        case .pow: return x.allSatisfy { $0 > 0.2 }
        case .atan2: return Self.pairs(values[0], values[1]).allSatisfy { abs($0) + abs($1) > 0.2 }
        default: return true
        }
    }

    /// How far the point is from a kink of this call (∞ when the call is smooth everywhere).
    private func kinkMargin(_ p: Primitive, _ values: [Tensor], _ result: Tensor) -> Double {
        switch p {
        case .abs, .sign: return values[0].scalars.map(abs).min() ?? .infinity
        // Finite differences see through stop_gradient; its Jacobian is zero by definition.
        case .stopGradient: return 0
        case .max, .min, .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual:
            return Self.pairs(values[0], values[1]).map { abs($0 - $1) }.min() ?? .infinity
        case .reduceMax, .reduceMin:
            // Two elements close to an extreme: a tie that a perturbation can break.
            let x = values[0].scalars
            return result.scalars.contains { r in x.filter { abs($0 - r) < 1e-3 }.count > 1 } ? 0 : .infinity
        case .select:
            // A traced condition near 0 could flip; exact 0/1 come from comparisons, judged there.
            return values[0].scalars.filter { $0 != 0 && $0 != 1 }.map(abs).min() ?? .infinity
        case .atan2:
            return Self.pairs(values[0], values[1]).map { abs($0) + abs($1) }.min() ?? .infinity
        default: return .infinity
        }
    }

    /// Element pairs of two broadcast-compatible tensors.
    private static func pairs(_ a: Tensor, _ b: Tensor) -> [(Double, Double)] {
        guard let shape = try? Primitive.broadcastShape([a.shape, b.shape], primitive: "") else { return [] }
        return (0..<shape.count).map { e in
            (a.scalars[DenseOracle.broadcastSource(e, result: shape.dims, operand: a.shape.dims)],
             b.scalars[DenseOracle.broadcastSource(e, result: shape.dims, operand: b.shape.dims)])
        }
    }
}
