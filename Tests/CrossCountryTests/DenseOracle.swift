@testable import CrossCountry
import Foundation

/// An independent reference for Jacobians: every local partial built as a plain dense matrix from
/// its own derivative table and index arithmetic (nothing from ccs's structures, rules or kernels),
/// then accumulated in reverse mode, one adjoint matrix per output.
enum DenseOracle {
    /// blocks[o][i] as |output o| × |input i| row-major matrices, at `inputs`.
    static func jacobian(_ g: NumericGraph, at inputs: [Tensor]) throws -> [[[Double]]] {
        let graph = g.graph
        var values: [Tensor] = []
        func value(_ node: Node) -> Tensor {
            switch node {
            case let .input(i): return inputs[i - 1]
            case let .vertex(k): return values[k - 1]
            }
        }
        func operand(_ a: TracedOperation.Argument) -> Tensor {
            switch a {
            case let .constant(t): return t
            case let .node(n): return value(n)
            }
        }
        for op in g.operations { values.append(try op.primitive.evaluate(op.arguments.map(operand))) }
        // Adjoints: adjoint[o][node] = ∂output_o/∂node, dense.
        let nodes = graph.inputs.map(\.shape.count) + graph.vertices.map(\.shape.count)
        let I = graph.inputCount
        return graph.outputs.map { o -> [[Double]] in
            var adjoint = nodes.map { [Double](repeating: 0, count: nodes[I + o - 1] * $0) }
            let m = nodes[I + o - 1]
            for j in 0..<m { adjoint[I + o - 1][j * m + j] = 1 }
            for k in stride(from: o, through: 1, by: -1) {
                let op = g.operations[k - 1]
                let upstream = adjoint[I + k - 1]
                guard upstream.contains(where: { $0 != 0 }) else { continue }
                let operands = op.arguments.map(operand)
                for (position, argument) in op.arguments.enumerated() {
                    guard case let .node(n) = argument,
                          let local = localJacobian(op.primitive, operands, values[k - 1], position) else { continue }
                    let u = n.isInput ? n.number - 1 : I + n.number - 1
                    let rows = nodes[I + k - 1], columns = nodes[u]
                    for r in 0..<m {
                        for c in 0..<rows where upstream[r * rows + c] != 0 {
                            for j in 0..<columns { adjoint[u][r * columns + j] += upstream[r * rows + c] * local[c * columns + j] }
                        }
                    }
                }
            }
            return (0..<I).map { adjoint[$0] }
        }
    }

    static func index(_ e: Int, _ dims: [Int]) -> [Int] {
        var rest = e, out = [Int](repeating: 0, count: dims.count)
        for a in stride(from: dims.count - 1, through: 0, by: -1) {
            out[a] = rest % dims[a]
            rest /= dims[a]
        }
        return out
    }

    static func flat(_ index: [Int], _ dims: [Int]) -> Int {
        var e = 0
        for a in 0..<dims.count { e = e * dims[a] + index[a] }
        return e
    }

    /// Where result element e reads an operand of shape `dims` under NumPy broadcasting.
    static func broadcastSource(_ e: Int, result: [Int], operand dims: [Int]) -> Int {
        if dims.reduce(1, *) == 1 { return 0 }
        let i = index(e, result)
        return flat(zip(i, dims).map { $1 == 1 ? 0 : $0 }, dims)
    }

    static func derivative(_ p: Primitive, _ x: Double) -> Double {
        switch p {
        case .neg: return -1
        case .abs: return x > 0 ? 1 : x < 0 ? -1 : 0
        case .exp: return exp(x)
        case .log: return 1 / x
        case .log1p: return 1 / (x + 1)
        case .sqrt: return 1 / (2 * sqrt(x))
        case .square: return x + x
        case .sin: return cos(x)
        case .cos: return -sin(x)
        case .tan: return 1 / (cos(x) * cos(x))
        case .asin: return 1 / sqrt((1 - x) * (1 + x))
        case .acos: return -1 / sqrt((1 - x) * (1 + x))
        case .atan: return 1 / (x * x + 1)
        case .sinh: return cosh(x)
        case .cosh: return sinh(x)
        case .tanh: return 1 / (cosh(x) * cosh(x))
        case .asinh: return 1 / sqrt(x * x + 1)
        case .acosh: return 1 / sqrt(x * x - 1)
        case .atanh: return 1 / ((1 - x) * (1 + x))
        case .erf: return 2 / sqrt(Double.pi) * exp(-x * x)
        case .logistic: let s = 1 / (1 + exp(-x)); return s - s * s
        case let .unary(.integerPow(n)): return Double(n) * pow(x, Double(n - 1))
        case .copy, .convertElementType: return 1
        default: return 0
        }
    }

    static func binaryDerivatives(_ p: Primitive, _ x: Double, _ y: Double) -> (Double, Double) {
        switch p {
        case .add: return (1, 1)
        case .sub: return (1, -1)
        case .mul: return (y, x)
        case .div: return (1 / y, -x / (y * y))
        case .pow: return (y * pow(x, y - 1), log(x) * pow(x, y))
        case .atan2: return (y / (x * x + y * y), -x / (x * x + y * y))
        case .max: return x == y ? (0.5, 0.5) : x > y ? (1, 0) : (0, 1)
        case .min: return x == y ? (0.5, 0.5) : x < y ? (1, 0) : (0, 1)
        default: return (0, 0)
        }
    }

    /// ∂result/∂operand_k, |result| × |operand k|, or nil where there is no derivative.
    static func localJacobian(_ p: Primitive, _ operands: [Tensor], _ result: Tensor, _ k: Int) -> [Double]? {
        let out = result.shape.dims, n = result.shape.count
        let dims = operands[k].shape.dims, columns = operands[k].shape.count
        var J = [Double](repeating: 0, count: n * columns)
        switch p {
        case _ where p.isComparison || p == .sign || p == .stopGradient:
            return nil
        case .add, .sub, .mul, .div, .pow, .atan2, .max, .min:
            let a = operands[0], b = operands[1]
            for e in 0..<n {
                let x = a.scalars[broadcastSource(e, result: out, operand: a.shape.dims)]
                let y = b.scalars[broadcastSource(e, result: out, operand: b.shape.dims)]
                let d = binaryDerivatives(p, x, y)
                J[e * columns + broadcastSource(e, result: out, operand: dims)] += k == 0 ? d.0 : d.1
            }
        case .select:
            guard k > 0 else { return nil }
            let c = operands[0]
            for e in 0..<n {
                let chosen = c.scalars[broadcastSource(e, result: out, operand: c.shape.dims)] != 0
                if chosen == (k == 1) { J[e * columns + broadcastSource(e, result: out, operand: dims)] += 1 }
            }
        case let .dot(l, r):
            let a = operands[0], b = operands[1]
            let ad = a.shape.dims, bd = b.shape.dims
            let free = { (d: [Int], axis: Int) in d.count == 2 ? d[1 - axis] : 1 }
            let (P, Q, K) = (free(ad, l), free(bd, r), ad[l])
            for i in 0..<P {
                for j in 0..<Q {
                    for c in 0..<K {
                        let ai = ad.count == 1 ? [c] : (l == 1 ? [i, c] : [c, i])
                        let bi = bd.count == 1 ? [c] : (r == 0 ? [c, j] : [j, c])
                        let row = i * Q + j
                        if k == 0 { J[row * columns + flat(ai, ad)] += b.scalars[flat(bi, bd)] }
                        else { J[row * columns + flat(bi, bd)] += a.scalars[flat(ai, ad)] }
                    }
                }
            }
        case let .reduceSum(axis), let .reduceMax(axis), let .reduceMin(axis):
            var groups = [[Int]](repeating: [], count: n)
            for e in 0..<columns {
                var i = index(e, dims)
                if let axis { i.remove(at: axis) } else { i = [] }
                groups[flat(i, out)].append(e)
            }
            for (g, members) in groups.enumerated() {
                if case .reduceSum = p {
                    for e in members { J[g * columns + e] = 1 }
                } else {
                    let hits = members.filter { operands[0].scalars[$0] == result.scalars[g] }
                    for e in hits { J[g * columns + e] = 1 / Double(hits.count) }
                }
            }
        case .transpose:
            for e in 0..<n { let i = index(e, out); J[e * columns + flat([i[1], i[0]], dims)] = 1 }
        case .reshape, .copy, .convertElementType:
            for e in 0..<n { J[e * columns + e] = 1 }
        case let .slice(start, _):
            for e in 0..<n { J[e * columns + flat(zip(index(e, out), start).map(+), dims)] = 1 }
        case let .broadcast(_, bdims):
            for e in 0..<n {
                let i = index(e, out)
                J[e * columns + flat(dims.indices.map { dims[$0] == 1 ? 0 : i[bdims[$0]] }, dims)] = 1
            }
        case let .concatenate(axis):
            let before = operands[..<k].reduce(0) { $0 + $1.shape.dims[axis] }
            for e in 0..<n {
                var i = index(e, out)
                i[axis] -= before
                if i[axis] >= 0 && i[axis] < dims[axis] { J[e * columns + flat(i, dims)] = 1 }
            }
        default:
            let x = operands[0]
            for e in 0..<n { J[e * columns + e] = derivative(p, x.scalars[e]) }
        }
        return J
    }
}

extension Node {
    var isInput: Bool { if case .input = self { true } else { false } }
    var number: Int {
        switch self {
        case let .input(i): return i
        case let .vertex(k): return k
        }
    }
}
