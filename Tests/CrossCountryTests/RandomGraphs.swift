@testable import CrossCountry
import Foundation

/// Small random computational graphs for checking search and bounds against brute force: scalar
/// ones (every edge dense between scalars) and tensor-typed ones (random shapes, random sparsity
/// codes among all 21, now and then an edge recording another shape than its source's), with
/// constant vertices, dead ends and outputs that are also used inside the graph.
enum RandomGraphs {
    static let shapes: [Shape] = [.scalar, .vector(2), .vector(3), .matrix(2, 3), .matrix(3, 2), .matrix(1, 4)]
    static let codes = Array(SparsityType.codes.filter { $0 != 0 })

    /// How many random graphs a test checks: `normal`, or `$CCS_RANDOM_GRAPHS` for a longer run.
    static func count(_ normal: Int) -> Int {
        ProcessInfo.processInfo.environment["CCS_RANDOM_GRAPHS"].flatMap(Int.init) ?? normal
    }

    /// A graph with exactly `eliminable` eliminable vertices.
    static func make(seed: UInt64, eliminable: Int, tensor: Bool) -> ComputationalGraph {
        var rng = SplitMix64(seed: seed)
        func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        while true {
            let inputCount = 1 + pick(3)
            let vertexCount = eliminable + 1 + pick(3)
            let inputs = (1...inputCount).map { ComputationalGraph.Input(name: "x\($0)", shape: tensor ? shapes[pick(shapes.count)] : .scalar) }
            let vertices = (1...vertexCount).map { _ in ComputationalGraph.Vertex(op: "op", shape: tensor ? shapes[pick(shapes.count)] : .scalar) }
            func shape(_ node: Node) -> ShapePair {
                switch node {
                case let .input(i): return inputs[i - 1].shape.pair
                case let .vertex(k): return vertices[k - 1].shape.pair
                }
            }
            var edges: [Edge] = []
            var feeds = [Bool](repeating: false, count: vertexCount + 1)
            for k in 1...vertexCount {
                if k > 1 && pick(12) == 0 { continue }  // a constant vertex: no in-edges
                var sources = Set<Node>()
                for _ in 0..<(1 + pick(3)) {
                    // Mostly recent vertices, sometimes an input.
                    let earlier = k - 1
                    if earlier == 0 || pick(4) == 0 {
                        sources.insert(.input(1 + pick(inputCount)))
                    } else {
                        sources.insert(.vertex(k - 1 - pick(min(earlier, 4))))
                    }
                }
                for source in sources.sorted() {
                    if case let .vertex(j) = source { feeds[j] = true }
                    var sourceShape = shape(source)
                    if tensor && pick(15) == 0 { sourceShape = shapes[pick(shapes.count)].pair }
                    edges.append(Edge(
                        source: source, target: k, type: tensor ? SparsityType(rawValue: codes[pick(codes.count)])! : .dense,
                        targetShape: shape(.vertex(k)), sourceShape: sourceShape))
                }
            }
            // Sinks are outputs (a few stay dead ends); sometimes an inner vertex is an output too.
            var outputs = (1...vertexCount).filter { !feeds[$0] && ($0 == vertexCount || pick(5) != 0) }
            if pick(3) == 0 { outputs.append(1 + pick(vertexCount)) }
            outputs = Array(Set(outputs)).sorted()
            guard let graph = try? ComputationalGraph(
                name: "random\(seed)", inputs: inputs, vertices: vertices, outputs: outputs, edges: edges),
                graph.intermediateCount == eliminable
            else { continue }
            return graph
        }
    }
}

/// The cheapest order by trying every order — with positions that are identical in every field
/// (eliminated set, adjacency, edge records) solved once: the independent oracle for the exact
/// search and the lower bounds.
enum BruteForce {
    static func optimum(_ game: EliminationGame) -> Double { optimum(from: game.start()) }

    /// The cheapest total cost of any completion of `start`.
    static func optimum(from start: EliminationState) -> Double {
        var memo: [[UInt64]: Double] = [:]
        func rest(_ state: EliminationState) -> Double {
            let remaining = state.game.eliminable.filter { !state.isEliminated($0) }
            if remaining.isEmpty { return 0 }
            // Every vertex's in-edges (source and record) and successors, list by list.
            let game = state.game
            var key: [UInt64] = state.eliminatedFlags.map { $0 ? 1 : 0 }
            for vi in 0..<game.vertexCount {
                key.append(UInt64.max)
                state.forEachInEdge(ofIndex: vi) { u, record in key.append(UInt64(u) << 32 | UInt64(record)) }
                key.append(UInt64.max)
                state.forEachSuccessorNode(ofIndex: vi) { key.append(UInt64($0)) }
            }
            if let known = memo[key] { return known }
            var best = Double.infinity
            for v in remaining {
                var next = state
                let step = next.eliminate(v)
                best = min(best, step + rest(next))
            }
            memo[key] = best
            return best
        }
        return start.cost + rest(start)
    }
}
