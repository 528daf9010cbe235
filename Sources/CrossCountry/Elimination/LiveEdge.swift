/// An edge of the remaining graph in some position of the elimination game, as a cost model sees
/// it: its ends, the sparsity type of its current partial and the shapes it records.
public struct LiveEdge: Sendable {
    public let source: Node
    public let target: Node
    public let type: SparsityType
    /// The source's shape as the edge records it (the paper's (p1, p2)).
    public let sourceShape: ShapePair
    /// The target's shape as the edge records it (the paper's (o1, o2)).
    public let targetShape: ShapePair
    let record: UInt32
    let game: EliminationGame

    init(source: Int, target: Int, record: UInt32, game: EliminationGame) {
        self.source = game.node(at: source)
        self.target = game.node(at: target)
        type = SparsityType(rawValue: Int(record & 31) - 10) ?? .none
        targetShape = game.shapes[Int((record >> 8) & 0xFFF)]
        sourceShape = game.shapes[Int(record >> 20)]
        self.record = record
        self.game = game
    }

    /// The `paper` cost of multiplying this in-edge u→v with an out-edge v→w of the same vertex.
    public func paperCost(times outEdge: LiveEdge) -> Int { game.pairCost(record, outEdge.record) }
}

extension EliminationGame {
    /// The node at a game index (inputs first, then vertices).
    func node(at index: Int) -> Node { index < inputCount ? .input(index + 1) : .vertex(index - inputCount + 1) }
}

extension EliminationState {
    /// The edges u→v into vertex v in this position, by ascending source.
    public func inEdges(of v: Int) -> [LiveEdge] {
        var edges: [LiveEdge] = []
        forEachInEdge(ofIndex: v - 1) { un, record in
            edges.append(LiveEdge(source: un, target: game.inputCount + v - 1, record: record, game: game))
        }
        return edges
    }

    /// The edges v→w out of vertex v in this position, by ascending target.
    public func outEdges(of v: Int) -> [LiveEdge] {
        let vn = game.inputCount + v - 1
        var edges: [LiveEdge] = []
        forEachSuccessorNode(ofIndex: v - 1) { wn in
            edges.append(LiveEdge(source: vn, target: wn, record: record(from: vn, into: wn - game.inputCount), game: game))
        }
        return edges
    }

    /// The eliminable vertices not eliminated yet, ascending.
    public var remaining: [Int] { game.eliminable.filter { !isEliminated($0) } }
}
