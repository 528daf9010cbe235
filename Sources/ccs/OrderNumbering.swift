import ArgumentParser
import CrossCountry

/// `--for`: whose vertex numbers a printed order uses — ccs's, or graphax's (the 1-based position of
/// each vertex's equation in the jaxpr, as `jacve(f, order=[…])` takes them; AlphaGrad numbers
/// vertices the same way). A graph imported from a jaxpr records each vertex's equation; any other
/// graph counts its vertices as JAX counts equations when it was traced from the same program.
enum OrderNumbering: String, ExpressibleByArgument, CaseIterable {
    case ccs, graphax

    /// The order's vertices in this numbering. Vertices inlined from one call (a jit region) share
    /// their equation, which graphax eliminates once: at the first of them.
    func vertices(_ order: [Int], in graph: ComputationalGraph) -> [Int] {
        guard self == .graphax else { return order }
        var seen: Set<Int> = []
        return order.map { graph.vertices[$0 - 1].equation ?? $0 }.filter { seen.insert($0).inserted }
    }

    /// The order as printed: `3,1,2` for ccs, a Python list `[3, 1, 2]` for graphax.
    func text(_ order: [Int], in graph: ComputationalGraph) -> String {
        let numbers = vertices(order, in: graph).map(String.init)
        return self == .graphax ? "[" + numbers.joined(separator: ", ") + "]" : numbers.joined(separator: ",")
    }
}
