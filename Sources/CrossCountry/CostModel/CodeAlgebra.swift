import Synchronization

/// The `code` model's algebra: what the generated C executes for an elimination. Every live edge
/// carries its partial's structure and what code generation knows of its values — all ±1 (or no
/// stored values: identities, selections), all constants, or computed at run time — found by
/// running the local partials symbolically as the emitter does (`ScalarCode` folds them). A product
/// costs the interpreter's multiplications for the pair (`ProductPlanner`) unless a factor is ±1 (a
/// sign) or both are constants (folded at generation time); adding it onto an existing edge costs
/// one addition per stored entry unless both are constants. A product large enough to run as a loop
/// (`KernelLoop`) folds nothing: the loop multiplies every entry. What a step executes (`Work`) is
/// priced by the model: the `code` model weighs a multiplication 1 and an addition 1 (a fused
/// multiply-add counts as both; negations are free, since sums absorb them), the `runtime` model
/// in nanoseconds measured on this machine (`RuntimeTable`).
final class CodeAlgebra: EdgeAlgebra {
    /// What forming one product and adding it onto an edge executes in the generated code.
    struct Work: Hashable {
        var multiplications = 0
        var additions = 0
        /// How the product runs when it is a loop rather than straight-line code.
        var loop: Loop?
    }

    /// The loop a large product becomes, after the instruction the plan compiler emits for it.
    enum Loop: Hashable {
        /// Entry by entry (a scaled identity or a diagonal times a partial).
        case elementwise
        /// A matrix product (dense and block factors).
        case matrix
        /// Index triples (selections, mixed structures).
        case scatter
    }

    /// The code model's prices: every multiplication and addition 1.
    static let countOperations: @Sendable (Work) -> Double = { Double($0.multiplications + $0.additions) }

    /// What code generation knows of a partial's values.
    enum Values: UInt8 {
        case unit, constant, computed

        static func product(_ a: Values, _ b: Values) -> Values {
            switch (a, b) {
            case (.unit, .unit): return .unit
            case (.computed, _), (_, .computed): return .computed
            default: return .constant
            }
        }

        static func sum(_ a: Values, _ b: Values) -> Values {
            a == .computed || b == .computed ? .computed : .constant
        }
    }

    private struct Attribute: Hashable {
        var structure: PartialStructure
        var values: Values
    }

    private let edges: [Int: [Int: Attribute]]
    private let inputCount: Int
    private let price: @Sendable (Work) -> Double
    private let table = Mutex(Table())

    private struct Table {
        var attributes = Interner<Attribute>()
        var combined: [CombineKey: (UInt32, Double)] = [:]
    }

    private struct CombineKey: Hashable {
        var input: UInt32, output: UInt32, existing: UInt32?
    }

    init(_ numeric: NumericGraph, price: @escaping @Sendable (Work) -> Double = countOperations) {
        self.price = price
        let compiler = PlanCompiler(localPartialsOf: numeric)
        let code = ScalarCode()
        var execution = SymbolicExecution(compiler, inputs: code.inputs(of: numeric))
        execution.run()
        var edges: [Int: [Int: Attribute]] = [:]
        for (w, sources) in compiler.incoming.enumerated() {
            for (u, edge) in sources {
                let count = edge.slot >= 0 ? edge.structure.valueCount : 0
                var values = Values.unit
                for e in 0..<count {
                    // An entry never written is a structural zero: a constant.
                    switch execution.arena[edge.slot + e].map({ $0.ref.constant }) {
                    case (1)??, (-1)??: continue
                    case nil: if values == .unit { values = .constant }
                    case let c?? where c.isFinite: if values == .unit { values = .constant }
                    default: values = .computed
                    }
                }
                edges[w, default: [:]][u] = Attribute(structure: edge.structure, values: values)
            }
        }
        self.edges = edges
        inputCount = numeric.graph.inputCount
    }

    func attribute(from source: Node, to vertex: Int) throws(GraphError) -> UInt32 {
        guard let attribute = edges[vertex - 1]?[EliminationGame.index(of: source, inputCount: inputCount)] else {
            throw .invalid("the traced graph has no partial for its edge \(source)→v\(vertex)")
        }
        return table.withLock { $0.attributes.intern(attribute) }
    }

    func combine(in inAttribute: UInt32, out outAttribute: UInt32, existing: UInt32?) -> (attribute: UInt32, cost: Double) {
        table.withLock { t in
            let key = CombineKey(input: inAttribute, output: outAttribute, existing: existing)
            if let known = t.combined[key] { return known }
            let q = t.attributes[outAttribute], p = t.attributes[inAttribute]
            let values = Values.product(q.values, p.values)
            let folded = q.values == .unit || p.values == .unit || values == .constant
            let structure = ProductPlanner.structure(q.structure, p.structure)
            var work = Work()
            let multiplications = ProductPlanner.multiplications(q.structure, p.structure)
            if multiplications > KernelBuilder.defaultLoopThreshold {
                work.multiplications = multiplications
                work.loop = Self.loop(q.structure, p.structure, structure)
            } else if !folded {
                work.multiplications = multiplications
            }
            var result = Attribute(structure: structure, values: values)
            if let existing {
                let old = t.attributes[existing]
                let sum = StructureAlgebra.sum(old.structure, result.structure)
                if Values.sum(old.values, result.values) == .computed { work.additions = sum.valueCount }
                result = Attribute(structure: sum, values: Values.sum(old.values, result.values))
            }
            let answer = (t.attributes.intern(result), price(work))
            t.combined[key] = answer
            return answer
        }
    }

    /// Which loop the plan compiler's instruction for q·p becomes (see `PlanCompiler.emitProduct`).
    private static func loop(_ q: PartialStructure, _ p: PartialStructure, _ r: PartialStructure) -> Loop {
        switch (q, p) {
        case (.scaled, _), (_, .scaled), (.diagonal, .diagonal): return .elementwise
        default: return ProductPlanner.matrixProducts(q, 0, p, 0, r, 0, accumulate: false) != nil ? .matrix : .scatter
        }
    }
}
