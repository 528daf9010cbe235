import CrossCountry
import Foundation

extension Builtins {
    /// `import_jaxpr`: a JAX function's graph from its jaxpr.
    static func importing() -> Builtin {
        Builtin("import_jaxpr", [parameter("path"), parameter("point", .nothing)],
                summary: "The graph of a JAX function from its jaxpr (the text print(jax.make_jaxpr(f)(*args)) writes): orders and costs; with point (one value per input), its values and Jacobians too. A relative path is taken from the script's folder, else from stdlib/examples.",
                example: "let h = import_jaxpr(\"f.jaxpr\", point: ([1, 2, 3], [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], [0, 0]))") { (a: inout Arguments) throws(ScriptError) in
            let written = try a.string("path")
            var path = Modules.resolve(written, from: a.range("path").file.name)
            if !FileManager.default.fileExists(atPath: path), !written.hasPrefix("/"), let stdlib = PaperGraphs.standardLibrary() {
                let example = (stdlib as NSString).appendingPathComponent("examples/" + written)
                if FileManager.default.fileExists(atPath: example) { path = example }
            }
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
