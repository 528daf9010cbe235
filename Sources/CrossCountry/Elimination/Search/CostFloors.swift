/// Lower bounds, valid at any time and in any order, on what one (predecessor u, successor w)
/// product costs when vertex v is eliminated: at least `inFloor(v, u) · middleFloor(v) · outFloor(v, w)`.
///
/// Why this holds: a product's cost is 0 (the contraction table keeps no factor) or the product of
/// three parts — the kept extents of w's recorded shape, of v's, and of u's. Which parts are kept
/// depends on the sparsity types of u→v and v→w at the time, and those types change as fill-in
/// adds products onto edges. So the types every edge can ever carry are over-approximated first
/// (a closure over the product and sum tables, along every path whose inner vertices may be
/// eliminated), and then each part is minimised separately over every possible type pair and
/// recorded shape; a possible free pair makes the u- and w-side floors 0. On scalar graphs every
/// floor is 1, and the bound is the classical |pred(v)|·|succ(v)| ≥ 1·1 per pair.
struct CostFloors: Sendable {
    let nodeCount: Int
    /// False on scalar graphs, where every floor is 1 and the tables are empty.
    let isWeighted: Bool
    private let inFloors: [Int]
    private let outFloors: [Int]
    private let middleFloors: [Int]
    /// types[u * nodeCount + w]: a bit per table index for every type the edge u→w can ever carry.
    private let types: [UInt32]
    /// The shapes recorded as source on a node's out-edges, and as target on its in-edges.
    private let sourceShapes: [[Int]]
    private let targetShapes: [[Int]]
    private let game: EliminationGame
    /// Node indices with every edge's source before its target (empty on scalar graphs).
    let topological: [Int]

    /// The u-side floor for vertex index `vi` and predecessor node `u`.
    @inline(__always) func inFloor(_ vi: Int, _ u: Int) -> Int { isWeighted ? inFloors[vi * nodeCount + u] : 1 }
    /// The w-side floor for vertex index `vi` and successor node `w`.
    @inline(__always) func outFloor(_ vi: Int, _ w: Int) -> Int { isWeighted ? outFloors[vi * nodeCount + w] : 1 }
    /// The v-side floor; 0 when every product v can ever take part in is free.
    @inline(__always) func middleFloor(_ vi: Int) -> Int { isWeighted ? middleFloors[vi] : 1 }

    /// The floors of a game, or nil when `shouldStop` (asked between rows) says so: on structured
    /// graphs they take time cubic and memory quadratic in the nodes.
    init?(game: EliminationGame, shouldStop: () -> Bool) {
        self.game = game
        nodeCount = game.nodeCount
        guard !game.isScalar else {
            isWeighted = false
            inFloors = []
            outFloors = []
            middleFloors = []
            types = []
            sourceShapes = []
            targetShapes = []
            topological = []
            return
        }
        isWeighted = true
        let N = game.nodeCount, I = game.inputCount, V = game.vertexCount
        let T = SparsityTables.size

        // Original edges, recorded shapes per node, and reachability.
        var sourceShapes = [[Int]](repeating: [], count: N)
        var targetShapes = [[Int]](repeating: [], count: N)
        var types = [UInt32](repeating: 0, count: N * N)
        var successors = [[Int]](repeating: [], count: N)
        let start = game.start()
        for vi in 0..<V {
            let w = I + vi
            start.forEachInEdge(ofIndex: vi) { u, record in
                types[u * N + w] = 1 << (record & 31)
                successors[u].append(w)
                let source = Int(record >> 20), target = Int((record >> 8) & 0xFFF)
                if !sourceShapes[u].contains(source) { sourceShapes[u].append(source) }
                if !targetShapes[w].contains(target) { targetShapes[w].append(target) }
            }
        }
        let topological = ComputationalGraph.topologicalOrder(successors)
        var reaches = [Bool](repeating: false, count: N * N)
        for u in topological.reversed() {
            if shouldStop() { return nil }
            for w in successors[u] {
                reaches[u * N + w] = true
                for x in 0..<N where reaches[w * N + x] { reaches[u * N + x] = true }
            }
        }
        func eliminable(_ node: Int) -> Bool { node >= I && game.isEliminable[node - I] }

        // Every type an edge u→w can carry: its own, and sums with products through any inner vertex.
        for (wPosition, w) in topological.enumerated() {
            if shouldStop() { return nil }
            for u in topological[..<wPosition].reversed() where reaches[u * N + w] {
                var products: UInt32 = 0
                for v in 0..<N where eliminable(v) && reaches[u * N + v] && reaches[v * N + w] {
                    Self.forEachBit(types[u * N + v]) { a in
                        Self.forEachBit(types[v * N + w]) { b in
                            products |= 1 << UInt32(game.pairTable[a * T + b] >> 8)
                        }
                    }
                }
                var set = types[u * N + w] | products
                var grown = true
                while grown {
                    var next = set
                    Self.forEachBit(set) { e in
                        Self.forEachBit(products) { p in next |= 1 << UInt32(game.sumTable[e * T + p]) }
                    }
                    grown = next != set
                    set = next
                }
                types[u * N + w] = set
            }
        }

        // Floors per vertex, minimised over every possible type pair and recorded shape.
        var inFloors = [Int](repeating: 0, count: V * N)
        var outFloors = [Int](repeating: 0, count: V * N)
        var middleFloors = [Int](repeating: 0, count: V)
        for vi in 0..<V where game.isEliminable[vi] {
            if shouldStop() { return nil }
            let v = I + vi
            var inTypes: UInt32 = 0, outTypes: UInt32 = 0
            for x in 0..<N {
                if reaches[x * N + v] { inTypes |= types[x * N + v] }
                if reaches[v * N + x] { outTypes |= types[v * N + x] }
            }
            // part(mask, k) is the product of the extents the mask keeps among factor pair k.
            func part(_ shape: Int, _ mask: Int, absolute: Bool = false) -> Int {
                absolute ? game.absFactor[shape * 4 + mask] : game.factor[shape * 4 + mask]
            }
            var middle = Int.max
            Self.forEachBit(inTypes) { a in
                Self.forEachBit(outTypes) { b in
                    let entry = Int(game.pairTable[a * T + b])
                    guard entry & 64 != 0 else { return }
                    for s in sourceShapes[v] { middle = min(middle, part(s, (entry >> 2) & 3, absolute: true)) }
                }
            }
            middleFloors[vi] = middle == Int.max ? 0 : middle
            for u in 0..<N where reaches[u * N + v] {
                var floor = Int.max
                Self.forEachBit(types[u * N + v]) { a in
                    Self.forEachBit(outTypes) { b in
                        let entry = Int(game.pairTable[a * T + b])
                        guard entry & 64 != 0 else { floor = 0; return }
                        for s in sourceShapes[u] { floor = min(floor, part(s, (entry >> 4) & 3)) }
                    }
                }
                inFloors[vi * N + u] = floor == Int.max ? 0 : floor
            }
            for w in 0..<N where reaches[v * N + w] {
                var floor = Int.max
                Self.forEachBit(inTypes) { a in
                    Self.forEachBit(types[v * N + w]) { b in
                        let entry = Int(game.pairTable[a * T + b])
                        guard entry & 64 != 0 else { floor = 0; return }
                        for s in targetShapes[w] { floor = min(floor, part(s, entry & 3)) }
                    }
                }
                outFloors[vi * N + w] = floor == Int.max ? 0 : floor
            }
        }
        self.inFloors = inFloors
        self.outFloors = outFloors
        self.middleFloors = middleFloors
        self.types = types
        self.topological = topological
        self.sourceShapes = sourceShapes
        self.targetShapes = targetShapes
    }

    /// A floor on one product u→v→w (nodes u, w; vertex node v) at any time: the cheapest over
    /// every type the two edges can carry and every shape they can record (1 on scalar graphs).
    func productFloor(_ u: Int, _ v: Int, _ w: Int) -> Int {
        guard isWeighted else { return 1 }
        let N = nodeCount, T = SparsityTables.size
        var floor = Int.max
        Self.forEachBit(types[u * N + v]) { a in
            Self.forEachBit(types[v * N + w]) { b in
                let entry = Int(game.pairTable[a * T + b])
                guard entry & 64 != 0 else {
                    floor = 0
                    return
                }
                for sw in targetShapes[w] {
                    for sv in sourceShapes[v] {
                        for su in sourceShapes[u] {
                            floor = min(floor, game.factor[sw * 4 + (entry & 3)] * game.absFactor[sv * 4 + ((entry >> 2) & 3)]
                                * game.factor[su * 4 + ((entry >> 4) & 3)])
                        }
                    }
                }
            }
        }
        return floor == Int.max ? 0 : floor
    }

    @inline(__always)
    private static func forEachBit(_ set: UInt32, _ body: (Int) -> Void) {
        var word = set
        while word != 0 {
            body(word.trailingZeroBitCount)
            word &= word &- 1
        }
    }
}
