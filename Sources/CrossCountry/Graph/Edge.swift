/// An edge u→v of a computational graph carrying the structure of the partial ∂v/∂u: its sparsity
/// type and the game shapes of both ends as the edge records them.
public struct Edge: Hashable, Sendable {
    public var source: Node
    /// The vertex number of the destination (edges always end at a vertex).
    public var target: Int
    public var type: SparsityType
    /// The destination's shape as recorded on this edge (the paper's (o1, o2)).
    public var targetShape: ShapePair
    /// The source's shape as recorded on this edge (the paper's (p1, p2)). Usually the source's own
    /// shape; the published graphs keep a few edges where the paper's tracer recorded another one.
    public var sourceShape: ShapePair

    public init(source: Node, target: Int, type: SparsityType, targetShape: ShapePair, sourceShape: ShapePair) {
        self.source = source
        self.target = target
        self.type = type
        self.targetShape = targetShape
        self.sourceShape = sourceShape
    }
}
