import CrossCountry

extension Builtins {
    /// Jacobians by elimination and by finite differences.
    static func jacobians() -> [Builtin] {
        [
            Builtin("jacobian", [parameter("f"), parameter("order", .order(.markowitz))],
                    summary: "The Jacobian of f by cross-country elimination in an order: a function of the point, which traces f and compiles the plan once per argument shapes. Given a traced graph instead, its Jacobian at the trace point.",
                    example: "jacobian(fn(x, y) = (x * y, sin(x)), order: reverse)(0.5, 2)") { (a: inout Arguments) throws(ScriptError) in
                let orderValue = try a.required("order")
                guard let order = orderValue.asOrder else {
                    throw a.error("argument 'order' of 'jacobian' must be an order, got \(orderValue.typeDescription)", at: "order")
                }
                if case let .graph(g) = try a.required("f") {
                    guard let numeric = g.numeric else {
                        throw a.error("the Jacobian needs a traced graph (graph(f, …)); a loaded graph has no values", at: "f")
                    }
                    let plan = try JacobianFunction.plan(numeric, g, order: order, interpreter: a.interpreter, at: a.range("order"))
                    return .jacobian(try JacobianFunction.evaluate(plan, at: numeric.inputValues, names: numeric.graph.inputs.map(\.name),
                                                                   at: a.callRange))
                }
                let f = try a.callable("f")
                let jacobian = JacobianFunction(function: f, order: order, orderRange: a.range("order"))
                return .function(Function(name: "jacobian(\(f.name))", parameters: [rest("point")], body: .native {
                    (call: inout Arguments) throws(ScriptError) in try jacobian.call(call)
                }))
            },
            Builtin("finite_differences", [parameter("f"), rest("point"), parameter("step", .number(0.01))],
                    summary: "The Jacobian of f at a point by central differences of its traced program, extrapolated to step zero by Ridders' method from the step step·|x| down (stop_gradient values held, as the derivative treats them); an independent check of jacobian.",
                    example: "finite_differences(fn(x) = x^3, 2)") { (a: inout Arguments) throws(ScriptError) in
                let step = try a.number("step")
                guard step > 0, step.isFinite else { throw a.error("the step of finite differences must be positive", at: "step") }
                let f = try a.callable("f")
                for (value, range) in a.rest where value.isTraced {
                    throw .runtime("finite differences are taken at concrete points, not at traced values", at: range)
                }
                let numeric = try Builtins.trace(f, a.rest, at: a.callRange, interpreter: a.interpreter)
                let g = numeric.graph
                try JacobianFunction.checkEntries(g, at: a.callRange)
                do {
                    let blocks = try FiniteDifferences.jacobian(numeric, step: step)
                    return .jacobian(JacobianValue(inputNames: numeric.graph.inputs.map(\.name), blocks: blocks, multiplications: nil))
                } catch {
                    throw a.error("finite differences: \(error)")
                }
            },
            Builtin("dense", [parameter("J")], summary: "A Jacobian as one matrix: every block flattened, outputs down, inputs across.",
                    example: "dense(jacobian(fn(x) = (x, 2 * x))(1))") { (a: inout Arguments) throws(ScriptError) in
                guard case let .jacobian(j) = try a.required("J") else {
                    throw a.error("argument 'J' of 'dense' must be a Jacobian", at: "J")
                }
                guard j.entries == nil else { throw a.error("a traced Jacobian has no dense matrix; read its entries as J[o, i]", at: "J") }
                guard j.size.outputs > 0, j.size.inputs > 0 else { throw a.error("the Jacobian is empty: the function has no inputs", at: "J") }
                return .tensor(j.dense)
            },
            Builtin(value: "exact", .model(.exact),
                    summary: "The multiplications the numeric elimination really performs for an order (traced graphs only); equals paper on scalar graphs.",
                    example: "cost(graph(fn(A, x) = A @ x, [[1, 2], [3, 4]], [1, 1]), reverse, model: exact)"),
        ]
    }
}

/// The function `jacobian(f, order:)` returns: traces f and compiles a plan the first time it sees
/// a combination of argument shapes, then only evaluates the plan.
final class JacobianFunction {
    let function: Function
    let order: OrderValue
    let orderRange: SourceRange
    private var plans: [[Shape]: JacobianPlan] = [:]

    init(function: Function, order: OrderValue, orderRange: SourceRange) {
        self.function = function
        self.order = order
        self.orderRange = orderRange
    }

    func call(_ call: Arguments) throws(ScriptError) -> Value {
        if let traced = call.rest.lazy.compactMap({ value, _ -> Traced? in
            if case let .traced(t) = value { return t }
            return nil
        }).first {
            return try nested(call, builder: traced.builder)
        }
        var shapes: [Shape] = []
        var tensors: [Tensor] = []
        for (value, range) in call.rest {
            guard case let .constant(tensor)? = PrimitiveCall.operand(value), !value.isBoolean else {
                throw .runtime("a Jacobian is evaluated at numbers, vectors or matrices, got \(value.typeDescription)", at: range)
            }
            shapes.append(tensor.shape)
            tensors.append(tensor)
        }
        let plan: JacobianPlan
        if let cached = plans[shapes] {
            plan = cached
        } else {
            let numeric = try Builtins.trace(function, call.rest, at: call.callRange, interpreter: call.interpreter)
            plan = try JacobianFunction.plan(numeric, GraphValue(numeric), order: order, interpreter: call.interpreter, at: orderRange)
            plans[shapes] = plan
        }
        return .jacobian(try JacobianFunction.evaluate(plan, at: tensors, names: plan.graph.graph.inputs.map(\.name), at: call.callRange))
    }

    /// Nested differentiation: called on traced values, the Jacobian's whole computation (primal,
    /// local partials, every elimination's products and sums) is recorded in the enclosing trace, so
    /// it can be differentiated again. Scalar functions only, as the engine supports.
    private func nested(_ call: Arguments, builder: GraphBuilder) throws(ScriptError) -> Value {
        var operands: [Operand] = []
        var point: [(Value, SourceRange)] = []
        for (value, range) in call.rest {
            guard let operand = PrimitiveCall.operand(value), !value.isBoolean else {
                throw .runtime("a Jacobian is evaluated at numbers, vectors or matrices, got \(value.typeDescription)", at: range)
            }
            do throws(TraceError) {
                point.append((Value(try builder.value(of: operand)), range))
            } catch {
                throw .runtime(PrimitiveCall.message(error, name: "jacobian"), at: range)
            }
            operands.append(operand)
        }
        let inner = try Builtins.trace(function, point, at: call.callRange, interpreter: call.interpreter)
        let vertices = try order.resolve(GraphValue(inner), call.interpreter, orderRange)
        do throws(TraceError) {
            let (_, entries) = try builder.traceJacobian(of: inner, at: operands, order: vertices)
            return .jacobian(JacobianValue(inputNames: inner.graph.inputs.map(\.name),
                                           entries: entries.map { $0.map { PrimitiveCall.value($0, builder: builder) } }))
        } catch {
            throw .runtime(PrimitiveCall.message(error, name: "jacobian"), at: call.callRange)
        }
    }

    /// Refuses a graph whose Jacobian (every output by every input) would be too large to hold.
    static func checkEntries(_ g: ComputationalGraph, at range: SourceRange) throws(ScriptError) {
        let outputs = Bounds.checkedSum(g.outputs.map { g.vertices[$0 - 1].shape.count }) ?? .max
        let inputs = Bounds.checkedSum(g.inputs.map(\.shape.count)) ?? .max
        do throws(Bounds.Violation) {
            _ = try Bounds.product([outputs, inputs], of: "the Jacobian", unit: "entries", atMost: Value.largestTensor, where: "in one value")
        } catch {
            throw .runtime(error.description, at: range)
        }
    }

    /// The compiled plan of a traced graph for an order.
    static func plan(_ numeric: NumericGraph, _ graph: GraphValue, order: OrderValue, interpreter: Interpreter,
                     at range: SourceRange) throws(ScriptError) -> JacobianPlan {
        try checkEntries(numeric.graph, at: range)
        let vertices = try order.resolve(graph, interpreter, range)
        do {
            return try numeric.plan(order: vertices)
        } catch {
            if case let .order(orderError) = error { throw .runtime("invalid order: \(orderError)", at: range) }
            throw .runtime("jacobian: \(error)", at: range)
        }
    }

    static func evaluate(_ plan: JacobianPlan, at point: [Tensor], names: [String], at range: SourceRange) throws(ScriptError) -> JacobianValue {
        do {
            let jacobian = try plan.jacobian(at: point)
            return JacobianValue(inputNames: names, blocks: jacobian.blocks, multiplications: jacobian.multiplications)
        } catch {
            throw .runtime("jacobian: \(error)", at: range)
        }
    }
}
