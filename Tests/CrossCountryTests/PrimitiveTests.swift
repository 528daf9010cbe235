@testable import CrossCountry
import Foundation
import Testing

/// Every primitive's evaluation and local partials: the structured partials, densified, against
/// central finite differences of the evaluation, on every shape combination; and the rules where
/// graphax went wrong.
@Suite struct PrimitiveTests {
    /// Random tensors in a domain, from a fixed seed.
    struct Values {
        var rng = SplitMix64(seed: 7)
        mutating func tensor(_ dims: [Int], _ range: ClosedRange<Double> = -1.5...1.5) -> Tensor {
            let shape = try! Shape(dims: dims)
            return try! Tensor(shape: shape, scalars: (0..<shape.count).map { _ in Double.random(in: range, using: &rng) })
        }
        /// Values bounded away from zero, of random sign.
        mutating func nonzero(_ dims: [Int]) -> Tensor {
            let t = tensor(dims, 0.3...1.5)
            return try! Tensor(shape: t.shape, scalars: t.scalars.map { Bool.random(using: &rng) ? $0 : -$0 })
        }
    }

    static let cases: [(Primitive, [Tensor])] = {
        var v = Values()
        var cases: [(Primitive, [Tensor])] = []
        let shapes: [[Int]] = [[], [3], [2, 3]]
        for dims in shapes {
            for p in [Primitive.neg, .exp, .sin, .cos, .atan, .sinh, .cosh, .tanh, .asinh, .erf, .logistic, .square, .integerPow(3), .copy, .convertElementType] {
                cases.append((p, [v.tensor(dims)]))
            }
            cases.append((.tan, [v.tensor(dims, -1...1)]))
            for p in [Primitive.log, .sqrt, .log1p, .integerPow(-2)] { cases.append((p, [v.tensor(dims, 0.3...2)])) }
            cases.append((.acosh, [v.tensor(dims, 1.2...3)]))
            for p in [Primitive.asin, .acos, .atanh] { cases.append((p, [v.tensor(dims, -0.8...0.8)])) }
            cases.append((.abs, [v.nonzero(dims)]))
        }
        let pairs: [([Int], [Int])] = [([2, 3], [2, 3]), ([], [3]), ([3], []), ([], []), ([2, 1], [2, 3]), ([1, 3], [2, 3]),
                                       ([2, 3], [1, 3]), ([1, 1], [2, 3]), ([1], [4])]
        for (a, b) in pairs {
            for p in [Primitive.add, .sub, .mul, .atan2, .max, .min] { cases.append((p, [v.tensor(a), v.tensor(b)])) }
            cases.append((.div, [v.tensor(a), v.nonzero(b)]))
            cases.append((.pow, [v.tensor(a, 0.3...2), v.tensor(b)]))
            let condition = v.tensor(a.count >= b.count ? a : b, -1...1)
            cases.append((.select, [try! Tensor(shape: condition.shape, scalars: condition.scalars.map { $0 > 0 ? 1 : 0 }), v.tensor(a), v.tensor(b)]))
        }
        let dots: [([Int], [Int], Int, Int)] = [([3], [3], 0, 0), ([2, 3], [3], 1, 0), ([3], [3, 2], 0, 0), ([2, 3], [3, 4], 1, 0),
                                                ([3, 2], [3, 4], 0, 0), ([2, 3], [4, 3], 1, 1), ([3, 2], [4, 3], 0, 1), ([1, 3], [3], 1, 0),
                                                ([3], [2, 3], 0, 1), ([3], [1, 3], 0, 1), ([1, 1], [1, 1], 1, 0)]
        for (a, b, l, r) in dots { cases.append((.dot(lhs: l, rhs: r), [v.tensor(a), v.tensor(b)])) }
        for p in [Primitive.reduceSum(axis: nil), .reduceMax(axis: nil), .reduceMin(axis: nil)] {
            cases.append((p, [v.tensor([3])]))
            cases.append((p, [v.tensor([2, 3])]))
        }
        for axis in [0, 1] {
            for p in [Primitive.reduceSum(axis: axis), .reduceMax(axis: axis), .reduceMin(axis: axis)] { cases.append((p, [v.tensor([2, 3])])) }
        }
        cases.append((.reduceSum(axis: 0), [v.tensor([4])]))
        cases.append((.transpose, [v.tensor([2, 3])]))
        cases.append((.reshape(.matrix(3, 2)), [v.tensor([2, 3])]))
        cases.append((.reshape(.matrix(2, 3)), [v.tensor([6])]))
        cases.append((.slice(start: [0, 1], limit: [2, 3]), [v.tensor([2, 3])]))
        cases.append((.slice(start: [1], limit: [3]), [v.tensor([4])]))
        cases.append((.concatenate(axis: 0), [v.tensor([2, 3]), v.tensor([1, 3])]))
        cases.append((.concatenate(axis: 1), [v.tensor([2, 1]), v.tensor([2, 3])]))
        cases.append((.concatenate(axis: 0), [v.tensor([3]), v.tensor([2]), v.tensor([1])]))
        cases.append((.broadcast(.matrix(2, 3), dims: [1]), [v.tensor([3])]))
        cases.append((.broadcast(.matrix(2, 3), dims: [0]), [v.tensor([2])]))
        cases.append((.broadcast(.matrix(2, 3), dims: [0, 1]), [v.tensor([1, 3])]))
        cases.append((.broadcast(.matrix(2, 2), dims: []), [v.tensor([])]))
        cases.append((.broadcast(.matrix(1, 3), dims: [1]), [v.tensor([3])]))
        cases.append((.broadcast(.vector(4), dims: [0]), [v.tensor([1])]))
        return cases
    }()

    static let indices = Array(cases.indices)

    /// Central differences of the evaluation: column j of ∂result/∂operand_k.
    static func finiteDifferences(_ p: Primitive, _ operands: [Tensor], _ k: Int) throws -> [Double] {
        let rows = try p.evaluate(operands).shape.count, columns = operands[k].shape.count
        var jacobian = [Double](repeating: 0, count: rows * columns)
        for j in 0..<columns {
            let x = operands[k].scalars[j], h = 1e-6 * max(1, abs(x))
            var plus = operands, minus = operands
            var up = operands[k].scalars, down = up
            up[j] = x + h
            down[j] = x - h
            plus[k] = try Tensor(shape: operands[k].shape, scalars: up)
            minus[k] = try Tensor(shape: operands[k].shape, scalars: down)
            let f = try p.evaluate(plus).scalars, g = try p.evaluate(minus).scalars
            for i in 0..<rows { jacobian[i * columns + j] = (f[i] - g[i]) / (2 * h) }
        }
        return jacobian
    }

    @Test(arguments: indices)
    func partialsMatchFiniteDifferences(index: Int) throws {
        let (p, operands) = Self.cases[index]
        let partials = try p.partials(operands)
        #expect(partials.count == operands.count)
        for (k, partial) in partials.enumerated() {
            guard let partial else {
                #expect(p == .select && k == 0, "\(p) has no partial for operand \(k)")
                continue
            }
            #expect(partial.structure.rows == (try p.evaluate(operands)).shape.count)
            #expect(partial.structure.columns == operands[k].shape.count)
            #expect(partial.values.count == partial.structure.valueCount)
            let fd = try Self.finiteDifferences(p, operands, k)
            let dense = partial.dense
            for (a, b) in zip(dense, fd) {
                #expect(abs(a - b) <= 1e-6 * max(1, abs(a)), "\(p) operand \(k) (\(partial.structure)): \(dense) vs \(fd)")
            }
        }
    }

    @Test func graphaxSlipsAreFixed() throws {
        #expect(try Primitive.asinh.partials([Tensor(1)])[0]?.dense == [1 / 2.0.squareRoot()])
        #expect(try Primitive.max.partials([Tensor(2), Tensor(2)]).map { $0?.dense } == [[0.5], [0.5]])
        #expect(try Primitive.min.partials([Tensor(1), Tensor(2)]).map { $0?.dense } == [[1], [0]])
        #expect(try Primitive.reduceMax(axis: nil).partials([try Tensor(vector: [1, 3, 3])])[0]?.dense == [0, 0.5, 0.5])
        let select = try Primitive.select.partials([try Tensor(vector: [1, 0]), try Tensor(vector: [5, 6]), try Tensor(vector: [7, 8])])
        #expect(select[0] == nil)
        #expect(select[1]?.dense == [1, 0, 0, 0])
        #expect(select[2]?.dense == [0, 0, 0, 1])
        // A broadcast that replicates: ∂y/∂x stacks the identity twice.
        let replicate = try Primitive.broadcast(.matrix(2, 2), dims: [1]).partials([try Tensor(vector: [1, 2])])[0]
        #expect(replicate?.dense == [1, 0, 0, 1, 1, 0, 0, 1])
    }

    @Test func structuresAreTheCheapOnes() throws {
        let v = try Tensor(vector: [1, 2, 3]), m = try Tensor(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(try Primitive.sin.partials([v])[0]?.structure == .diagonal(3))
        #expect(try Primitive.add.partials([v, v]).map { $0?.structure } == [.identity(3), .identity(3)])
        #expect(try Primitive.mul.partials([v, Tensor(2)])[0]?.structure == .scaled(3))
        #expect(try Primitive.mul.partials([v, Tensor(2)])[1]?.structure == .dense(rows: 3, columns: 1))
        #expect(try Primitive.sin.partials([Tensor(2)])[0]?.structure == .dense(rows: 1, columns: 1))
        guard case .blocks(let b)? = try Primitive.dot(lhs: 1, rhs: 0).partials([m, v])[0]?.structure else {
            Issue.record("∂(Wx)/∂W should be blocks")
            return
        }
        #expect(b.count == 2 && b.rows == 1 && b.columns == 3 && b.shared)
        guard case .selection? = try Primitive.transpose.partials([m])[0]?.structure else {
            Issue.record("a transpose should be a selection")
            return
        }
    }

    @Test func evaluationMatchesHandComputedValues() throws {
        let m = try Tensor(rows: [[1, 2, 3], [4, 5, 6]]), v = try Tensor(vector: [1, 0, -1])
        #expect(try Primitive.dot(lhs: 1, rhs: 0).evaluate([m, v]) == (try Tensor(vector: [-2, -2])))
        #expect(try Primitive.dot(lhs: 0, rhs: 0).evaluate([m, m]) == (try Tensor(rows: [[17, 22, 27], [22, 29, 36], [27, 36, 45]])))
        #expect(try Primitive.reduceSum(axis: 0).evaluate([m]) == (try Tensor(vector: [5, 7, 9])))
        #expect(try Primitive.reduceMax(axis: 1).evaluate([m]) == (try Tensor(vector: [3, 6])))
        #expect(try Primitive.transpose.evaluate([m]) == (try Tensor(rows: [[1, 4], [2, 5], [3, 6]])))
        #expect(try Primitive.slice(start: [1, 1], limit: [2, 3]).evaluate([m]) == (try Tensor(rows: [[5, 6]])))
        #expect(try Primitive.concatenate(axis: 0).evaluate([v, v]) == (try Tensor(vector: [1, 0, -1, 1, 0, -1])))
        #expect(try Primitive.broadcast(.matrix(2, 3), dims: [1]).evaluate([v]) == (try Tensor(rows: [[1, 0, -1], [1, 0, -1]])))
        #expect(try Primitive.integerPow(3).evaluate([Tensor(-2)]) == Tensor(-8))
        #expect(try Primitive.select.evaluate([v, Tensor(5), Tensor(7)]) == (try Tensor(vector: [5, 7, 5])))
        #expect(try Primitive.max.evaluate([Tensor(.nan), Tensor(1)]).scalars[0].isNaN)
    }
}
