import CrossCountry
import Foundation

extension Builtins {
    /// What each elementwise function computes, for `:help`.
    private static let elementwise: [(Primitive, String)] = [
        (.abs, "absolute value"), (.sign, "sign: -1, 0 or 1 (no derivative)"), (.exp, "exponential"),
        (.log, "natural logarithm"), (.log1p, "log(1 + x), accurate near 0"), (.sqrt, "square root"),
        (.square, "x·x as JAX's square primitive (x^2 is integer_pow)"), (.sin, "sine"), (.cos, "cosine"),
        (.tan, "tangent"), (.asin, "arcsine"), (.acos, "arccosine"), (.atan, "arctangent"), (.sinh, "hyperbolic sine"),
        (.cosh, "hyperbolic cosine"), (.tanh, "hyperbolic tangent"), (.asinh, "inverse hyperbolic sine"),
        (.acosh, "inverse hyperbolic cosine"), (.atanh, "inverse hyperbolic tangent"), (.erf, "the error function"),
        (.logistic, "the logistic sigmoid 1/(1 + exp(-x))"),
    ]

    /// Elementwise math, reductions, shapes and constructors: one primitive call each.
    static func math() -> [Builtin] {
        var builtins = elementwise.map { primitive, meaning in
            Builtin(primitive.name, [parameter("x")], summary: "Elementwise \(meaning); traced, one `\(primitive.name)` vertex.",
                    example: "\(primitive.name)(0.5)") { (a: inout Arguments) throws(ScriptError) in
                try a.apply(primitive, ["x"])
            }
        }
        builtins += [
            Builtin(value: "inf", .number(.infinity), summary: "Positive infinity (IEEE 754); -inf is negative infinity.",
                    example: "max([1, -inf])"),
            Builtin(value: "nan", .number(.nan), summary: "Not a number (a quiet IEEE 754 NaN): it flows through values and Jacobians as in JAX.",
                    example: "is_nan([1, nan])"),
            Builtin(value: "pi", .number(.pi), summary: "π, the ratio of a circle's circumference to its diameter.", example: "cos(pi)"),
            Builtin(value: "e", .number(M_E), summary: "Euler's number, exp(1).", example: "log(e)"),
            Builtin("atan2", [parameter("y"), parameter("x")], summary: "Elementwise angle of the point (x, y).",
                    example: "atan2(1, 2)") { (a: inout Arguments) throws(ScriptError) in
                try a.apply(.atan2, ["y", "x"], broadcasting: true)
            },
            Builtin("pow", [parameter("x"), parameter("y")],
                    summary: "Elementwise x to the power y, always JAX's `pow` (x^n with a whole n is integer_pow).",
                    example: "pow(2, 0.5)") { (a: inout Arguments) throws(ScriptError) in
                try a.apply(.pow, ["x", "y"], broadcasting: true)
            },
            reduction("sum", { .reduceSum(axis: $0) }, "The sum of the elements, or along one axis (keepdims keeps it with extent 1)."),
            reduction("max", { .reduceMax(axis: $0) }, "The largest element (or along an axis); max(a, b, …) is the elementwise maximum."),
            reduction("min", { .reduceMin(axis: $0) }, "The smallest element (or along an axis); min(a, b, …) is the elementwise minimum."),
            Builtin("where", [parameter("condition"), parameter("a"), parameter("b")],
                    summary: "Elementwise a where the condition holds, else b (JAX's select_n); use it instead of branching on traced values.",
                    example: "where(x > 0, x, 0)") { (a: inout Arguments) throws(ScriptError) in
                try a.apply(.select, ["condition", "a", "b"], broadcasting: true)
            },
            Builtin("transpose", [parameter("x")], summary: "The matrix with rows and columns swapped (a vector is unchanged).",
                    example: "transpose([[1, 2], [3, 4]])") { (a: inout Arguments) throws(ScriptError) in
                try a.apply(.transpose, ["x"])
            },
            Builtin("reshape", [parameter("x"), parameter("shape")], summary: "The elements of x in a new shape with as many elements.",
                    example: "reshape([1, 2, 3, 4], (2, 2))") { (a: inout Arguments) throws(ScriptError) in
                try a.apply(.reshape(try a.shape("shape")), ["x"])
            },
            Builtin("broadcast", [parameter("x"), parameter("shape"), parameter("dims", .nothing)],
                    summary: "x replicated to a shape: its axes aligned with the last axes of the shape (NumPy's rule), or with dims: axis i of x becomes axis dims[i] of the result, increasing (JAX's broadcast_in_dim); one broadcast_in_dim vertex.",
                    example: "broadcast([1, 2, 3], (3, 2), dims: (0,))") { (a: inout Arguments) throws(ScriptError) in
                let shape = try a.shape("shape")
                let rank = try a.required("x").shape?.rank ?? 0
                guard a.given("dims") else {
                    guard rank <= shape.rank else { throw a.error("cannot broadcast a rank-\(rank) value to the shape \(shape)", at: "shape") }
                    return try a.apply(.broadcast(shape, dims: Array((shape.rank - rank)..<shape.rank)), ["x"])
                }
                let dims = try a.wholeNumbers("dims", what: "a broadcast's dims")
                // Shape errors point at dims, the argument that names the axes.
                let operand = try a.required("x").shape
                do throws(TraceError) {
                    if let operand { _ = try Primitive.broadcast(shape, dims: dims).resultShape([operand]) }
                } catch {
                    var reason = "\(error)"
                    if case let .shapeMismatch(_, _, why) = error { reason = why.replacingOccurrences(of: "cannot broadcast: ", with: "") }
                    if case let .invalidParameter(_, why) = error { reason = why }
                    throw a.error("cannot broadcast shape \(operand ?? .scalar) to \(shape) with dims \(dims): \(reason)", at: "dims")
                }
                return try a.apply(.broadcast(shape, dims: dims), ["x"])
            },
            Builtin("concat", [parameter("xs"), parameter("axis", .number(0))],
                    summary: "The vectors or matrices of a list joined along an axis.",
                    example: "concat([[1, 2], [3]])") { (a: inout Arguments) throws(ScriptError) in
                let items = try a.sequence("xs")
                guard !items.isEmpty else { throw a.error("concat needs at least one value", at: "xs") }
                return try PrimitiveCall.apply(.concatenate(axis: try a.integer("axis")), items, name: "concat",
                                               at: a.callRange, interpreter: a.interpreter)
            },
            Builtin("stack", [parameter("xs")],
                    summary: "Numbers (traced or not) as a vector: each becomes a (1) vector, then one concatenate.",
                    example: "stack([x, y, 2])") { (a: inout Arguments) throws(ScriptError) in
                var pieces: [Value] = []
                for item in try a.sequence("xs") {
                    guard item.shape?.isScalar == true else {
                        throw a.error("stack takes numbers, got \(item.typeDescription); use concat for vectors", at: "xs")
                    }
                    pieces.append(try PrimitiveCall.apply(.broadcast(.vector(1), dims: []), [item], name: "stack",
                                                          at: a.callRange, interpreter: a.interpreter))
                }
                guard !pieces.isEmpty else { throw a.error("stack needs at least one number", at: "xs") }
                return try PrimitiveCall.apply(.concatenate(axis: 0), pieces, name: "stack", at: a.callRange, interpreter: a.interpreter)
            },
            Builtin("stop_gradient", [parameter("x")], summary: "x, with a zero derivative.",
                    example: "stop_gradient(x)") { (a: inout Arguments) throws(ScriptError) in
                try a.apply(.stopGradient, ["x"])
            },
            Builtin("shape", [parameter("x")], summary: "The extents of a number, vector or matrix as a tuple (() for a number).",
                    example: "shape(zeros(2, 3))") { (a: inout Arguments) throws(ScriptError) in
                let x = try a.required("x")
                guard let shape = x.shape else { throw a.error("\(x.typeDescription) has no shape", at: "x") }
                return Value.shape(shape)
            },
            Builtin("size", [parameter("x"), parameter("axis", .nothing)],
                    summary: "The number of elements, or the extent of one axis.",
                    example: "size(zeros(2, 3), axis: 1)") { (a: inout Arguments) throws(ScriptError) in
                let x = try a.required("x")
                guard let shape = x.shape else { throw a.error("\(x.typeDescription) has no size", at: "x") }
                guard a.given("axis") else { return .number(Double(shape.count)) }
                return .number(Double(shape.dims[try a.axis("axis", rank: shape.rank)]))
            },
            constructor("zeros", summary: "A vector (zeros(n)) or matrix (zeros(r, c)) of zeros.") { _ in 0 },
            constructor("ones", summary: "A vector (ones(n)) or matrix (ones(r, c)) of ones.") { _ in 1 },
            Builtin("rand", [rest("dims"), parameter("seed", .number(0))],
                    summary: "Uniform random numbers in [0, 1) of a shape; the same seed gives the same numbers.",
                    example: "rand(3, 3, seed: 7)") { (a: inout Arguments) throws(ScriptError) in
                var rng = SplitMix64(seed: UInt64(truncatingIfNeeded: try a.integer("seed")))
                return try a.filled("dims") { _ in Double(rng.next() >> 11) * 0x1p-53 }
            },
        ]
        return builtins
    }

    private static func constructor(_ name: String, summary: String, _ value: @escaping (Int) -> Double) -> Builtin {
        Builtin(name, [rest("dims")], summary: summary, example: "\(name)(2, 3)") { (a: inout Arguments) throws(ScriptError) in
            try a.filled("dims", value)
        }
    }

    /// A reduction builtin; `max` and `min` given several values are elementwise instead
    /// (`max(a, b, c)` is max(max(a, b), c)).
    private static func reduction(_ name: String, _ make: @escaping (Int?) -> Primitive, _ summary: String) -> Builtin {
        let elementwise: Primitive? = name == "max" ? .max : name == "min" ? .min : nil
        let first = elementwise == nil ? parameter("x") : rest("x")
        return Builtin(name, [first, parameter("axis", .nothing), parameter("keepdims", .bool(false))], summary: summary,
                       example: "\(name)([[1, 2], [3, 4]], axis: 0)") { (a: inout Arguments) throws(ScriptError) in
            var x: Value
            if let elementwise {
                guard let (head, _) = a.rest.first else { throw a.error("\(name) needs at least one value") }
                x = head
                if a.rest.count > 1 {
                    guard !a.given("axis") && !a.given("keepdims") else {
                        throw a.error("\(name)(a, b, …) is elementwise and takes no axis", at: "axis")
                    }
                    for (value, range) in a.rest {
                        guard value.shape != nil else {
                            throw ScriptError.runtime("\(name) takes numbers, vectors or matrices, got \(value.typeDescription)", at: range)
                        }
                    }
                    for (value, _) in a.rest.dropFirst() {
                        x = try PrimitiveCall.apply(elementwise, [x, value], name: name, broadcasting: true, at: a.callRange,
                                                    interpreter: a.interpreter)
                    }
                    return x
                }
            } else {
                x = try a.required("x")
                if case let .list(items) = x, items.isEmpty { return .number(0) }
            }
            guard let shape = x.shape else {
                throw a.error("\(name) takes a number, vector or matrix, got \(x.typeDescription)", at: elementwise == nil ? "x" : nil)
            }
            let axis: Int? = a.given("axis") ? try a.axis("axis", rank: shape.rank) : nil
            let reduced = try PrimitiveCall.apply(make(axis), [x], name: name, at: a.callRange, interpreter: a.interpreter)
            guard try a.bool("keepdims"), !shape.isScalar else { return reduced }
            var kept = shape.dims
            for i in kept.indices where axis == nil || axis == i { kept[i] = 1 }
            guard let target = try? Shape(dims: kept) else { return reduced }
            let dims = (0..<shape.rank).filter { axis != nil && $0 != axis }
            return try PrimitiveCall.apply(.broadcast(target, dims: dims), [reduced], name: name, at: a.callRange,
                                           interpreter: a.interpreter)
        }
    }
}

extension Arguments {
    /// Applies a primitive to the named arguments.
    func apply(_ primitive: Primitive, _ names: [String], broadcasting: Bool = false) throws(ScriptError) -> Value {
        var values: [Value] = []
        for name in names {
            let value = try required(name)
            guard value.shape != nil else {
                throw error("argument '\(name)' of '\(function.name)' must be a number, vector or matrix, got \(value.typeDescription)",
                            at: name)
            }
            values.append(value)
        }
        return try PrimitiveCall.apply(primitive, values, name: function.name, broadcasting: broadcasting, at: callRange,
                                       interpreter: interpreter)
    }

    /// An axis of a value of this rank; negative counts from the last.
    func axis(_ name: String, rank: Int) throws(ScriptError) -> Int {
        let axis = try integer(name)
        let k = axis < 0 ? rank + axis : axis
        guard k >= 0 && k < rank else {
            throw error("axis \(axis) does not exist for a value of rank \(rank)", at: name)
        }
        return k
    }

    /// A shape written as a number, a tuple or a list of whole numbers.
    func shape(_ name: String) throws(ScriptError) -> Shape {
        let dims = try wholeNumbers(name, what: "a shape")
        let shape: Shape
        do {
            shape = try Shape(dims: dims)
        } catch {
            throw self.error(error.description, at: name)
        }
        try Arguments.checkSize(shape) { message throws(ScriptError) in throw self.error(message, at: name) }
        return shape
    }

    /// Whole numbers written as a number, a tuple or a list (a shape, a broadcast's axes); `what` names them in messages.
    func wholeNumbers(_ name: String, what: String) throws(ScriptError) -> [Int] {
        let value = try required(name)
        let items: [Value]
        switch value {
        case .number: items = [value]
        case let .tensor(t) where t.shape.rank == 1: items = t.scalars.map { .number($0) }
        default:
            guard let list = value.unpackable else { throw error("\(what) is a tuple of whole numbers, got \(value.typeDescription)", at: name) }
            items = list
        }
        var numbers: [Int] = []
        for item in items {
            guard case let .number(x) = item, let n = Int(exactly: x) else {
                throw error("\(what) is a tuple of whole numbers, got \(item.brief)", at: name)
            }
            numbers.append(n)
        }
        return numbers
    }

    /// Refuses shapes too large to hold, before anything is allocated.
    static func checkSize(_ shape: Shape, _ fail: (String) throws(ScriptError) -> Never) throws(ScriptError) {
        do throws(Bounds.Violation) {
            _ = try Bounds.product(shape.dims, of: "a \(shape) tensor", atMost: Value.largestTensor, where: "in one value")
        } catch {
            try fail(error.description)
        }
    }

    /// A tensor of the shape given by the variadic whole-number arguments.
    func filled(_ name: String, _ value: (Int) -> Double) throws(ScriptError) -> Value {
        var dims: [Int] = []
        for (item, range) in rest {
            guard case let .number(x) = item, let n = Int(exactly: x) else {
                throw ScriptError.runtime("a dimension must be a whole number, got \(item.brief)", at: range)
            }
            dims.append(n)
        }
        let shape: Shape
        do {
            shape = try Shape(dims: dims)
        } catch {
            throw self.error(error.description)
        }
        try Arguments.checkSize(shape) { message throws(ScriptError) in throw self.error(message) }
        do {
            return Value(try Tensor(shape: shape, scalars: (0..<shape.count).map(value)))
        } catch {
            throw self.error(error.description)
        }
    }
}
