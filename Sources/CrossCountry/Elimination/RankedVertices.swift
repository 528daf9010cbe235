/// The remaining vertices of a position ranked by a score, kept current as the position is played:
/// after each elimination only the vertices whose score it can change (`ScoreReach`) are
/// re-scored, so a whole game costs O((V + E) log V) on graphs of bounded degree. Greedy
/// heuristics take the first; a policy on a large graph looks at the first few.
public struct RankedVertices<Score: Comparable & AdditiveArithmetic> {
    private var heap: IndexedHeap<Score>
    private let reach: ScoreReach
    private var touched: [Int] = []
    private var marked: [Bool]
    /// `first(_:)`'s buffers, kept so that a move allocates only the list it returns.
    private var taken: [Int] = []
    private var frontier: [Int32] = []

    /// Ranks the remaining vertices of `state` by `score`, lowest first, ties to the lowest (or
    /// highest) vertex number.
    @_specialize(exported: true, where Score == Double)
    public init(_ state: EliminationState, tieBreak: TieBreak = .lowest, reach: ScoreReach = .incidentEdges,
                score: (EliminationState, Int) -> Score) {
        let game = state.game
        heap = IndexedHeap(capacity: game.vertexCount, highestFirst: tieBreak == .highest)
        for v in game.eliminable where !state.isEliminated(v) { heap.insert(v - 1, score: score(state, v)) }
        self.reach = reach
        marked = [Bool](repeating: false, count: game.vertexCount)
    }

    /// The remaining vertex of lowest score (nil when none is left).
    public var first: Int? { heap.first.map { $0 + 1 } }

    /// The `count` remaining vertices of lowest score, best first.
    @_specialize(exported: true, where Score == Double)
    public mutating func first(_ count: Int) -> [Int] {
        heap.smallest(count, into: &taken, frontier: &frontier)
        return taken.map { $0 + 1 }
    }

    /// Eliminates v (a remaining vertex) from `state` and re-scores what that changes.
    @_specialize(exported: true, where Score == Double)
    public mutating func eliminate(_ v: Int, in state: inout EliminationState, score: (EliminationState, Int) -> Score) {
        state.collectRescored(around: v - 1, reach: reach, into: &touched, marked: &marked)
        if heap.contains(v - 1) { heap.remove(v - 1) }
        state.eliminate(v)
        for x in touched {
            marked[x] = false
            if heap.contains(x) { heap.update(x, score: score(state, x + 1)) }
        }
    }
}
