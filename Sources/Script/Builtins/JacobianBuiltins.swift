import CrossCountry

extension Builtins {
    /// Jacobians by elimination and by finite differences.
    static func jacobians() -> [Builtin] {
        [
            Builtin("jacobian", [parameter("f"), parameter("order", .order(.markowitz)), parameter("backend", .nothing), maxMemoryParameter],
                    summary: "The Jacobian of f by cross-country elimination in an order: a function of the point, which traces f and compiles the plan once per argument shapes — to native code by default (backend: \"native\", cached across sessions; \"interpreter\" runs the plan in ccs; large plans compile as compact tables of shared routines; without a working compiler, or past the memory limit, the plan runs interpreted, with a note). Given a traced graph instead, its Jacobian at the trace point (interpreted unless backend: \"native\"). Progress shows while a plan is built, Ctrl-C stops it; max_memory: the most the plan may hold, in GB.",
                    example: "jacobian(fn(x, y) = (x * y, sin(x)), order: reverse)(0.5, 2)") { (a: inout Arguments) throws(ScriptError) in
                let orderValue = try a.required("order")
                guard let order = orderValue.asOrder else {
                    throw a.error("argument 'order' of 'jacobian' must be an order, got \(orderValue.typeDescription)", at: "order")
                }
                if case let .graph(g) = try a.required("f") {
                    guard let numeric = g.numeric else {
                        throw a.error("the Jacobian needs a traced graph (graph(f, …)); a loaded graph has no values", at: "f")
                    }
                    let plan = try JacobianFunction.plan(numeric, g, order: order, backend: try a.backend(default: .interpreter),
                                                         maxMemory: try a.memoryLimit("max_memory"),
                                                         named: "jacobian(\(numeric.graph.name))", interpreter: a.interpreter, at: a.range("order"))
                    return .jacobian(try JacobianFunction.evaluate(plan, at: numeric.inputValues, names: numeric.graph.inputs.map(\.name),
                                                                   at: a.callRange))
                }
                let f = try a.callable("f")
                let jacobian = JacobianFunction(function: f, order: order, orderRange: a.range("order"), backend: try a.backend(default: .native),
                                                maxMemory: try a.memoryLimit("max_memory"))
                return .function(Function(name: "jacobian(\(f.name))", parameters: [rest("point")], body: .native {
                    (call: inout Arguments) throws(ScriptError) in try jacobian.call(call)
                }))
            },
            Builtin("export_c", [parameter("f"), parameter("order", .order(.markowitz)), parameter("path"), rest("point"), maxMemoryParameter],
                    summary: "Writes the Jacobian of f in an order as standalone C99, path.c and path.h: NAME_jacobian(x, jac, n) and NAME_outputs(x, y, n) over n points (point-major; the header gives the layout, NAME is the graph's name). f is a traced graph, or a function traced at the point given after the path.",
                    example: "export_c(graph(fn(x, y) = x * sin(y), 1, 2), reverse, \"/tmp/f\")") { (a: inout Arguments) throws(ScriptError) in
                let orderValue = try a.required("order")
                guard let order = orderValue.asOrder else {
                    throw a.error("argument 'order' of 'export_c' must be an order, got \(orderValue.typeDescription)", at: "order")
                }
                var path = try a.writablePath("path")
                if path.hasSuffix(".c") || path.hasSuffix(".h") { path.removeLast(2) }
                let numeric: NumericGraph
                if case let .graph(g) = try a.required("f") {
                    guard let traced = g.numeric else {
                        throw a.error("export_c needs a traced graph (graph(f, …)); a loaded graph has no values", at: "f")
                    }
                    numeric = traced
                } else {
                    numeric = try Builtins.trace(try a.callable("f"), a.rest, at: a.callRange, interpreter: a.interpreter)
                }
                let vertices = try order.resolve(GraphValue(numeric), a.interpreter, a.range("order"))
                let source: JacobianSource
                let maxMemory = try a.memoryLimit("max_memory"), progress = a.interpreter.progress
                do throws(EvaluationError) {
                    defer { progress("") }
                    source = try JacobianSource(numeric, order: vertices, form: .export(numeric.graph.name), stop: a.interpreter.stop,
                                                maxMemory: maxMemory) { update in progress("export_c · \(update) · Ctrl-C stops") }
                } catch {
                    throw try JacobianFunction.failure(error, named: "export_c", interpreter: a.interpreter, at: a.range("order"))
                }
                do {
                    try source.write(base: path)
                    let name = source.name ?? ""
                    a.interpreter.write("wrote \(path).c and \(path).h: \(name)_jacobian and \(name)_outputs (per point \(source.counts))\n")
                } catch {
                    throw a.error("cannot write \(path).c: \(error)", at: "path")
                }
                return .nothing
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
            Builtin(value: "code", .model(.code),
                    summary: "What the generated C executes for an order: multiplications and additions (1 each), free where a factor is ±1 or both are constants (traced graphs only).",
                    example: "compare(graph(fn(x, y) = (x * y - x, sin(x) * y), 1, 2), [forward, reverse], model: [paper, code])"),
            Builtin(value: "runtime", .model(.runtime),
                    summary: "What the generated C costs on this machine, in ns per point: code's operations at prices measured once by timing compiled kernels (cached; calibrate_runtime() measures again). Traced graphs only; needs a C compiler.",
                    example: "compare(graph(fn(x, y) = (x * y - x, sin(x) * y), 1, 2), [forward, reverse], model: [code, runtime])"),
            Builtin("calibrate_runtime", [],
                    summary: "Measures the runtime cost model's prices on this machine again (a few seconds: small C kernels compiled and timed) and caches them; a table of ns per point by kind of operation.",
                    example: "calibrate_runtime()") { (a: inout Arguments) throws(ScriptError) in
                do {
                    let table = try RuntimeCalibration.recalibrate()
                    return .table(TableValue(header: ["operation", "ns per point"],
                                             rows: RuntimeTable.fields.map { [.string($0.name), .number(Builtins.significant(table[keyPath: $0.path]))] }))
                } catch {
                    throw a.error("calibrate_runtime: \(error)")
                }
            },
        ]
    }
}

/// The function `jacobian(f, order:)` returns: traces f and compiles a plan the first time it sees
/// a combination of argument shapes (natively unless asked otherwise), then only evaluates the plan.
final class JacobianFunction {
    let function: Function
    let order: OrderValue
    let orderRange: SourceRange
    let backend: JacobianBackend
    /// The most a plan may hold, in bytes.
    let maxMemory: Int
    private var plans: [[Shape]: JacobianPlan] = [:]

    init(function: Function, order: OrderValue, orderRange: SourceRange, backend: JacobianBackend, maxMemory: Int) {
        self.function = function
        self.order = order
        self.orderRange = orderRange
        self.backend = backend
        self.maxMemory = maxMemory
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
            plan = try JacobianFunction.plan(numeric, GraphValue(numeric), order: order, backend: backend, maxMemory: maxMemory,
                                             named: "jacobian(\(function.name))", interpreter: call.interpreter, at: orderRange)
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

    /// The compiled plan of a traced graph for an order. A native plan notes once how long the C
    /// compiler took (nothing when the library was cached), or why it runs in the interpreter. The
    /// status line shows each phase that runs over a second; Ctrl-C stops it.
    static func plan(_ numeric: NumericGraph, _ graph: GraphValue, order: OrderValue, backend: JacobianBackend, maxMemory: Int,
                     named name: String, interpreter: Interpreter, at range: SourceRange) throws(ScriptError) -> JacobianPlan {
        try checkEntries(numeric.graph, at: range)
        let vertices = try order.resolve(graph, interpreter, range)
        let progress = interpreter.progress
        defer { progress("") }
        do throws(EvaluationError) {
            let plan = try JacobianPlan(numeric, order: vertices, backend: backend, stop: interpreter.stop, maxMemory: maxMemory) { update in
                progress("\(name) · \(update) · Ctrl-C stops")
            }
            if let seconds = plan.compileSeconds {
                interpreter.note("\(name): compiled natively in \(Display.number((seconds * 100).rounded() / 100)) s")
            } else if let note = plan.nativeNote {
                interpreter.note("\(name): \(note)")
            }
            return plan
        } catch {
            throw try failure(error, named: "jacobian", interpreter: interpreter, at: range)
        }
    }

    /// The script error of a plan that could not be built: an invalid order, an interruption, the
    /// memory limit.
    static func failure(_ error: EvaluationError, named name: String, interpreter: Interpreter,
                        at range: SourceRange) throws(ScriptError) -> ScriptError {
        switch error {
        case let .order(orderError): return .runtime("invalid order: \(orderError)", at: range)
        case .interrupted:
            try interpreter.checkInterrupt(at: range)
            return .runtime("interrupted", at: range)
        default: return .runtime("\(name): \(error)", at: range)
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

extension Arguments {
    /// The `backend` argument: "native" or "interpreter", or `fallback` when left out.
    func backend(default fallback: JacobianBackend) throws(ScriptError) -> JacobianBackend {
        guard given("backend") else { return fallback }
        let name = try string("backend")
        guard let backend = JacobianBackend(rawValue: name) else {
            throw error("argument 'backend' of '\(function.name)' must be \"native\" or \"interpreter\", got \"\(name)\"", at: "backend")
        }
        return backend
    }
}
