import CrossCountry
import Foundation

/// The op listings of `../shared/paper/tasks.md` ("v12:f32[] = mul -0.5 v11"), replayed through the
/// graph builder: the paper's scalar tasks, traced the way the paper traced them.
enum TaskListing {
    struct Listing {
        var inputs: Int
        var outputs: [Int]
        /// (op with parameters, operand tokens) per vertex.
        var lines: [(String, [String])]
    }

    static var path: String {
        TestVectors.path.replacingOccurrences(of: "vertex-game-testvectors.json", with: "tasks.md")
    }

    /// The listing whose heading starts with `### NAME(`.
    static func listing(_ name: String) -> Listing? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("### \(name)(") }) else { return nil }
        var listing = Listing(inputs: 0, outputs: [], lines: [])
        for line in lines[(start + 1)...] {
            if line.hasPrefix("### ") { break }
            if line.hasPrefix("inputs:") {
                listing.inputs = line.components(separatedBy: "x").count - 1
            } else if line.hasPrefix("outputs (in order):") {
                listing.outputs = line.dropFirst("outputs (in order):".count).split(separator: ",")
                    .compactMap { Int($0.trimmingCharacters(in: .whitespaces).dropFirst()) }
            } else if line.hasPrefix("v"), let eq = line.range(of: " = ") {
                let tokens = line[eq.upperBound...].split(separator: " ").map(String.init)
                listing.lines.append((tokens[0], Array(tokens.dropFirst())))
            }
        }
        return listing
    }

    /// The primitive of a listing op. `square` becomes `integer_pow[2]`: the listings come from JAX
    /// 0.5, the published graphs from JAX 0.4.26, which lowered `x**2` in `g` that way.
    static func primitive(_ op: String) -> Primitive? {
        if op == "square" { return .integerPow(2) }
        if op.hasPrefix("integer_pow[y="), let n = Int(op.dropFirst("integer_pow[y=".count).dropLast()) {
            return .integerPow(n)
        }
        let all = Primitive.unaryElementwise + Primitive.binaryElementwise
        return all.first { $0.name == op }
    }

    /// Traces a scalar listing at `point` (one value per input).
    static func trace(_ name: String, at point: [Double]) throws -> NumericGraph {
        guard let listing = listing(name) else { throw TraceError.notScalar("no listing for \(name) in \(path)") }
        let b = GraphBuilder(name: name)
        var inputs: [Operand] = []
        for i in 0..<listing.inputs { inputs.append(try b.input("x\(i)", Tensor(point[i]))) }
        var vertices: [Operand] = []
        for (op, tokens) in listing.lines {
            guard let p = primitive(op) else { throw TraceError.notScalar("unknown op \(op)") }
            let operands = tokens.map { t -> Operand in
                if t.hasPrefix("x"), let i = Int(t.dropFirst()) { return inputs[i] }
                if t.hasPrefix("v"), let k = Int(t.dropFirst()) { return vertices[k - 1] }
                return .constant(Tensor(Double(t)!))
            }
            vertices.append(try b.apply(p, operands))
        }
        for k in listing.outputs { try b.markOutput(vertices[k - 1]) }
        return try b.build()
    }
}
