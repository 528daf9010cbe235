extension Primitive {
    /// The paper's sparsity type of the edge from operand `k` into this primitive's vertex, as the
    /// AlphaGrad graph builder assigns it (`paper/alphagrad.md` §1.1); nil when the operand gets no
    /// edge. Types read shapes as the game's 2-vectors: scalar (1,1), vector (n,1).
    func sparsityType(operand k: Int, operandShapes: [Shape], result: Shape) -> SparsityType? {
        let input = Kind(operandShapes[k].pair), output = Kind(result.pair)
        switch self {
        case .comparison, .unary(.sign), .stopGradient: return nil
        case .copy, .convertElementType: return .copy
        case .reshape, .slice, .concatenate: return .structural
        case .transpose:
            switch input {
            case .scalar: return .dense
            case .column: return SparsityType(rawValue: -4)
            case .row: return SparsityType(rawValue: -5)
            case .matrix: return .transpose
            }
        case .broadcast: return operandShapes[k].pair == result.pair ? .identity : .transpose
        // The paper's builder reads ranks here, not extents: a (1, n) matrix summed over axis 1
        // into a (1) vector is "matrix → vector" (as in the batch-1 RoeFlux_3d and Perceptron).
        case let .reduceSum(axis):
            guard operandShapes[k].rank == 2, result.rank == 1 else { return .dense }
            return SparsityType(rawValue: axis == 0 ? -4 : -2)
        case .reduceMax, .reduceMin:
            guard operandShapes[k].rank == 2, result.rank == 1 else { return .dense }
            return SparsityType(rawValue: 2)
        case let .dot(l, r):
            return SparsityType(rawValue: Self.dotTypes(operandShapes[0], operandShapes[1], l, r)[k])
        case .select:
            guard k > 0 else { return nil }
            return Self.elementwiseType(input: input, other: Kind(operandShapes[3 - k].pair), output: output)
        case .unary:
            return input == .scalar ? .dense : .elementwise
        case .custom where operandShapes.count == 1:
            return input == .scalar ? .dense : .elementwise
        case .custom:
            // Typed as a binary function's operand against the largest other operand.
            let other = operandShapes.indices.filter { $0 != k }.max { operandShapes[$0].count < operandShapes[$1].count }!
            return Self.elementwiseType(input: input, other: Kind(operandShapes[other].pair), output: output)
        case .binary:
            return Self.elementwiseType(input: input, other: Kind(operandShapes[1 - k].pair), output: output)
        }
    }

    /// A game shape's class: (1,1), (n,1), (1,n) or (m,n), with n, m > 1.
    private enum Kind: Equatable {
        case scalar, column, row, matrix

        init(_ pair: ShapePair) {
            switch (pair.first > 1, pair.second > 1) {
            case (false, false): self = .scalar
            case (true, false): self = .column
            case (false, true): self = .row
            case (true, true): self = .matrix
            }
        }
    }

    /// Binary elementwise operands, as the paper's builder types them (a matrix whose other operand
    /// is a column or a scalar gets −8, a slip of the original kept so that costs match).
    private static func elementwiseType(input: Kind, other: Kind, output: Kind) -> SparsityType? {
        switch input {
        case .scalar: return .dense
        case .column: return SparsityType(rawValue: output == .column && other == .scalar ? -2 : 2)
        case .row: return SparsityType(rawValue: output == .row && other == .scalar ? -3 : 3)
        case .matrix:
            switch other {
            case .scalar, .column: return SparsityType(rawValue: -8)
            case .row: return SparsityType(rawValue: 8)
            case .matrix: return .elementwise
            }
        }
    }

    /// The (lhs, rhs) edge types of `dot_general` contracting axis l of a with axis r of b.
    private static func dotTypes(_ a: Shape, _ b: Shape, _ l: Int, _ r: Int) -> [Int] {
        switch (a.rank, b.rank) {
        case (1, 1): return [1, 1]
        case (1, _) where b.dims[0] == 1 && b.dims[1] > 1: return r == 1 ? [-3, -2] : [-2, -3]
        case (1, _): return [-4, -3]
        case (_, 1): return [-2, 1]
        default:
            switch (l, r) {
            case (1, 0): return [-2, -3]
            case (1, 1): return [-2, -5]
            case (0, 0): return [-4, -3]
            default: return [-4, -5]
            }
        }
    }
}
