/// An admissible lower bound on the cheapest way to finish the game from a position under the
/// `paper` cost model: the cost spent so far plus, for every vertex still to eliminate, a floor on its own elimination.
///
/// The floor: whenever v is eliminated, its predecessors are exactly the nodes still present
/// that end a path into v whose inner vertices are all eliminated, so they meet every path from
/// an input to v — they form a vertex cut between the inputs and v. Likewise its successors cut v
/// from the outputs. Eliminating more vertices only removes candidate cut nodes, so the minimum
/// cut in the current graph is a floor for every later moment. With each product costing at least
/// inFloor(u)·middle·outFloor(w) (`CostFloors`), v costs at least middle · (minimum
/// inFloor-weighted cut) · (minimum outFloor-weighted cut); on scalar graphs that is the product
/// of the numbers of vertex-disjoint paths from the inputs to v and from v to the outputs.
public struct LowerBound: Sendable {
    public let game: EliminationGame
    let floors: CostFloors
    let isOutput: [Bool]
    private var flow = MaxFlow()
    private var local: [Int]
    private var nodes: [Int] = []

    /// The bound for a game, or nil when its cost model has none (`CostModel.hasLowerBound`) or
    /// its totals could pass 2^53 (`EliminationGame.totalsAreExact`), beyond whole-number sums.
    public init?(game: EliminationGame) {
        self.init(game: game, shouldStop: { false })
    }

    /// The bound's tables for a game, or nil when its model has no bound or `shouldStop` (asked
    /// as they are built) says so.
    init?(game: EliminationGame, shouldStop: () -> Bool) {
        guard game.model.hasLowerBound, game.totalsAreExact else { return nil }
        self.game = game
        guard let floors = CostFloors(game: game, shouldStop: shouldStop) else { return nil }
        self.floors = floors
        var isOutput = [Bool](repeating: false, count: game.nodeCount)
        for v in game.graph.outputs { isOutput[game.inputCount + v - 1] = true }
        self.isOutput = isOutput
        local = [Int](repeating: -1, count: game.nodeCount)
    }

    /// The bound for a position: its cost so far, a floor for every remaining vertex, and what
    /// pairs of adjacent vertices add to their floors because one of them must go first.
    ///
    /// For adjacent u → v (neither an output), either u goes first — then v's cuts cannot use u —
    /// or v goes first and u's cuts cannot use v; the pair costs at least the cheaper of the two
    /// cases. Over vertex-disjoint pairs (chosen greedily by gain) these gains add up. (Pairs that
    /// are not adjacent were tried too: on the paper graphs none of them gains anything.)
    public mutating func value(for state: EliminationState) -> Int {
        value(for: state, shouldStop: { false })!
    }

    /// The bytes the bound's tables take on a game: on structured graphs, per pair of nodes, the
    /// edge types that pair can carry, reachability and two floors.
    public static func tableBytes(_ game: EliminationGame) -> Int {
        game.isScalar ? 0 : game.nodeCount * game.nodeCount * 21
    }

    /// `value(for:)`, or nil when `shouldStop` (asked per vertex) cut it short.
    mutating func value(for state: EliminationState, shouldStop: () -> Bool) -> Int? {
        var floor = [Int](repeating: 0, count: game.vertexCount + 1)
        guard let total = floorSum(for: state, into: &floor, shouldStop: shouldStop) else { return nil }
        var paired = [Bool](repeating: false, count: game.vertexCount + 1)
        let chains = chainGains(state, floor: floor, used: &paired)
        let I = game.inputCount
        var gains: [(gain: Int, u: Int, v: Int)] = []
        for v in game.eliminable where !state.isEliminated(v) && !isOutput[I + v - 1] && !paired[v] {
            if shouldStop() { return nil }
            state.forEachInEdge(ofIndex: v - 1) { un, _ in
                guard un >= I, !isOutput[un], !paired[un - I + 1] else { return }
                let u = un - I + 1
                let uFirst = floor[u] + vertexFloor(state, v, assumingEliminated: u)
                let vFirst = floor[v] + vertexFloor(state, u, assumingEliminated: v)
                let gain = min(uFirst, vFirst) - floor[u] - floor[v]
                if gain > 0 { gains.append((gain, u, v)) }
            }
        }
        gains.sort { ($0.gain, $1.u, $1.v) > ($1.gain, $0.u, $0.v) }
        var extra = chains
        for pair in gains where !paired[pair.u] && !paired[pair.v] {
            paired[pair.u] = true
            paired[pair.v] = true
            extra += pair.gain
        }
        return total + extra
    }

    /// The cost so far plus every remaining vertex's floor, which goes into `floor[v]`.
    mutating func floorSum(for state: EliminationState, into floor: inout [Int]) -> Int {
        floorSum(for: state, into: &floor, shouldStop: { false })!
    }

    private mutating func floorSum(for state: EliminationState, into floor: inout [Int], shouldStop: () -> Bool) -> Int? {
        var total = Int(state.cost)
        for v in game.eliminable where !state.isEliminated(v) {
            if shouldStop() { return nil }
            floor[v] = vertexFloor(state, v)
            total += floor[v]
        }
        return total
    }

    /// A floor on the cost of eliminating v at any time from this position on.
    public mutating func vertexFloor(_ state: EliminationState, _ v: Int) -> Int {
        vertexFloor(state, v, assumingEliminated: nil)
    }

    /// The floor for v when vertex `x` (not an output) is known to go before v: x can then not be
    /// part of either cut.
    mutating func vertexFloor(_ state: EliminationState, _ v: Int, assumingEliminated x: Int?) -> Int {
        let vi = v - 1
        let middle = floors.middleFloor(vi)
        guard middle > 0 else { return 0 }
        let forced = x.map { game.inputCount + $0 - 1 } ?? -1
        let incoming = cut(state, vi, forward: false, forced: forced)
        guard incoming > 0 else { return 0 }
        return middle * incoming * cut(state, vi, forward: true, forced: forced)
    }

    /// The minimum floor-weighted vertex cut between v and the inputs (backward) or the outputs (forward).
    private mutating func cut(_ state: EliminationState, _ vi: Int, forward: Bool, forced: Int) -> Int {
        let I = game.inputCount
        let v = I + vi
        // Neighbours in the search direction; only vertices have adjacency lists.
        func neighbours(_ x: Int, _ body: (Int) -> Void) {
            guard x >= I else { return }
            if forward { state.forEachSuccessorNode(ofIndex: x - I, body) } else { state.forEachInEdge(ofIndex: x - I) { u, _ in body(u) } }
        }
        func weight(_ x: Int) -> Int {
            x == forced ? MaxFlow.infinity : forward ? floors.outFloor(vi, x) : floors.inFloor(vi, x)
        }
        func isTerminal(_ x: Int) -> Bool { forward ? isOutput[x] : x < I }

        // The nodes reachable from v through nodes that cost something to cut.
        nodes.removeAll(keepingCapacity: true)
        local[v] = -2
        var index = 0
        var frontier = v
        while true {
            neighbours(frontier) { x in
                guard local[x] == -1, weight(x) > 0 else { return }
                local[x] = nodes.count
                nodes.append(x)
            }
            guard index < nodes.count else { break }
            frontier = nodes[index]
            index += 1
        }
        let m = nodes.count
        let sink = 2 * m, source = 2 * m + 1
        flow.reset(nodes: 2 * m + 2)
        // Flow runs from the terminals towards v, through x.in → x.out with x's weight as capacity.
        for (k, x) in nodes.enumerated() {
            flow.addEdge(2 * k, 2 * k + 1, weight(x))
            if isTerminal(x) { flow.addEdge(source, 2 * k, MaxFlow.infinity) }
            neighbours(x) { y in
                if local[y] >= 0 { flow.addEdge(2 * local[y] + 1, 2 * k, MaxFlow.infinity) }
            }
        }
        neighbours(v) { y in
            if local[y] >= 0 { flow.addEdge(2 * local[y] + 1, sink, MaxFlow.infinity) }
        }
        local[v] = -1
        for x in nodes { local[x] = -1 }
        return flow.maximumFlow(from: source, to: sink)
    }
}
