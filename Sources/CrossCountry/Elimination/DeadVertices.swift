/// Dead vertices: eliminable vertices with no in-edges (a `stop_gradient` and what only it feeds)
/// or no out-edges (a value only a `stop_gradient` reads). Eliminating one multiplies nothing and
/// only deletes its edges, and a dead vertex never gains the edges it lacks, so taking the dead
/// vertices first never makes an order dearer: every other step then sees the same edges among the
/// remaining vertices, minus the products that involved the dead ones.
extension EliminationState {
    /// Whether vertex v may be eliminated now and has no predecessors or no successors left.
    public func isDead(_ v: Int) -> Bool {
        canEliminate(v) && (predecessorCount(ofIndex: v - 1) == 0 || successorCount(ofIndex: v - 1) == 0)
    }

    /// Eliminates every dead vertex, ascending, until none is left (what only dead vertices feed,
    /// or what only they read, dies in turn), and returns how many went. Eliminating a live vertex
    /// never kills another, so after this a game has no dead vertex again.
    @discardableResult
    public mutating func eliminateDeadVertices() -> Int {
        let before = eliminated.count
        var changed = true
        while changed {
            changed = false
            for v in game.eliminable where isDead(v) {
                eliminate(v)
                changed = true
            }
        }
        return eliminated.count - before
    }
}

extension EliminationGame {
    /// The position after the dead vertices: where a player starts that never wastes a move on them.
    public func startWithoutDeadVertices() -> EliminationState {
        var state = start()
        state.eliminateDeadVertices()
        return state
    }

    /// `order` with its dead vertices taken first, as `eliminateDeadVertices` takes them: the
    /// same vertices, never a higher cost.
    public func deadVerticesFirst(_ order: [Int]) -> [Int] {
        let state = startWithoutDeadVertices()
        return state.eliminated + order.filter { !state.isEliminated($0) }
    }
}
