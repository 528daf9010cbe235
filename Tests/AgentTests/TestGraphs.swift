import CrossCountry
import Foundation

/// Small graphs for the agent's tests, and paths into this checkout.
enum TestGraphs {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A random scalar DAG: each vertex reads one to three earlier nodes; the last `outputs` vertices
    /// are outputs.
    static func random(seed: UInt64, inputs: Int = 3, vertices: Int = 12, outputs: Int = 2) -> ComputationalGraph {
        var random = SplitMix64(seed: seed)
        var edges: [Edge] = []
        for k in 1...vertices {
            var sources = Set<Node>()
            let wanted = Int.random(in: 1...3, using: &random)
            while sources.count < min(wanted, inputs + k - 1) {
                let pick = Int.random(in: 1...(inputs + k - 1), using: &random)
                sources.insert(pick <= inputs ? .input(pick) : .vertex(pick - inputs))
            }
            for source in sources.sorted() {
                edges.append(Edge(source: source, target: k, type: .dense, targetShape: ShapePair(1, 1), sourceShape: ShapePair(1, 1)))
            }
        }
        // Every vertex but the outputs feeds a later one, so that all of them matter.
        for k in 1...(vertices - outputs) where !edges.contains(where: { $0.source == .vertex(k) }) {
            edges.append(Edge(source: .vertex(k), target: vertices, type: .dense, targetShape: ShapePair(1, 1), sourceShape: ShapePair(1, 1)))
        }
        return try! ComputationalGraph(
            name: "random\(seed)", inputs: (1...inputs).map { .init(name: "x\($0)", shape: .scalar) },
            vertices: (1...vertices).map { _ in .init(op: "mul", shape: .scalar) },
            outputs: Array((vertices - outputs + 1)...vertices), edges: edges)
    }

    static func paper(_ name: String) -> ComputationalGraph {
        try! GraphFile.loadOne(packageRoot.appendingPathComponent("stdlib/paper/graphs/\(name).json").path)
    }
}
