/// Builds ccs's graph of a function from its jaxpr (the text `print(jax.make_jaxpr(f)(*args))`
/// writes): every equation is one primitive call through `GraphBuilder`, so the graph is the one
/// the same function traced from `.ccs` gives — constants fold, JAX's names map onto ccs's
/// primitives, `pjit`/`jit`/`custom_jvp_call` regions are inlined. Each vertex remembers the
/// top-level equation it came from (graphax's and AlphaGrad's vertex numbering).
public enum JaxprImport {
    /// The imported graph; `equations[k - 1]` is vertex k's 1-based equation number.
    public struct Result: Sendable {
        public let graph: NumericGraph
        public let equations: [Int]
        /// Whether the inputs' values were given (else every input is 0.5 throughout, and only
        /// the structure — orders, costs — is meaningful).
        public let hasPoint: Bool
    }

    /// Imports jaxpr text. `point`, when given, holds every input's values (one tensor per input).
    public static func graph(_ text: String, name: String, point: [Tensor]? = nil) throws(JaxprError) -> Result {
        let jaxpr = try JaxprParser.parse(text)
        if let constant = jaxpr.constants.first {
            throw JaxprError("the jaxpr captures the constant \(constant.name):\(constant.type), whose value a jaxpr does not show; pass it as an argument of the function instead",
                             at: constant.location)
        }
        if let point, point.count != jaxpr.inputs.count {
            throw JaxprError("the point gives \(point.count) input\(point.count == 1 ? "" : "s"), the jaxpr has \(jaxpr.inputs.count)", at: jaxpr.location)
        }
        let builder = GraphBuilder(name: name)
        var scope: [String: Operand] = [:]
        for (i, input) in jaxpr.inputs.enumerated() {
            let shape = try shape(of: input)
            var value = Tensor(0.5)
            if let point {
                guard point[i].shape == shape else {
                    throw JaxprError("the point gives \(input.name) the shape \(point[i].shape), the jaxpr \(shape)", at: input.location)
                }
                value = point[i]
            } else if !shape.isScalar {
                value = (try? Tensor(shape: shape, scalars: [Double](repeating: 0.5, count: shape.count))) ?? value
            }
            do throws(TraceError) {
                scope[input.name] = try builder.input(input.name, value)
            } catch {
                throw JaxprError("\(error)", at: input.location)
            }
        }
        var equations: [Int] = []
        var importer = Importer(builder: builder)
        for (e, equation) in jaxpr.equations.enumerated() {
            try importer.run(equation, in: &scope)
            equations += [Int](repeating: e + 1, count: builder.vertexCount - equations.count)
        }
        let outputs = try jaxpr.outputs.map { atom throws(JaxprError) in try importer.operand(atom, in: scope) }
        do throws(TraceError) {
            for output in outputs { try builder.markOutput(output) }
            equations += [Int](repeating: jaxpr.equations.count, count: builder.vertexCount - equations.count)
            let built = try builder.build()
            let g = built.graph
            var vertices = g.vertices
            if !equations.enumerated().allSatisfy({ $0.offset + 1 == $0.element }) {
                for k in vertices.indices { vertices[k].equation = equations[k] }
            }
            let numbered: ComputationalGraph
            do { numbered = try ComputationalGraph(name: g.name, inputs: g.inputs, vertices: vertices, outputs: g.outputs, edges: g.edges) }
            catch { throw TraceError.graph(error) }
            return Result(graph: NumericGraph(graph: numbered, operations: built.operations, kernels: built.kernels,
                                              inputValues: built.inputValues, values: built.values),
                          equations: equations, hasPoint: point != nil)
        } catch {
            throw JaxprError("\(error)", at: jaxpr.outputs.first?.location ?? jaxpr.location)
        }
    }

    /// Imports a jaxpr file, named after the file; errors are located in it (`GraphError.file`).
    public static func file(_ path: String, point: [Tensor]? = nil) throws(GraphError) -> Result {
        let bytes = try GraphFile.read(path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .file(path: path, location: nil, message: "the file is not UTF-8 text, not a jaxpr")
        }
        let base = path.split(separator: "/").last.map(String.init) ?? path
        let name = base.hasSuffix(".jaxpr") ? String(base.dropLast(6)) : base
        do throws(JaxprError) {
            return try graph(text, name: name, point: point)
        } catch {
            throw .file(path: path, location: "\(error.line):\(error.column)", message: error.message)
        }
    }

    static func shape(of binder: Jaxpr.Binder) throws(JaxprError) -> Shape {
        do {
            return try Shape(dims: binder.type.dims)
        } catch {
            throw JaxprError("\(binder.name):\(binder.type): \(error)", at: binder.location)
        }
    }

    /// Runs equations in a builder, inlining called jaxprs.
    struct Importer {
        let builder: GraphBuilder

        func operand(_ atom: Jaxpr.Atom, in scope: [String: Operand]) throws(JaxprError) -> Operand {
            switch atom {
            case let .literal(x, _): return .constant(Tensor(x))
            case let .variable(name, location):
                guard let operand = scope[name] else {
                    throw JaxprError("\(name) is used before it is defined (the equations are out of order or form a cycle)", at: location)
                }
                return operand
            }
        }

        mutating func run(_ equation: Jaxpr.Equation, in scope: inout [String: Operand]) throws(JaxprError) {
            let operands = try equation.operands.map { atom throws(JaxprError) in try operand(atom, in: scope) }
            let results: [Operand]
            if let called = JaxprImport.calledJaxpr(equation) {
                guard called.inputs.count == operands.count else {
                    throw JaxprError("\(equation.primitive) passes \(operands.count) operands to a jaxpr of \(called.inputs.count) inputs", at: equation.primitiveLocation)
                }
                var inner: [String: Operand] = [:]
                for (binder, value) in zip(called.inputs, operands) { inner[binder.name] = value }
                for e in called.equations { try run(e, in: &inner) }
                results = try called.outputs.map { atom throws(JaxprError) in try operand(atom, in: inner) }
            } else {
                let primitive = try JaxprImport.primitive(equation, operandShapes: operands.map(\.shape))
                var ordered = operands
                // select_n(p, on_false, on_true) is ccs's where(p, on_true, on_false).
                if primitive == .select { ordered = [operands[0], operands[2], operands[1]] }
                do throws(TraceError) {
                    results = [try builder.apply(primitive, ordered)]
                } catch {
                    throw JaxprError("\(equation.primitive): \(error)", at: equation.primitiveLocation)
                }
            }
            guard results.count == equation.outputs.count else {
                throw JaxprError("\(equation.primitive) gives \(results.count) result\(results.count == 1 ? "" : "s"), the equation binds \(equation.outputs.count)",
                                 at: equation.primitiveLocation)
            }
            for (binder, result) in zip(equation.outputs, results) {
                let declared = try JaxprImport.shape(of: binder)
                guard result.shape == declared else {
                    throw JaxprError("\(binder.name) is declared \(binder.type), but \(equation.primitive) gives shape \(result.shape)", at: binder.location)
                }
                guard binder.name != "_" else { continue }
                guard scope[binder.name] == nil else { throw JaxprError("\(binder.name) is defined twice", at: binder.location) }
                scope[binder.name] = result
            }
        }
    }

    /// The jaxpr a call-like equation runs, inlined in place of the call.
    static func calledJaxpr(_ equation: Jaxpr.Equation) -> Jaxpr? {
        guard ["pjit", "jit", "closed_call", "core_call", "custom_jvp_call", "custom_vjp_call", "remat", "checkpoint"].contains(equation.primitive)
        else { return nil }
        for key in ["jaxpr", "call_jaxpr", "fun_jaxpr"] {
            if case let .jaxpr(j)? = equation.parameters[key] { return j }
        }
        return nil
    }

    /// The names of JAX's elementwise primitives that ccs has under the same name.
    private static let elementwise: [String: Primitive] = {
        var table: [String: Primitive] = ["add_any": .add, "select_n": .select, "stop_gradient": .stopGradient,
                                          "copy": .copy, "copy_p": .copy, "convert_element_type": .convertElementType]
        for p in Primitive.unaryElementwise + Primitive.binaryElementwise + Primitive.comparisons { table[p.name] = p }
        return table
    }()

    /// ccs's primitive for an equation, its parameters read from the text.
    static func primitive(_ equation: Jaxpr.Equation, operandShapes: [Shape]) throws(JaxprError) -> Primitive {
        let name = equation.primitive, at = equation.primitiveLocation
        func parameter(_ key: String) throws(JaxprError) -> (String, Jaxpr.Location)? {
            switch equation.parameters[key] {
            case nil: return nil
            case let .text(text, location)?: return (text, location)
            case .jaxpr?: throw JaxprError("\(name)'s parameter \(key) is a jaxpr, not a value", at: at)
            }
        }
        /// Whole numbers in a parameter: `(1,)`, `(([1], [0]), ([], []))` flattened in order.
        func integers(_ key: String) throws(JaxprError) -> [Int]? {
            guard let (text, location) = try parameter(key) else { return nil }
            if text == "None" { return nil }
            var numbers: [Int] = [], digits = ""
            for c in text + " " {
                if c.isNumber || (c == "-" && digits.isEmpty) { digits.append(c); continue }
                if !digits.isEmpty {
                    guard let n = Int(digits) else { throw JaxprError("\(name): \(key)=\(text) is not a list of whole numbers", at: location) }
                    numbers.append(n)
                    digits = ""
                }
            }
            return numbers
        }
        guard let declared = equation.outputs.first else { throw JaxprError("\(name) binds no result", at: at) }
        let result = try shape(of: declared)
        let rank = operandShapes.first?.rank ?? 0
        if let known = elementwise[name] {
            let arity = operandShapes.count
            if let expected = known.arity, expected != arity {
                throw JaxprError("\(name) takes \(expected) operand\(expected == 1 ? "" : "s"), the equation gives \(arity)", at: at)
            }
            return known
        }
        switch name {
        case "integer_pow":
            guard let y = try integers("y")?.first else { throw JaxprError("integer_pow needs its exponent y=…", at: at) }
            return .integerPow(y)
        case "square":
            return .square
        case "dot_general":
            guard let numbers = try integers("dimension_numbers"), numbers.count == 2 else {
                throw JaxprError("dot_general: ccs contracts exactly one axis and has no batch axes; dimension_numbers=\(try parameter("dimension_numbers")?.0 ?? "?")", at: at)
            }
            return .dot(lhs: numbers[0], rhs: numbers[1])
        case "reduce_sum", "reduce_max", "reduce_min":
            let axes = try integers("axes") ?? Array(0..<rank)
            let axis: Int?
            if Set(axes) == Set(0..<rank) { axis = nil } else if axes.count == 1 { axis = axes[0] } else {
                throw JaxprError("\(name) over the axes \(axes) of a rank-\(rank) value: ccs reduces over one axis or all", at: at)
            }
            return name == "reduce_sum" ? .reduceSum(axis: axis) : name == "reduce_max" ? .reduceMax(axis: axis) : .reduceMin(axis: axis)
        case "transpose":
            let permutation = try integers("permutation") ?? [1, 0]
            guard permutation == [1, 0] else { throw JaxprError("transpose with permutation \(permutation): ccs swaps the two axes of a matrix", at: at) }
            return .transpose
        case "reshape", "squeeze", "expand_dims":
            return .reshape(result)
        case "broadcast_in_dim":
            return .broadcast(result, dims: try integers("broadcast_dimensions") ?? [])
        case "slice":
            guard let start = try integers("start_indices"), let limit = try integers("limit_indices") else {
                throw JaxprError("slice needs start_indices and limit_indices", at: at)
            }
            if let strides = try integers("strides"), strides.contains(where: { $0 != 1 }) {
                throw JaxprError("slice with strides \(strides): ccs slices with stride 1", at: at)
            }
            return .slice(start: start, limit: limit)
        case "concatenate":
            guard let axis = try integers("dimension")?.first else { throw JaxprError("concatenate needs its dimension=…", at: at) }
            return .concatenate(axis: axis)
        default:
            throw JaxprError("unsupported primitive '\(name)': ccs has no \(name) (its primitives are JAX's elementwise math, dot_general, reductions, transpose, reshape, broadcast_in_dim, slice, concatenate, select_n and stop_gradient)", at: at)
        }
    }
}
