/// The rules of a cost model that follows an attribute on every live edge — for `exact`, the
/// partial's structure; for a model of generated code, also whether the partial is a constant. The
/// game keeps the attributes beside the paper's records, in an adjacency of their own that changes
/// exactly as the records' does, and combines them at every step with `combine`; two positions are
/// the same only when their attributes are too.
///
/// Attributes are 32-bit ids of the algebra's own choosing (typically interned values). An algebra
/// is shared by every position of its game, which search plays on several threads at once, so
/// `combine` must be safe to call concurrently.
public protocol EdgeAlgebra: AnyObject, Sendable {
    /// The attribute of the graph's edge u→v (`source` u, `vertex` v) before any elimination.
    func attribute(from source: Node, to vertex: Int) throws(GraphError) -> UInt32

    /// Eliminating v adds (v→w)·(u→v) onto u→w: the attribute of u→w afterwards, given the factors'
    /// (`in` is u→v's, `out` v→w's) and u→w's before (nil when the edge is new), and what forming
    /// and adding the product costs.
    func combine(in inAttribute: UInt32, out outAttribute: UInt32, existing: UInt32?) -> (attribute: UInt32, cost: Double)
}

/// An edge algebra as the adjacency's record rules; one that shares values prices each step
/// against the position's computed values, which the step carries while it runs.
struct AttributeRecords: RecordAlgebra {
    let algebra: any EdgeAlgebra
    let sharing: (any ValueSharingAlgebra)?
    var values: ComputedValues

    @inline(__always)
    mutating func combine(in inRecord: UInt32, out outRecord: UInt32, existing: UInt32?) -> (record: UInt32, cost: Double) {
        let (attribute, cost) = if let sharing {
            sharing.combine(in: inRecord, out: outRecord, existing: existing, values: &values)
        } else {
            algebra.combine(in: inRecord, out: outRecord, existing: existing)
        }
        return (attribute, cost)
    }
}
