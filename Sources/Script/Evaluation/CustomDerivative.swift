import CrossCountry

extension Interpreter {
    /// A call of a function written with `with derivative(…)` on traced values: one custom vertex
    /// (JAX's custom_jvp semantics: the value as the body computes it, the partials as the derivative
    /// gives them). Nil when no argument is traced: the body then runs as written.
    ///
    /// The body and the derivative are each traced on stand-in vectors of two elements into
    /// straight-line programs; the vertex applies them element by element, so the function is
    /// elementwise (a reduction or an index in it is an error naming it).
    func customCall(_ function: Function, _ decl: FunctionDecl, _ captured: Environment, _ scope: Environment,
                    at range: SourceRange) throws(ScriptError) -> Value? {
        guard let derivative = decl.derivative else { return nil }
        var arguments: [Value] = []
        for parameter in decl.parameters {
            let value = scope.lookup(parameter.name) ?? .nothing
            guard value.shape != nil else {
                throw .runtime("'\(function.name)' has a custom derivative, so it takes numbers, vectors or matrices; '\(parameter.name)' is \(value.typeDescription)",
                               at: range)
            }
            arguments.append(value)
        }
        guard arguments.contains(where: \.isTraced) else { return nil }
        let primal = try elementwiseProgram(function.name, decl, decl.body, captured, outputs: 1, what: "its value")
        let partials = try elementwiseProgram(function.name, decl, derivative, captured, outputs: decl.parameters.count,
                                              what: "its derivative")
        let custom: CustomFunction
        do throws(TraceError) {
            custom = try CustomFunction(name: function.name, primal: primal, derivative: partials)
        } catch {
            throw .runtime(PrimitiveCall.message(error, name: function.name), at: decl.headerRange)
        }
        return try PrimitiveCall.apply(.custom(custom), arguments, name: function.name, broadcasting: true, at: range, interpreter: self)
    }

    /// `body` traced with every parameter a stand-in two-element vector, as an elementwise program
    /// with `outputs` outputs (a tuple gives several).
    private func elementwiseProgram(_ name: String, _ decl: FunctionDecl, _ body: Expr, _ captured: Environment, outputs: Int,
                                    what: String) throws(ScriptError) -> ElementwiseProgram {
        let builder = GraphBuilder(name: name)
        let scope = Environment(parent: captured)
        do throws(TraceError) {
            for (i, parameter) in decl.parameters.enumerated() {
                // Two elements, so that a reduction or an index in the body records a vertex (and is refused).
                let standIn = (try? Tensor(vector: [0.25 + Double(i) * 0.125, 0.75 - Double(i) * 0.125])) ?? Tensor(0.5)
                scope.define(parameter.name, PrimitiveCall.value(try builder.input(parameter.name, standIn), builder: builder))
            }
        } catch {
            throw .runtime("\(name): \(error)", at: decl.headerRange)
        }
        let result = try evaluate(body, in: scope)
        var leaves: [Value] = []
        guard Value.numericLeaves(result, into: &leaves), leaves.count == outputs else {
            let expected = outputs == 1 ? "one value" : "a tuple of \(outputs) partials, one per parameter"
            throw .runtime("\(what) must be \(expected), got \(result.typeDescription)", at: body.range)
        }
        do throws(TraceError) {
            for leaf in leaves {
                guard let operand = PrimitiveCall.operand(leaf) else { continue }
                try builder.markOutput(operand)
            }
            return try ElementwiseProgram(elementwiseTrace: try builder.build(), of: name)
        } catch {
            throw .runtime(PrimitiveCall.message(error, name: name), at: body.range)
        }
    }
}
