extension Primitive {
    /// The shape of the result for operands of these shapes; a mismatch or a parameter outside its
    /// domain is a `TraceError` naming the primitive.
    public func resultShape(_ shapes: [Shape]) throws(TraceError) -> Shape {
        if let arity {
            guard shapes.count == arity else {
                throw .arity(primitive: name, expected: arity == 1 ? "1 operand" : "\(arity) operands", got: shapes.count)
            }
        } else if shapes.isEmpty {
            throw .arity(primitive: name, expected: "at least 1 operand", got: 0)
        }
        switch self {
        case .binary, .comparison, .select, .custom:
            return try Self.broadcastShape(shapes, primitive: name)
        case let .dot(l, r):
            let a = shapes[0], b = shapes[1]
            guard a.rank >= 1, b.rank >= 1 else {
                throw .shapeMismatch(primitive: name, shapes: shapes, reason: "cannot be contracted: a scalar has no axis (use mul)")
            }
            guard (0..<a.rank).contains(l), (0..<b.rank).contains(r) else {
                throw .invalidParameter(primitive: name, reason: "contracting axes (\(l), \(r)) do not exist for shapes \(a) and \(b)")
            }
            guard a.dims[l] == b.dims[r] else {
                throw .shapeMismatch(primitive: name, shapes: shapes, reason: "do not match: axis \(l) has \(a.dims[l]) elements, axis \(r) has \(b.dims[r])")
            }
            return try Self.shape(Self.removing(l, from: a.dims) + Self.removing(r, from: b.dims))
        case let .reduceSum(axis), let .reduceMax(axis), let .reduceMin(axis):
            guard let axis else { return .scalar }
            guard (0..<shapes[0].rank).contains(axis) else {
                throw .invalidParameter(primitive: name, reason: "axis \(axis) does not exist for shape \(shapes[0])")
            }
            return try Self.shape(Self.removing(axis, from: shapes[0].dims))
        case .transpose:
            return try Self.shape(shapes[0].dims.reversed())
        case let .reshape(shape):
            guard shape.count == shapes[0].count else {
                throw .invalidParameter(primitive: name, reason: "cannot reshape \(shapes[0].count) elements \(shapes[0]) to \(shape)")
            }
            return shape
        case let .slice(start, limit):
            let dims = shapes[0].dims
            guard start.count == dims.count, limit.count == dims.count else {
                throw .invalidParameter(primitive: name, reason: "a slice of shape \(shapes[0]) needs \(dims.count) start and limit indices")
            }
            for axis in dims.indices where !(0 <= start[axis] && start[axis] < limit[axis] && limit[axis] <= dims[axis]) {
                throw .invalidParameter(primitive: name, reason: "slice \(start[axis])..<\(limit[axis]) of axis \(axis) is empty or outside 0..<\(dims[axis])")
            }
            return try Self.shape(zip(start, limit).map { $1 - $0 })
        case let .concatenate(axis):
            let rank = shapes[0].rank
            guard rank >= 1 else {
                throw .shapeMismatch(primitive: name, shapes: shapes, reason: "cannot be concatenated: scalars have no axis")
            }
            guard (0..<rank).contains(axis) else {
                throw .invalidParameter(primitive: name, reason: "axis \(axis) does not exist for shape \(shapes[0])")
            }
            for s in shapes where s.rank != rank || Self.removing(axis, from: s.dims) != Self.removing(axis, from: shapes[0].dims) {
                throw .shapeMismatch(primitive: name, shapes: shapes, reason: "must agree on every axis but \(axis)")
            }
            var dims = shapes[0].dims
            dims[axis] = shapes.reduce(0) { $0 + $1.dims[axis] }
            return try Self.shape(dims)
        case let .broadcast(shape, dims):
            let operand = shapes[0]
            guard dims.count == operand.rank else {
                throw .invalidParameter(primitive: name, reason: "needs one result axis per operand axis: \(dims.count) for shape \(operand)")
            }
            for (i, d) in dims.enumerated() {
                guard (0..<shape.rank).contains(d), i == 0 || dims[i - 1] < d else {
                    throw .invalidParameter(primitive: name, reason: "result axes \(dims) must be increasing and below \(shape.rank)")
                }
                guard operand.dims[i] == 1 || operand.dims[i] == shape.dims[d] else {
                    throw .shapeMismatch(primitive: name, shapes: [operand, shape], reason: "cannot broadcast: axis \(i) has \(operand.dims[i]) elements, result axis \(d) has \(shape.dims[d])")
                }
            }
            return shape
        case .unary, .stopGradient, .copy, .convertElementType:
            return shapes[0]
        }
    }

    /// Whether the call returns its single operand unchanged, so that tracing records no vertex (as
    /// JAX emits no equation for a transpose of a vector or a reshape to the same shape).
    public func isIdentity(on shapes: [Shape]) -> Bool {
        guard shapes.count == 1 else { return false }
        let s = shapes[0]
        switch self {
        case .transpose: return s.rank < 2
        case let .reshape(shape): return shape == s
        case let .slice(start, limit): return start.allSatisfy { $0 == 0 } && limit == s.dims
        case .concatenate: return true
        case let .broadcast(shape, dims): return shape == s && dims == Array(0..<s.rank)
        case .reduceSum, .reduceMax, .reduceMin: return s.isScalar
        case .unary, .binary, .comparison, .select, .custom, .dot, .stopGradient, .copy, .convertElementType: return false
        }
    }

    /// NumPy broadcasting restricted to what JAX primitives accept: a scalar combines with anything;
    /// otherwise ranks agree and each axis agrees or is 1.
    static func broadcastShape(_ shapes: [Shape], primitive: String) throws(TraceError) -> Shape {
        let rank = shapes.map(\.rank).max() ?? 0
        var dims = [Int](repeating: 1, count: rank)
        for s in shapes where !s.isScalar {
            guard s.rank == rank else {
                throw .shapeMismatch(primitive: primitive, shapes: shapes, reason: "have different ranks; broadcast_in_dim the lower-rank one first")
            }
            for axis in 0..<rank where s.dims[axis] != 1 {
                guard dims[axis] == 1 || dims[axis] == s.dims[axis] else {
                    throw .shapeMismatch(primitive: primitive, shapes: shapes, reason: "do not broadcast: axis \(axis) has \(dims[axis]) and \(s.dims[axis]) elements")
                }
                dims[axis] = s.dims[axis]
            }
        }
        return try shape(dims)
    }

    static func shape(_ dims: [Int]) throws(TraceError) -> Shape {
        do { return try Shape(dims: dims) } catch { throw .shape(error) }
    }

    static func removing(_ axis: Int, from dims: [Int]) -> [Int] {
        var dims = dims
        dims.remove(at: axis)
        return dims
    }
}
