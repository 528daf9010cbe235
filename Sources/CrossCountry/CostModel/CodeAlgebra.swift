import Synchronization

/// The `code` model's algebra: what the generated C executes for an elimination. Every live edge
/// carries its partial's structure and what code generation knows of its values — all ±1 (or no
/// stored values: identities, selections), all constants, or computed at run time — found by
/// running the local partials symbolically as the emitter does (`ScalarCode` folds them). A product
/// runs the plan compiler's instructions for the pair (`PlanCompiler.product`) as the emitter runs
/// them (`LoopedExecution`): straight-line, where a factor ±1 (a sign) or two constants fold; an
/// instruction of more than 256 operations as its loop (`KernelLoop`), which executes every
/// iteration whatever the values and whatever else computed them, and reads its operands from
/// values the straight-line code must then compute. What adds onto an edge that cannot reach the
/// Jacobian (from a value no input feeds, or into one that feeds no output through partials) in
/// straight-line code is dead code the emitter drops, and costs nothing; a loop runs all the same.
///
/// A 1×1 edge carries its value itself: the emitter's own operation, built in a `ScalarCode` that
/// the game's positions share (a `CodeValueTable`, replaced by a new one when it fills up), so that
/// an edge made by the same product or sum of the same values — or the same constant — carries the
/// same value. The code computes an operation
/// once however often it is asked for, so a step costs the operations of its results that the
/// position has not computed yet (`ComputedValues`): a product two edges of one value ask for, or
/// one an earlier step or the primal part formed, is free. What a step executes (`Work`) is priced
/// by the model: the `code` model weighs a multiplication 1 and an addition 1 (a fused
/// multiply-add counts as both; negations are free, since sums absorb them), the `runtime` model in
/// nanoseconds measured on this machine (`RuntimeTable`).
final class CodeAlgebra: ValueSharingAlgebra {
    /// What forming one product and adding it onto an edge executes in the generated code.
    struct Work: Hashable {
        /// Every multiplication and addition, the loops' included (what the `code` model counts).
        var multiplications = 0
        var additions = 0
        /// What of that runs in loops (`KernelLoop`), by the loop's kind, as the `runtime` model
        /// prices it: multiplications (each with its addition, where the loop adds it) of
        /// elementwise loops (a scaled identity or a diagonal times a partial), of matrix products
        /// (dense and block factors) and of index triples (selections, mixed structures); the
        /// entries of scattered and dense sums; and all the loops' additions.
        var elementwise = 0, matrix = 0, scatter = 0, sums = 0
        var loopAdditions = 0

        /// The multiplications and additions of straight-line code.
        var straightLine: (multiplications: Int, additions: Int) {
            (multiplications - elementwise - matrix - scatter, additions - loopAdditions)
        }
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

        /// What code generation knows of a value it holds.
        init(_ ref: ScalarCode.Ref) {
            switch ref.constant {
            case 1?, (-1)?: self = .unit
            case let c? where c.isFinite: self = .constant
            default: self = .computed
            }
        }
    }

    struct Attribute: Hashable {
        var structure: PartialStructure
        var values: Values
        /// Whether the edge u→w can reach the Jacobian: u depends on an input and w reaches an
        /// output. What adds onto an edge that cannot is dead code, which the emitter drops.
        var live: Bool
        /// A 1×1 edge's value in the game's code (nil inside: a structural zero); nil for edges
        /// whose values are not followed.
        var value: ScalarCode.Ref??
        /// A larger edge's stored entries in the game's code, as the plan's arena holds them (nil
        /// entries: structural zeros), when it stores at most `followedEntries`; nil otherwise.
        var entries: [ScalarCode.Ref?]?
        /// Which rows (entries of w) reach an output and which columns (entries of u) depend on an
        /// input, when some do not (nil: all do): the code drops the products of the others.
        var rows: [Bool]?, columns: [Bool]?

        /// Of the stored entries `stored` of this edge, those the code needs: the entries between a
        /// live row and column.
        func needed(_ stored: [ScalarCode.Ref?]) -> [ScalarCode.Ref?] {
            guard rows != nil || columns != nil else { return stored }
            var used = [Bool](repeating: false, count: stored.count)
            structure.forEachEntry { i, j, value in
                if value >= 0, rows?[i] ?? true, columns?[j] ?? true { used[value] = true }
            }
            return stored.indices.filter { used[$0] }.map { stored[$0] }
        }

        /// The stored entries of a followed edge, 1×1 ones included.
        var stored: [ScalarCode.Ref?]? {
            if let entries { return entries }
            guard let value else { return nil }
            return structure.valueCount == 0 ? [] : [value]
        }

        /// Follows the stored entries `entries` of a partial of this structure: a 1×1 one as its
        /// value, a larger one as its entries when it stores at most `limit`.
        mutating func follow(_ entries: [ScalarCode.Ref?], limit: Int = CodeAlgebra.followedEntries) {
            if structure.rows == 1 && structure.columns == 1 {
                // A 1×1 partial that stores nothing is 1 (an identity, a selection) or empty.
                if case let .selection(s) = structure, !s.valued, s.sources[0] < 0 {
                    value = .some(nil)
                } else {
                    value = entries.count == 1 ? entries[0] : .constant(1)
                }
            } else if entries.count <= limit {
                self.entries = entries
            }
        }
    }

    /// The most entries a larger edge made by the elimination stores whose values the model
    /// follows (local partials are followed whatever their size): its products are formed entry
    /// by entry as the code forms them (`EntrywiseProduct`). A product with a larger edge is run
    /// on entries that stand for distinct values (`opaqueWork`), pair by pair.
    static let followedEntries = 256

    /// The local partials' code every table starts with, so that a new table has the same ids.
    private let seedCode: [ScalarCode.Node]
    /// The id of each edge's attribute before any elimination (by vertex index, then node index):
    /// the same in every table.
    private let edges: [Int: [Int: UInt32]]
    /// Those attributes, in the order of their ids.
    private let seed: [Attribute]
    private let inputCount: Int
    private let price: @Sendable (Work) -> Double
    private let initialNodes: Set<Int32>
    /// Forms products of followed edges larger than 1×1 as the code does.
    private let entrywise: EntrywiseProduct
    /// The entries a table may hold before positions move on to a new one.
    let tableCapacity: Int
    /// The last version of the loads of a loop the model ran (negative, apart from the local code's).
    private let loopVersions = Atomic<Int>(0)
    /// The table new positions start in and retired tables' positions move to.
    private let current: Mutex<CodeValueTable>
    /// Every table made, while something still refers to it.
    private let tables = Mutex<[WeakTable]>([])

    private struct WeakTable {
        weak var table: CodeValueTable?
    }

    /// What one product and sum makes of u→w.
    struct Combined {
        var attribute: UInt32
        /// What forming and adding the product executes, priced on its own, when its factors'
        /// entries are not all followed (nil: they are, and `value` or `entries` says what it forms).
        var work: Work?
        /// What the loops among the product's instructions execute, charged every time (a loop
        /// shares nothing), and the values they read, which the code computes for them.
        var loops: Work?
        var loopReads: [ScalarCode.Ref] = []
        /// A load among the loops' results the code needs: a position that holds it already has
        /// run these loops, and runs them again into a copy of its own.
        var marker: Int32?
        /// u→w's value afterwards when it is 1×1, followed and live (nil inside: a structural
        /// zero), or the stored entries the code needs of a larger one (nil entries: structural
        /// zeros): the operations they need that the position has not computed are what the step
        /// executes.
        var value: ScalarCode.Ref??
        var entries: [ScalarCode.Ref?]?
    }

    struct CombineKey: Hashable {
        var input: UInt32, output: UInt32, existing: UInt32?
        /// Which of the products' copies: loops that run twice on equal operands in one position
        /// write distinct loads, so each later copy is formed again with loads of its own.
        var copy = 0
    }

    /// The fewest entries a table may hold before it retires, and how many per edge and local
    /// value of the graph it may hold at least.
    static let minimumTableCapacity = 1 << 16, tableEntriesPerSeedEntry = 64

    /// The algebra of `numeric`, pricing a step's work with `price`; `tableCapacity` (by default
    /// from the graph's size) says how many entries a table holds before positions move on.
    init(_ numeric: NumericGraph, price: @escaping @Sendable (Work) -> Double = countOperations, tableCapacity capacity: Int? = nil) {
        self.price = price
        let local = LocalCode(numeric)
        seedCode = local.code.nodes
        var edges: [Int: [Int: UInt32]] = [:]
        var seed = Interner<Attribute>()
        for (w, sources) in local.compiler.incoming.enumerated() {
            for (u, edge) in sources {
                let count = edge.slot >= 0 ? edge.structure.valueCount : 0
                let entries = (0..<count).map { local.arena[edge.slot + $0]?.ref }
                var attribute = Attribute(structure: edge.structure, values: Self.values(entries), live: local.isLive(from: u, to: w))
                if attribute.live, edge.structure.rows > 1 || edge.structure.columns > 1 {
                    (attribute.rows, attribute.columns) = (local.liveRows(into: w), local.liveColumns(from: u))
                }
                // Every local partial is followed, however large: a loop may read any of its entries.
                attribute.follow(entries, limit: .max)
                edges[w, default: [:]][u] = seed.intern(attribute)
            }
        }
        self.edges = edges
        self.seed = seed.elements
        inputCount = numeric.graph.inputCount
        initialNodes = local.computed
        entrywise = EntrywiseProduct(compiler: local.compiler)
        tableCapacity = capacity ?? max(Self.minimumTableCapacity, Self.tableEntriesPerSeedEntry * (local.code.nodes.count + seed.count))
        let first = CodeValueTable(generation: 0, code: local.code, seed: seed.elements, capacity: self.tableCapacity)
        current = Mutex(first)
        tables.withLock { $0.append(WeakTable(table: first)) }
    }

    /// What every position has computed before any elimination, in the current table.
    var initialValues: ComputedValues { ComputedValues(initialNodes, table: currentTable()) }

    /// The table positions work in now: the current one, or a new one when it has retired.
    private func currentTable() -> CodeValueTable {
        current.withLock { table in
            guard table.isRetired else { return table }
            // Every table starts with the same code, numbered alike, and the graph's attributes.
            table = CodeValueTable(generation: table.generation + 1, code: ScalarCode(nodes: seedCode), seed: seed, capacity: tableCapacity)
            let made = table
            tables.withLock { tables in
                tables.removeAll { $0.table == nil }
                tables.append(WeakTable(table: made))
            }
            return table
        }
    }

    /// How many tables have retired.
    var generation: Int { current.withLock { $0.generation } }

    /// The entries of every table something still refers to (current and retired alike), and how many tables.
    var liveTables: (count: Int, entries: Int) {
        let alive = tables.withLock { $0.compactMap(\.table) }
        return (alive.count, alive.reduce(0) { $0 + $1.entries })
    }

    /// Moves a position whose table has retired onto the current table, carrying over what its
    /// edges and computed values refer to. Not during a trial, whose log holds the old ids.
    func refresh(_ attributes: inout ListAdjacency, _ values: inout ComputedValues) {
        guard let old = values.table, old.isRetired else { return }
        let new = currentTable()
        values.carry(from: old, into: new) { nodes in CodeValueTable.carry(&attributes, &nodes, from: old, into: new) }
    }

    /// What code generation knows of a partial's stored entries (nil: never written).
    private static func values(_ entries: [ScalarCode.Ref?]) -> Values {
        var values = Values.unit
        for entry in entries {
            // An entry never written is a structural zero: a constant.
            switch entry?.constant {
            case 1?, (-1)?: continue
            case let c? where c.isFinite: if values == .unit { values = .constant }
            case nil where entry == nil: if values == .unit { values = .constant }
            default: values = .computed
            }
        }
        return values
    }

    /// What the generated code of every order of `numeric` executes besides the elimination: the
    /// primal values and the local partials the results need, folded as code generation folds them.
    static func fixedOperations(of numeric: NumericGraph) -> OperationCounts { LocalCode(numeric).fixed }

    /// The primal values and local partials run symbolically, as the emitter runs them, and which
    /// edges can reach the Jacobian.
    private struct LocalCode {
        let compiler: PlanCompiler
        let arena: [CodeValue?]
        let code: ScalarCode
        /// The nodes of `code` that the results and the live edges' partials need.
        private(set) var computed: Set<Int32> = []
        /// Which values depend on an input (by node index) and which vertices reach an output.
        private let dependsOnInput: [Bool], reachesOutput: [Bool]
        /// The same per entry, when not every entry of the value does (by node index; nil: all do).
        private let entriesDepend: [[Bool]?], entriesReach: [[Bool]?]
        private let inputCount: Int
        /// The operations of the primal values and of the live edges' partials.
        private(set) var fixed = OperationCounts()

        init(_ numeric: NumericGraph) {
            compiler = PlanCompiler(localPartialsOf: numeric)
            let code = ScalarCode()
            self.code = code
            // Large primal values and partials run as loops (their loads numbered from 1 up).
            var run = LoopedExecution(SymbolicExecution(compiler, inputs: code.inputs(of: numeric)), code: code)
            var version = 0
            run.run { version += 1; return version }
            let execution = run.execution
            arena = execution.arena
            // Vertices are numbered in order of evaluation, so one pass each way finds which entries
            // of each value depend on an input and which reach an output, through the partials'
            // entries that are not structural zeros.
            let inputCount = numeric.graph.inputCount
            self.inputCount = inputCount
            let incoming = compiler.incoming, arena = execution.arena
            let counts = numeric.graph.inputs.map(\.shape.count) + numeric.graph.vertices.map(\.shape.count)
            func forEachEntry(_ edge: PlanCompiler.EdgeState, _ body: (_ row: Int, _ column: Int, _ value: Int) -> Void) {
                edge.structure.forEachEntry { row, column, value in
                    if value < 0 || arena[edge.slot + value] != nil { body(row, column, value) }
                }
            }
            var depends = counts.indices.map { [Bool](repeating: $0 < inputCount, count: counts[$0]) }
            for (w, sources) in incoming.enumerated() {
                for (u, edge) in sources { forEachEntry(edge) { i, j, _ in if depends[u][j] { depends[inputCount + w][i] = true } } }
            }
            var reaches = counts.map { [Bool](repeating: false, count: $0) }
            for o in numeric.graph.outputs { reaches[inputCount + o - 1] = reaches[inputCount + o - 1].map { _ in true } }
            for w in incoming.indices.reversed() {
                for (u, edge) in incoming[w] { forEachEntry(edge) { i, j, _ in if reaches[inputCount + w][i] { reaches[u][j] = true } } }
            }
            dependsOnInput = depends.map { $0.contains(true) }
            reachesOutput = reaches[inputCount...].map { $0.contains(true) }
            entriesDepend = depends.map { $0.contains(false) ? $0 : nil }
            entriesReach = reaches.map { $0.contains(false) ? $0 : nil }
            // The code keeps what the outputs need, the partials' entries between an entry that
            // depends on an input and one that reaches an output, and what the loops read.
            var roots = run.reads + numeric.graph.outputs.flatMap { o in
                let slot = compiler.valueSlots[inputCount + o - 1]
                return (0..<numeric.graph.vertices[o - 1].shape.count).compactMap { arena[slot + $0]?.ref }
            }
            for (w, sources) in incoming.enumerated() {
                for (u, edge) in sources where edge.slot >= 0 {
                    forEachEntry(edge) { i, j, value in
                        if value >= 0, depends[u][j], reaches[inputCount + w][i], let ref = arena[edge.slot + value]?.ref { roots.append(ref) }
                    }
                }
            }
            let live = code.live(from: roots)
            fixed = run.loops
            for (id, node) in code.nodes.enumerated() where live[id] {
                fixed.count(node)
                computed.insert(Int32(id))
            }
        }

        /// Whether what adds onto u→w (node index u, vertex index w) can reach the Jacobian: u
        /// depends on an input and w reaches an output. Anything else is dead code the emitter drops.
        func isLive(from u: Int, to w: Int) -> Bool { dependsOnInput[u] && reachesOutput[w] }

        /// Which entries of vertex index w reach an output, when not all do.
        func liveRows(into w: Int) -> [Bool]? { entriesReach[inputCount + w] }

        /// Which entries of node index u depend on an input, when not all do.
        func liveColumns(from u: Int) -> [Bool]? { entriesDepend[u] }
    }

    func attribute(from source: Node, to vertex: Int) throws(GraphError) -> UInt32 {
        guard let attribute = edges[vertex - 1]?[EliminationGame.index(of: source, inputCount: inputCount)] else {
            throw .invalid("the traced graph has no partial for its edge \(source)→v\(vertex)")
        }
        return attribute
    }

    /// The step priced on its own, every product and sum it asks for counted, for ids of the current table.
    func combine(in inAttribute: UInt32, out outAttribute: UInt32, existing: UInt32?) -> (attribute: UInt32, cost: Double) {
        let table = currentTable()
        return table.contents.withLock { t in
            let combined = combined(&t, in: inAttribute, out: outAttribute, existing: existing)
            table.retireIfFull(t)
            let work = combined.work ?? opaqueWork(t.attributes[outAttribute], t.attributes[inAttribute],
                                                   onto: existing.map { t.attributes[$0] }, t.attributes[combined.attribute], plans: &t.plans)
            return (combined.attribute, price(work))
        }
    }

    /// The step priced as the code runs it, in the position's table: a followed value costs the
    /// operations it needs that `values` does not hold yet, which it then does.
    func combine(in inAttribute: UInt32, out outAttribute: UInt32, existing: UInt32?, values: inout ComputedValues) -> (attribute: UInt32, cost: Double) {
        let table = values.table!
        return table.contents.withLock { t in
            var combined = combined(&t, in: inAttribute, out: outAttribute, existing: existing)
            var copy = 0
            while let marker = combined.marker, values.contains(marker) {
                copy += 1
                combined = self.combined(&t, in: inAttribute, out: outAttribute, existing: existing, copy: copy)
            }
            table.retireIfFull(t)
            var work = combined.loops ?? Work()
            for read in combined.loopReads { Self.charge(read, in: t.code, to: &values, &work) }
            if let value = combined.value {
                if let value { Self.charge(value, in: t.code, to: &values, &work) }
            } else if let entries = combined.entries {
                for case let entry? in entries { Self.charge(entry, in: t.code, to: &values, &work) }
            } else if let unfollowed = combined.work {
                return (combined.attribute, price(unfollowed))
            }
            return (combined.attribute, price(work))
        }
    }

    /// Counts the operations `ref` needs that `values` does not hold, and adds them there: the
    /// nodes reachable from it outside the set (which holds every operand of what it holds).
    /// Negations are free; only products and sums are ever new here.
    private static func charge(_ ref: ScalarCode.Ref, in code: ScalarCode, to values: inout ComputedValues, _ work: inout Work) {
        guard case let .node(id) = ref, !values.contains(id) else { return }
        values.insert(id)
        switch code.nodes[Int(id)] {
        case let .mul(a, b):
            work.multiplications += 1
            charge(a, in: code, to: &values, &work)
            charge(b, in: code, to: &values, &work)
        case let .add(a, b), let .sub(a, b):
            work.additions += 1
            charge(a, in: code, to: &values, &work)
            charge(b, in: code, to: &values, &work)
        case let .neg(a):
            charge(a, in: code, to: &values, &work)
        case let node:
            for operand in ScalarCode.operands(node) { charge(operand, in: code, to: &values, &work) }
        }
    }

    /// What adding (v→w)·(u→v) onto u→w makes of the edge, memoised: its attribute, what it
    /// executes priced on its own, and its stored entries where followed.
    private func combined(_ t: inout CodeValueTable.Contents, in inAttribute: UInt32, out outAttribute: UInt32, existing: UInt32?,
                          copy: Int = 0) -> Combined {
        let key = CombineKey(input: inAttribute, output: outAttribute, existing: existing, copy: copy)
        if let known = t.combined[key] { return known }
        let q = t.attributes[outAttribute], p = t.attributes[inAttribute]
        let old = existing.map { t.attributes[$0] }
        let values = Values.product(q.values, p.values)
        let structure = ProductPlanner.structure(q.structure, p.structure)
        // u→w depends on an input as u→v does, and reaches an output as v→w does.
        var result = Attribute(structure: structure, values: values, live: p.live && q.live)
        if result.live { (result.rows, result.columns) = (q.rows, p.columns) }
        if let old {
            let sum = StructureAlgebra.sum(old.structure, result.structure)
            result = Attribute(structure: sum, values: Values.sum(old.values, result.values), live: result.live,
                               rows: result.rows, columns: result.columns)
        }
        // The code's own product of followed values, its loops run as loops.
        var loops: EntrywiseProduct.Loops?, formed: [ScalarCode.Ref?]?, work: Work?, minted: Set<Int> = []
        if case let qv?? = q.value, case let pv?? = p.value, old == nil || old?.value != nil {
            // Two 1×1 factors: one product, added onto what the edge holds unless that is a
            // structural zero (the hot path of scalar graphs, which builds no list).
            let product = t.code.mul(qv, pv)
            let value = old.flatMap { $0.value! }.map { t.code.add($0, product) } ?? product
            result.value = .some(value)
            result.values = Values(value)
        } else if let qe = q.stored, let pe = p.stored, old.map({ $0.stored != nil }) ?? true {
            let (edge, run) = entrywise.add(.init(structure: q.structure, entries: qe), .init(structure: p.structure, entries: pe),
                                            onto: old.map { .init(structure: $0.structure, entries: $0.stored!) }, shared: false,
                                            in: t.code, plans: &t.plans, nextVersion: {
                let version = loopVersions.subtract(1, ordering: .relaxed).newValue
                minted.insert(version)
                return version
            })
            formed = edge.entries
            result.follow(edge.entries)
            result.values = Self.values(edge.entries)
            if run.work != Work() { loops = run }
        } else {
            work = opaqueWork(q, p, onto: old, result, plans: &t.plans)
        }
        let before = t.attributes.count
        let id = t.attributes.intern(result)
        if t.attributes.count > before { t.followedEntries += result.entries?.count ?? 0 }
        var combined = Combined(attribute: id, work: work, value: result.live ? result.value : nil,
                                entries: result.live && result.value == nil ? formed.map(result.needed) : nil)
        if let loops {
            combined.loops = loops.work
            combined.loopReads = loops.reads
            combined.marker = Self.load(of: minted, in: combined.entries ?? [], t.code)
        }
        t.combined[key] = combined
        return combined
    }

    /// A load of one of the loops `versions` that `entries` need, if any.
    private static func load(of versions: Set<Int>, in entries: [ScalarCode.Ref?], _ code: ScalarCode) -> Int32? {
        var stack = entries.compactMap { entry -> Int32? in if case let .node(id)? = entry { id } else { nil } }
        var seen = Set(stack)
        while let id = stack.popLast() {
            let node = code.nodes[Int(id)]
            if case let .load(_, version) = node, versions.contains(version) { return id }
            for case let .node(operand) in ScalarCode.operands(node) where seen.insert(operand).inserted { stack.append(operand) }
        }
        return nil
    }

    /// What q·p onto `old` executes when not every factor's entries are followed, priced on its
    /// own: the plan compiler's instructions run on entries that are distinct values where they
    /// are computed (±1 and other constants where the attributes say so), in a code of their own;
    /// their loops, and the straight-line operations the loops and the edge's needed entries ask for.
    private func opaqueWork(_ q: Attribute, _ p: Attribute, onto old: Attribute?, _ result: Attribute,
                            plans: inout [EntrywiseProduct.Shapes: EntrywiseProduct.Plan]) -> Work {
        let code = ScalarCode()
        var inputs = 0
        var distinct: [ScalarCode.Ref: ScalarCode.Ref] = [:]
        func opaque(_ a: Attribute) -> EntrywiseProduct.Edge {
            if let stored = a.stored {
                return .init(structure: a.structure, entries: stored.map { entry in
                    guard let entry, case .node = entry else { return entry }
                    if let known = distinct[entry] { return known }
                    defer { inputs += 1 }
                    distinct[entry] = code.input(inputs).ref
                    return distinct[entry]
                })
            }
            let count = a.structure.valueCount
            let entry: () -> ScalarCode.Ref? = {
                switch a.values {
                case .unit: return .constant(1)
                case .constant: return .constant(2)
                case .computed:
                    defer { inputs += 1 }
                    return code.input(inputs).ref
                }
            }
            return .init(structure: a.structure, entries: (0..<count).map { _ in entry() })
        }
        var version = 0
        let (edge, loops) = entrywise.add(opaque(q), opaque(p), onto: old.map(opaque), shared: false, in: code, plans: &plans,
                                          nextVersion: { version += 1; return version })
        let needed = result.live ? result.needed(edge.entries).compactMap { $0 } : []
        var work = loops.work
        let live = code.live(from: loops.reads + needed)
        for (id, node) in code.nodes.enumerated() where live[id] {
            switch node {
            case .mul: work.multiplications += 1
            case .add, .sub: work.additions += 1
            default: break
            }
        }
        return work
    }
}
