import Synchronization

/// The `exact` model's algebra: every live edge carries the structure of its partial (interned as
/// an id), a step forms products and sums of structures as the numeric interpreter does
/// (`ProductPlanner`, `StructureAlgebra`), and a product costs the multiplications the
/// interpreter's kernel for the pair performs. Sums multiply nothing. (A plan compiled to a
/// `TableKernel` performs the same multiplications, so `runtime` prices those with it, each at
/// `price`.)
///
/// Structures, products and sums are memoised per pair of ids — one table per game, behind a lock,
/// so that search chains on several threads share what any of them has worked out.
final class ExactAlgebra: EdgeAlgebra {
    private let numeric: NumericGraph
    /// What one multiplication costs (1 for `exact`).
    private let price: Double
    private let table = Mutex(Table())

    private struct Table {
        var structures = Interner<PartialStructure>()
        /// (out id, in id) → (product id, multiplications).
        var products: [UInt64: (UInt32, Int)] = [:]
        /// (existing id, product id) → sum id.
        var sums: [UInt64: UInt32] = [:]
    }

    init(_ numeric: NumericGraph, price: Double = 1) {
        self.numeric = numeric
        self.price = price
    }

    func attribute(from source: Node, to vertex: Int) throws(GraphError) -> UInt32 {
        guard let structure = numeric.partialStructure(from: source, to: vertex) else {
            throw .invalid("the traced graph has no partial for its edge \(source)→v\(vertex)")
        }
        return table.withLock { $0.structures.intern(structure) }
    }

    func combine(in inAttribute: UInt32, out outAttribute: UInt32, existing: UInt32?) -> (attribute: UInt32, cost: Double) {
        table.withLock { t in
            let key = UInt64(outAttribute) << 32 | UInt64(inAttribute)
            let (product, cost): (UInt32, Int)
            if let known = t.products[key] {
                (product, cost) = known
            } else {
                let q = t.structures[outAttribute], p = t.structures[inAttribute]
                (product, cost) = (t.structures.intern(ProductPlanner.structure(q, p)), ProductPlanner.multiplications(q, p))
                t.products[key] = (product, cost)
            }
            let priced = Double(cost) * price
            guard let existing else { return (product, priced) }
            let sumKey = UInt64(existing) << 32 | UInt64(product)
            if let sum = t.sums[sumKey] { return (sum, priced) }
            let sum = t.structures.intern(StructureAlgebra.sum(t.structures[existing], t.structures[product]))
            t.sums[sumKey] = sum
            return (sum, priced)
        }
    }
}
