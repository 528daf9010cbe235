import CrossCountry
import Foundation

/// The network's view of a position: one token per live vertex (eliminable and not yet eliminated,
/// or an output that is never eliminated), each with size-independent features — degrees, the
/// cost and Markowitz degree of eliminating it now (absolute and relative to the cheapest choice),
/// fill-in, shape, place in the graph, how many of its neighbours are inputs and outputs, the mix of
/// sparsity types on its edges, and the sizes of the graph's inputs and outputs (which decide
/// between forward- and reverse-like play). The feature set
/// has a name that policy files record, so a policy never meets features it was not trained on.
public enum VertexFeatures {
    /// The name of this feature set, recorded in policy files.
    public static let setName = "ccs-vertex-features-2"

    /// Slots of the per-vertex feature vector.
    enum Slot {
        static let legal = 0, output = 1, predecessors = 2, successors = 3, inputShare = 4
        static let cost = 5, relativeCost = 6, markowitz = 7, relativeMarkowitz = 8
        static let fillIn = 9, edgeChange = 10, rows = 11, columns = 12
        static let position = 13, depth = 14, height = 15, costRank = 16
        static let eliminatedShare = 17, liveCount = 18
        /// 21 slots for in-edge sparsity types, then 21 for out-edge types (code 0 never occurs).
        static let inTypes = 19, outTypes = 40
        static let outputShare = 61, inputSize = 62, outputSize = 63, outputCount = 64
        static let count = 65
    }

    public static var count: Int { Slot.count }

    /// The wide policy weights of a fresh network: logits −κ·(½ log-cost + ½ log-Markowitz) relative
    /// to the cheapest vertex, so that an untrained policy already plays a sharp greedy heuristic.
    static func greedyPrior(sharpness: Double) -> [(feature: Int, weight: Double)] {
        [(Slot.relativeCost, -2 * sharpness), (Slot.relativeMarkowitz, -2 * sharpness)]
    }

    /// The greedy prior's ranking: log-cost plus log-Markowitz orders vertices as
    /// (1 + cost)·(1 + Markowitz degree) does. On large graphs the network sees only the vertices
    /// this ranks first (`GraphContext.window`).
    static func priorScore(_ state: EliminationState, _ v: Int) -> Double {
        (1 + state.costOfEliminating(v)) * (1 + Double(state.markowitzDegree(v)))
    }

    static func typeSlot(_ type: SparsityType) -> Int {
        type.rawValue < 0 ? type.rawValue + 10 : type.rawValue + 9
    }
}

/// What the features need of a graph that does not change as it is played: shapes, program
/// position, depth from the inputs and height above the sinks.
final class GraphContext: Sendable {
    let game: EliminationGame
    /// Per vertex index: log-scaled rows and columns, position, depth, height.
    let rows: [Float], columns: [Float], position: [Float], depth: [Float], height: [Float]
    let isOutput: [Bool]
    /// Global features: log-scaled total input size, total output size and output count.
    let inputSize: Float, outputSize: Float, outputCount: Float
    /// Per vertex index: an output that is never eliminated (a token until the end).
    let isPermanent: [Bool]
    /// A cost scale for values: the cheapest of forward, reverse and Markowitz.
    let scale: Double
    /// On graphs with more eliminable vertices than `windowThreshold`, how many candidates the
    /// network sees per move: the `window` vertices the greedy prior ranks first (attention over
    /// every live vertex is quadratic per move); nil sees every live vertex, as on paper graphs.
    let window: Int?
    static let windowThreshold = 512
    static let windowSize = 64
    private let zobrist: [UInt64]

    /// Where every player starts: the dead vertices are gone (they cost nothing, and taking them
    /// first never makes an order dearer), so no move is spent learning that.
    func start() -> EliminationState { game.startWithoutDeadVertices() }

    init(_ game: EliminationGame, baseline: Double) {
        self.game = game
        scale = baseline > 0 ? baseline : 1
        window = game.eliminable.count > Self.windowThreshold ? Self.windowSize : nil
        let graph = game.graph
        inputSize = Float(Foundation.log1p(Double(graph.inputs.reduce(0) { $0 + $1.shape.count }))) / 8
        outputSize = Float(Foundation.log1p(Double(graph.outputs.reduce(0) { $0 + graph.vertices[$1 - 1].shape.count }))) / 8
        outputCount = Float(Foundation.log1p(Double(graph.outputCount))) / 4
        var random = SplitMix64(seed: 0x5EED)
        zobrist = (0..<game.vertexCount).map { _ in random.next() }
        let n = graph.vertexCount
        var outputFlags = [Bool](repeating: false, count: n)
        for v in graph.outputs { outputFlags[v - 1] = true }
        isOutput = outputFlags
        var permanent = outputFlags
        for v in game.eliminable { permanent[v - 1] = false }
        isPermanent = permanent
        rows = graph.vertices.map { Float(Foundation.log1p(Double($0.shape.pair.first))) / 3 }
        columns = graph.vertices.map { Float(Foundation.log1p(Double($0.shape.pair.second))) / 3 }
        position = (0..<n).map { n > 1 ? Float($0) / Float(n - 1) : 0 }

        // Longest paths from the inputs and to the sinks, over a topological order.
        var successors = [[Int]](repeating: [], count: n), predecessors = [[Int]](repeating: [], count: n)
        for edge in graph.edges {
            guard case let .vertex(u) = edge.source else { continue }
            successors[u - 1].append(edge.target - 1)
            predecessors[edge.target - 1].append(u - 1)
        }
        let order = graph.topologicalVertexOrder.map { $0 - 1 }
        var depth = [Int](repeating: 1, count: n), height = [Int](repeating: 0, count: n)
        for v in order { for u in predecessors[v] { depth[v] = max(depth[v], depth[u] + 1) } }
        for v in order.reversed() { for w in successors[v] { height[v] = max(height[v], height[w] + 1) } }
        let maxDepth = Float(depth.max() ?? 1), maxHeight = Float(max(height.max() ?? 1, 1))
        self.depth = depth.map { Float($0) / maxDepth }
        self.height = height.map { Float($0) / maxHeight }
    }

    /// A position's key for remembering evaluations: the XOR of a fixed random number per eliminated
    /// vertex, so equal sets of eliminated vertices share a key whatever their order.
    func key(_ state: EliminationState) -> UInt64 {
        var key: UInt64 = 0
        for v in state.eliminated { key ^= zobrist[v - 1] }
        return key
    }

    /// Whether vertex v (1-based) is a token in this position.
    @inline(__always)
    func isLive(_ state: EliminationState, _ v: Int) -> Bool {
        isPermanent[v - 1] || state.canEliminate(v)
    }
}

/// Writes positions as network input: the live vertices' features, which vertex each token is and
/// whether it may be eliminated. Keeps its scratch space between calls (one per thread).
final class FeatureEncoder {
    private(set) var vertices: [Int] = []
    private(set) var legal: [Bool] = []
    private var costs: [Double] = [], markowitz: [Double] = [], sorted: [Double] = []

    /// The live vertices of a position (its tokens), ascending — or, given `candidates` (a large
    /// graph's window), those.
    func tokens(_ state: EliminationState, _ context: GraphContext, candidates: [Int]? = nil) -> Int {
        vertices.removeAll(keepingCapacity: true)
        legal.removeAll(keepingCapacity: true)
        if let candidates {
            vertices.append(contentsOf: candidates.sorted())
            legal.append(contentsOf: repeatElement(true, count: vertices.count))
            return vertices.count
        }
        for v in 1...context.game.vertexCount where context.isLive(state, v) {
            vertices.append(v)
            legal.append(state.canEliminate(v))
        }
        return vertices.count
    }

    /// Writes the features of the tokens found by the last `tokens` call.
    func encode<T: NetScalar>(_ state: EliminationState, _ context: GraphContext, into x: UnsafeMutablePointer<T>) {
        typealias S = VertexFeatures.Slot
        let f = S.count, n = vertices.count
        x.update(repeating: 0, count: n * f)
        costs.removeAll(keepingCapacity: true)
        markowitz.removeAll(keepingCapacity: true)
        var minCost = Double.infinity, minMarkowitz = Double.infinity
        for (v, isLegal) in zip(vertices, legal) {
            let c = isLegal ? log1p(Double(state.costOfEliminating(v))) : 0
            let m = isLegal ? log1p(Double(state.markowitzDegree(v))) : 0
            costs.append(c)
            markowitz.append(m)
            if isLegal { minCost = min(minCost, c); minMarkowitz = min(minMarkowitz, m) }
        }
        sorted.removeAll(keepingCapacity: true)
        for (c, isLegal) in zip(costs, legal) where isLegal { sorted.append(c) }
        sorted.sort()
        let legalCount = sorted.count
        let game = context.game
        let eliminatedShare = T(Double(state.eliminated.count) / Double(max(1, game.eliminable.count)))
        let liveCount = T(log1p(Double(n)) / 5)
        for (t, v) in vertices.enumerated() {
            let row = x + t * f, vi = v - 1
            let pred = state.predecessorCount(v), succ = state.successorCount(v)
            row[S.legal] = legal[t] ? 1 : 0
            row[S.output] = context.isOutput[vi] ? 1 : 0
            row[S.predecessors] = T(log1p(Double(pred)) / 4)
            row[S.successors] = T(log1p(Double(succ)) / 4)
            row[S.inputShare] = pred > 0 ? T(Double(state.inputPredecessorCount(v)) / Double(pred)) : 0
            if legal[t] {
                let fill = state.fillIn(v)
                row[S.cost] = T(costs[t] / 10)
                row[S.relativeCost] = T((costs[t] - minCost) / 4)
                row[S.markowitz] = T(markowitz[t] / 10)
                row[S.relativeMarkowitz] = T((markowitz[t] - minMarkowitz) / 4)
                row[S.fillIn] = T(log1p(Double(fill)) / 4)
                let change = Double(fill - pred - succ)
                row[S.edgeChange] = T((change < 0 ? -1 : 1) * log1p(abs(change)) / 4)
                var below = 0, above = legalCount
                while below < above {
                    let middle = (below + above) / 2
                    if sorted[middle] < costs[t] { below = middle + 1 } else { above = middle }
                }
                row[S.costRank] = legalCount > 1 ? T(Double(below) / Double(legalCount - 1)) : 0
            }
            row[S.rows] = T(context.rows[vi])
            row[S.columns] = T(context.columns[vi])
            row[S.position] = T(context.position[vi])
            row[S.depth] = T(context.depth[vi])
            row[S.height] = T(context.height[vi])
            row[S.eliminatedShare] = eliminatedShare
            row[S.liveCount] = liveCount
            row[S.inputSize] = T(context.inputSize)
            row[S.outputSize] = T(context.outputSize)
            row[S.outputCount] = T(context.outputCount)
            if succ > 0 {
                var outputs = 0
                state.forEachSuccessor(of: v) { if context.isOutput[$0 - 1] { outputs += 1 } }
                row[S.outputShare] = T(Double(outputs) / Double(succ))
            }
            if pred > 0 {
                let share = T(1) / T(pred)
                state.forEachEdgeType(of: v, incoming: true) { row[S.inTypes + VertexFeatures.typeSlot($0)] += share }
            }
            if succ > 0 {
                let share = T(1) / T(succ)
                state.forEachEdgeType(of: v, incoming: false) { row[S.outTypes + VertexFeatures.typeSlot($0)] += share }
            }
        }
    }
}
