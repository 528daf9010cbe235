import Synchronization

/// The `code` model's algebra: what the generated C executes for an elimination. Every live edge
/// carries its partial's structure and what code generation knows of its values — all ±1 (or no
/// stored values: identities, selections), all constants, or computed at run time — found by
/// running the local partials symbolically as the emitter does (`ScalarCode` folds them). A product
/// costs the interpreter's multiplications for the pair (`ProductPlanner`) unless a factor is ±1 (a
/// sign) or both are constants (folded at generation time); adding it onto an existing edge costs
/// one addition per stored entry unless both are constants. What adds onto an edge that cannot reach
/// the Jacobian (from a value no input feeds, or into one that feeds no output through partials) is
/// dead code the emitter drops, and costs nothing. A product large enough to run as a loop
/// (`KernelLoop`) folds nothing: the loop multiplies every entry. Each pair of edges is priced on
/// its own, so a product the code forms once for two edges of the same value is counted twice (see
/// docs/cost-model.md). What a step executes (`Work`) is priced by the model: the `code` model
/// weighs a multiplication 1 and an addition 1 (a fused multiply-add counts as both; negations are
/// free, since sums absorb them), the `runtime` model in nanoseconds measured on this machine
/// (`RuntimeTable`).
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
        /// Whether the edge u→w can reach the Jacobian: u depends on an input and w reaches an
        /// output. What adds onto an edge that cannot is dead code, which the emitter drops.
        var live: Bool
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
        let local = LocalCode(numeric)
        var edges: [Int: [Int: Attribute]] = [:]
        for (w, sources) in local.compiler.incoming.enumerated() {
            for (u, edge) in sources {
                let count = edge.slot >= 0 ? edge.structure.valueCount : 0
                var values = Values.unit
                for e in 0..<count {
                    // An entry never written is a structural zero: a constant.
                    switch local.arena[edge.slot + e].map({ $0.ref.constant }) {
                    case (1)??, (-1)??: continue
                    case nil: if values == .unit { values = .constant }
                    case let c?? where c.isFinite: if values == .unit { values = .constant }
                    default: values = .computed
                    }
                }
                edges[w, default: [:]][u] = Attribute(structure: edge.structure, values: values, live: local.isLive(from: u, to: w))
            }
        }
        self.edges = edges
        inputCount = numeric.graph.inputCount
    }

    /// What the generated code of every order of `numeric` executes besides the elimination: the
    /// primal values and the local partials the results need, folded as code generation folds them.
    static func fixedOperations(of numeric: NumericGraph) -> OperationCounts { LocalCode(numeric).fixed }

    /// The primal values and local partials run symbolically, as the emitter runs them, and which
    /// edges can reach the Jacobian.
    private struct LocalCode {
        let compiler: PlanCompiler
        let arena: [CodeValue?]
        /// Which values depend on an input (by node index) and which vertices reach an output.
        private let dependsOnInput: [Bool], reachesOutput: [Bool]
        private let inputCount: Int
        /// The operations of the primal values and of the live edges' partials.
        private(set) var fixed = OperationCounts()

        init(_ numeric: NumericGraph) {
            compiler = PlanCompiler(localPartialsOf: numeric)
            let code = ScalarCode()
            var execution = SymbolicExecution(compiler, inputs: code.inputs(of: numeric))
            execution.run()
            arena = execution.arena
            // Vertices are numbered in order of evaluation, so one pass each way finds which values
            // depend on an input and which vertices reach an output through partials.
            inputCount = numeric.graph.inputCount
            let incoming = compiler.incoming
            var depends = [Bool](repeating: true, count: inputCount) + [Bool](repeating: false, count: incoming.count)
            for (w, sources) in incoming.enumerated() { depends[inputCount + w] = sources.keys.contains { depends[$0] } }
            var reaches = [Bool](repeating: false, count: incoming.count)
            for o in numeric.graph.outputs { reaches[o - 1] = true }
            for w in incoming.indices.reversed() where reaches[w] {
                for u in incoming[w].keys where u >= inputCount { reaches[u - inputCount] = true }
            }
            (dependsOnInput, reachesOutput) = (depends, reaches)
            // The code keeps what the outputs and the partials of live edges need.
            var roots = numeric.graph.outputs.flatMap { o in
                let slot = compiler.valueSlots[inputCount + o - 1]
                return (0..<numeric.graph.vertices[o - 1].shape.count).compactMap { execution.arena[slot + $0]?.ref }
            }
            for (w, sources) in incoming.enumerated() {
                for (u, edge) in sources where edge.slot >= 0 && depends[u] && reaches[w] {
                    roots += (0..<edge.structure.valueCount).compactMap { execution.arena[edge.slot + $0]?.ref }
                }
            }
            let live = code.live(from: roots)
            for (id, node) in code.nodes.enumerated() where live[id] { fixed.count(node) }
        }

        /// Whether what adds onto u→w (node index u, vertex index w) can reach the Jacobian: u
        /// depends on an input and w reaches an output. Anything else is dead code the emitter drops.
        func isLive(from u: Int, to w: Int) -> Bool { dependsOnInput[u] && reachesOutput[w] }
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
            // u→w depends on an input as u→v does, and reaches an output as v→w does.
            var result = Attribute(structure: structure, values: values, live: p.live && q.live)
            var work = Work()
            let multiplications = ProductPlanner.multiplications(q.structure, p.structure)
            if result.live, multiplications > KernelBuilder.defaultLoopThreshold {
                work.multiplications = multiplications
                work.loop = Self.loop(q.structure, p.structure, structure)
            } else if result.live, !folded {
                work.multiplications = multiplications
            }
            if let existing {
                let old = t.attributes[existing]
                let sum = StructureAlgebra.sum(old.structure, result.structure)
                if result.live, Values.sum(old.values, result.values) == .computed { work.additions = sum.valueCount }
                result = Attribute(structure: sum, values: Values.sum(old.values, result.values), live: result.live)
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
