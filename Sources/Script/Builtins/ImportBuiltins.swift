import CrossCountry

extension Builtins {
    /// `import_jaxpr`: a JAX function's graph from its jaxpr.
    static func importing() -> Builtin {
        Builtin("import_jaxpr", [parameter("path"), parameter("point", .nothing)],
                summary: "The graph of a JAX function from its jaxpr (the text print(jax.make_jaxpr(f)(*args)) writes): orders and costs; with point (one value per input), its values and Jacobians too.",
                example: "let g = import_jaxpr(\"f.jaxpr\", point: (0.5, [1, 2]))") { (a: inout Arguments) throws(ScriptError) in
            let path = Modules.resolve(try a.string("path"), from: a.range("path").file.name)
            var point: [Tensor]?
            if a.given("point") {
                let value = try a.required("point")
                let items = value.unpackable ?? [value]
                point = []
                for item in items {
                    guard case let .constant(t)? = PrimitiveCall.operand(item), item.shape != nil, !item.isBoolean else {
                        throw a.error("a point holds numbers, vectors or matrices, one per input; got \(item.typeDescription)", at: "point")
                    }
                    point?.append(t)
                }
            }
            do throws(GraphError) {
                let result = try JaxprImport.file(path, point: point)
                return .graph(result.hasPoint ? GraphValue(result.graph) : GraphValue(result.graph.graph))
            } catch {
                throw a.error(graphMessage(error), at: point != nil && "\(error)".contains("the point") ? "point" : "path")
            }
        }
    }
}
