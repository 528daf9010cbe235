/// Compiles a numeric graph and an elimination order into a `PlanProgram`: arena offsets for
/// inputs, constants, primal values and every edge's partial; the primal and local-partial kernel
/// calls; then, for each eliminated vertex v, every product ∂w/∂v · ∂v/∂u added onto the edge u→w,
/// with the kernel its two structures call for; finally the Jacobian blocks, densified. The
/// multiplications of every step are counted as it goes: the `exact` cost model.
struct PlanCompiler {
    /// An edge during compilation: its structure and where its values live (−1: nothing stored).
    struct EdgeState {
        var structure: PartialStructure
        var slot: Int
    }

    let graph: NumericGraph
    let inputCount: Int
    var program = PlanProgram()
    /// Arena entries per point.
    var size = 0
    /// How many edges read each slot; an edge may accumulate in place only into a slot it alone reads.
    var references: [Int: Int] = [:]
    /// Sizes of the slots edges own, and freed slots by size: a slot no edge reads any more is
    /// reused, so the arena holds the live values of the elimination rather than its whole history.
    var slotSizes: [Int: Int] = [:]
    var freeSlots: [Int: [Int]] = [:]
    /// Per vertex index: source node index → edge.
    var incoming: [[Int: EdgeState]]
    /// Per node index: target vertex indices.
    var successors: [Set<Int>]
    var valueSlots: [Int] = []
    /// Constants to write into the arena once: (offset, values).
    var constants: [(Int, [Double])] = []
    var stepCosts: [Int] = []
    var inputSlots: [Int] = []
    var outputSlots: [Int] = []
    /// [output][input] offset of each Jacobian block.
    var jacobianSlots: [[Int]] = []
    /// Arena ranges (start, count) of the inputs, the Jacobian blocks and the outputs.
    var inputRange = (0, 0), jacobianRange = (0, 0), outputRange = (0, 0)

    init(_ graph: NumericGraph, order: [Int]) throws(OrderError) {
        let g = graph.graph
        try EliminationGame.validate(order, vertexCount: g.vertexCount, eliminable: g.eliminableVertices)
        self.init(localPartialsOf: graph)
        eliminate(order) { (_: Int) throws(Never) in }
    }

    /// A plan built under a monitor: Ctrl-C stops it between two steps, and a step after which the
    /// plan (its arena at `arenaBytesPerEntry` bytes an entry, its program and its edges) would
    /// pass the memory limit ends it with a message.
    init(_ graph: NumericGraph, order: [Int], monitor: PlanMonitor, arenaBytesPerEntry: Int) throws(EvaluationError) {
        let g = graph.graph
        do { try EliminationGame.validate(order, vertexCount: g.vertexCount, eliminable: g.eliminableVertices) } catch { throw .order(error) }
        monitor.begin(.plan, total: order.count)
        // With no bytes to check, polling can only stop for Ctrl-C.
        try self.init(localPartialsOf: graph) { () throws(EvaluationError) in
            do { try monitor.poll(0) } catch { throw .interrupted }
        }
        self.arenaBytesPerEntry = arenaBytesPerEntry
        var done = 0
        do throws(PlanMonitor.Stop) {
            try monitor.poll(0, bytes: estimatedBytes(arenaBytesPerEntry: arenaBytesPerEntry))
            try eliminate(order) { (bytes: Int) throws(PlanMonitor.Stop) in
                done += 1
                try monitor.poll(done, bytes: bytes)
            }
        } catch {
            switch error {
            case .interrupted: throw .interrupted
            case let .memory(needed):
                throw .memory(needed: needed, limit: monitor.maxMemory,
                              what: "the plan of \(g.name) (\(g.vertexCount) vertices, \(done) of \(order.count) steps compiled)")
            }
        }
    }

    /// Eliminates the order's vertices in turn, then densifies the Jacobian blocks; after every
    /// step `poll` gets the bytes the plan would occupy (with arena entries of 8 bytes, or as set).
    private mutating func eliminate<E: Error>(_ order: [Int], poll: (Int) throws(E) -> Void) throws(E) {
        let keeps = Set(graph.graph.outputs)
        for v in order {
            stepCosts.append(eliminate(v - 1, keepInEdges: keeps.contains(v)))
            try poll(estimatedBytes(arenaBytesPerEntry: arenaBytesPerEntry))
        }
        emitAssembly()
    }

    /// Bytes per arena entry of the plan being compiled (8 × its batch size), for the memory estimate.
    private var arenaBytesPerEntry = 8
    /// Edges currently in `incoming`.
    private var edgeCount = 0
    /// What compilation holds per edge: its entry in `incoming`, `successors`, `references` and
    /// `slotSizes`, with the hash tables' spare room.
    static let bytesPerEdge = 192

    /// The bytes the plan occupies: its arena, its program (which the plan keeps, with a copy of the
    /// primal part) and the edge records compilation holds.
    func estimatedBytes(arenaBytesPerEntry: Int) -> Int {
        let program = Bounds.checkedSum([
            Bounds.checkedProduct([self.program.instructions.count, 2 * MemoryLayout<PlanProgram.Instruction>.stride]) ?? .max,
            Bounds.checkedProduct([self.program.products.count, MemoryLayout<MatrixProduct>.stride]) ?? .max,
            Bounds.checkedProduct([self.program.indices.count, MemoryLayout<Int32>.stride]) ?? .max,
            Bounds.checkedProduct([self.program.offsets.count, 2 * MemoryLayout<Int>.stride]) ?? .max,
        ]) ?? .max
        return Bounds.checkedSum([Bounds.checkedProduct([size, arenaBytesPerEntry]) ?? .max, program,
                                  Bounds.checkedProduct([edgeCount, Self.bytesPerEdge]) ?? .max]) ?? .max
    }

    /// The primal values and local partials alone, before any elimination: every edge of the graph
    /// is in `incoming` with the slot its partial is computed into (what cost models of generated
    /// code read).
    init(localPartialsOf graph: NumericGraph) {
        self.init(localPartialsOf: graph) { () throws(Never) in }
    }

    /// The same, calling `poll` every 256 operations (on a 100,000-vertex graph the partials take
    /// a tenth of a second or more), which may throw to stop.
    private init<E: Error>(localPartialsOf graph: NumericGraph, poll: () throws(E) -> Void) throws(E) {
        let g = graph.graph
        self.graph = graph
        inputCount = g.inputCount
        incoming = Array(repeating: [:], count: g.vertexCount)
        successors = Array(repeating: [], count: g.inputCount + g.vertexCount)
        layOut()
        try emitPrimalsAndPartials(poll: poll)
    }

    private mutating func allocate(_ count: Int) -> Int {
        defer { size += count }
        return size
    }

    /// A slot for an edge's values: a freed one of this size, or new space.
    private mutating func allocateSlot(_ count: Int) -> Int {
        let slot = freeSlots[count]?.popLast() ?? allocate(count)
        slotSizes[slot] = count
        return slot
    }

    /// Returns a slot nothing reads any more to the free lists.
    private mutating func free(_ slot: Int) {
        guard slot >= 0, let count = slotSizes[slot], references[slot, default: 0] == 0 else { return }
        freeSlots[count, default: []].append(slot)
    }

    private mutating func layOut() {
        let g = graph.graph
        inputSlots = g.inputs.map { allocate($0.shape.count) }
        inputRange = (0, size)
        jacobianSlots = g.outputs.map { o in g.inputs.map { allocate(g.vertices[o - 1].shape.count * $0.shape.count) } }
        jacobianRange = (inputRange.1, size - inputRange.1)
        outputSlots = g.outputs.map { allocate(g.vertices[$0 - 1].shape.count) }
        outputRange = (jacobianRange.0 + jacobianRange.1, size - jacobianRange.0 - jacobianRange.1)
        valueSlots = inputSlots + g.vertices.map { allocate($0.shape.count) }
    }

    private func nodeIndex(_ node: Node) -> Int { EliminationGame.index(of: node, inputCount: inputCount) }

    private mutating func emitPrimalsAndPartials<E: Error>(poll: () throws(E) -> Void) throws(E) {
        var operandStarts: [Int] = []
        for (k, operation) in graph.operations.enumerated() {
            operandStarts.append(program.offsets.count)
            for argument in operation.arguments {
                switch argument {
                case let .node(n): program.offsets.append(valueSlots[nodeIndex(n)])
                case let .constant(t):
                    let slot = allocate(t.scalars.count)
                    constants.append((slot, t.scalars))
                    program.offsets.append(slot)
                }
            }
            program.instructions.append(.primal(kernel: k, operands: operandStarts[k], result: valueSlots[inputCount + k]))
        }
        for (k, operation) in graph.operations.enumerated() {
            if k & 255 == 255 { try poll() }
            let kernel = graph.kernels[k]
            var positions: [Int: [Int]] = [:]
            var order: [Int] = []
            for (position, argument) in operation.arguments.enumerated() {
                guard case let .node(n) = argument, kernel.partials[position] != nil else { continue }
                let u = nodeIndex(n)
                if positions[u] == nil { order.append(u) }
                positions[u, default: []].append(position)
            }
            for u in order {
                let terms = positions[u]!.map { position -> EdgeState in
                    let structure = kernel.partials[position]!.structure
                    let slot = structure.valueCount > 0 ? allocateSlot(structure.valueCount) : -1
                    if slot >= 0 {
                        program.instructions.append(.partial(kernel: k, position: position, operands: operandStarts[k],
                                                             result: valueSlots[inputCount + k], slot: slot))
                    }
                    return EdgeState(structure: structure, slot: slot)
                }
                var edge = terms[0]
                for term in terms.dropFirst() {
                    let total = sum(edge, term)
                    free(edge.slot)
                    free(term.slot)
                    edge = total
                }
                setEdge(from: u, to: k, edge)
            }
        }
    }

    // MARK: Edges and slots

    private mutating func setEdge(from u: Int, to w: Int, _ edge: EdgeState) {
        if let old = incoming[w][u] { release(old) } else { edgeCount += 1 }
        incoming[w][u] = edge
        successors[u].insert(w)
        if edge.slot >= 0 { references[edge.slot, default: 0] += 1 }
    }

    private mutating func removeEdge(from u: Int, to w: Int) {
        if let old = incoming[w].removeValue(forKey: u) {
            release(old)
            edgeCount -= 1
        }
        successors[u].remove(w)
    }

    private mutating func release(_ edge: EdgeState) {
        guard edge.slot >= 0 else { return }
        references[edge.slot, default: 1] -= 1
        free(edge.slot)
    }

    private func owns(_ edge: EdgeState) -> Bool { edge.slot >= 0 && references[edge.slot] == 1 }

    private mutating func appendPairs(_ pairs: [(Int32, Int32)], to: Int, from: Int) {
        guard !pairs.isEmpty else { return }
        let start = program.indices.count
        for (d, s) in pairs { program.indices += [d, s] }
        program.instructions.append(.pairs(start: start, count: pairs.count, to: to, from: from))
    }

    /// A new edge holding a + b.
    private mutating func sum(_ a: EdgeState, _ b: EdgeState) -> EdgeState {
        let structure = StructureAlgebra.sum(a.structure, b.structure)
        let slot = allocateSlot(structure.valueCount)
        program.instructions.append(.zero(slot, count: structure.valueCount))
        appendPairs(StructureAlgebra.embedding(a.structure, into: structure), to: slot, from: a.slot)
        appendPairs(StructureAlgebra.embedding(b.structure, into: structure), to: slot, from: b.slot)
        return EdgeState(structure: structure, slot: slot)
    }

    // MARK: Elimination

    /// Eliminates vertex index v and returns the multiplications it took.
    private mutating func eliminate(_ v: Int, keepInEdges: Bool) -> Int {
        let vn = inputCount + v
        let predecessors = incoming[v].keys.sorted()
        var cost = 0
        for w in successors[vn].sorted() {
            let q = incoming[w][vn]!
            for u in predecessors { cost += accumulate(q, incoming[v][u]!, from: u, to: w) }
            removeEdge(from: vn, to: w)
        }
        if !keepInEdges {
            for u in predecessors { removeEdge(from: u, to: v) }
        }
        return cost
    }

    /// Adds q·p onto the edge u→w and returns the multiplications.
    mutating func accumulate(_ q: EdgeState, _ p: EdgeState, from u: Int, to w: Int) -> Int {
        let r = ProductPlanner.structure(q.structure, p.structure)
        guard let existing = incoming[w][u] else {
            let (product, cost) = emitProduct(q, p, r, into: nil)
            setEdge(from: u, to: w, product)
            return cost
        }
        let s = StructureAlgebra.sum(existing.structure, r)
        if s == existing.structure, owns(existing) {
            if s == r, ProductPlanner.accumulates(q.structure, p.structure) {
                return emitProduct(q, p, r, into: existing.slot).1
            }
            let (product, cost) = emitProduct(q, p, r, into: nil)
            appendPairs(StructureAlgebra.embedding(product.structure, into: s), to: existing.slot, from: product.slot)
            free(product.slot)
            return cost
        }
        let (product, cost) = emitProduct(q, p, r, into: nil)
        setEdge(from: u, to: w, sum(existing, product))
        free(product.slot)
        return cost
    }

    /// Emits q·p with result structure r into a fresh slot (or accumulated into `destination`, which
    /// holds structure r); returns the result edge and the multiplications.
    private mutating func emitProduct(_ q: EdgeState, _ p: EdgeState, _ r: PartialStructure, into destination: Int?) -> (EdgeState, Int) {
        let fresh = destination == nil
        switch (q.structure, p.structure) {
        case (.identity, _), (_, .identity):
            let other = q.structure.isValueless && p.structure.isValueless ? (q.structure == .identity(q.structure.rows) ? p : q)
                : (q.structure.isValueless ? p : q)
            if let destination {
                program.instructions.append(.add(to: destination, from: other.slot, count: r.valueCount))
                return (EdgeState(structure: r, slot: destination), 0)
            }
            return (EdgeState(structure: r, slot: other.slot), 0)
        case (.scaled, _), (_, .scaled):
            let (scalar, other) = { if case .scaled = q.structure { return (q, p) } else { return (p, q) } }()
            let out = destination ?? allocateSlot(r.valueCount)
            if other.structure.isValueless {
                program.instructions.append(.fill(to: out, scalar: scalar.slot, count: r.valueCount))
                return (EdgeState(structure: r, slot: out), 0)
            }
            program.instructions.append(.scale(to: out, scalar: scalar.slot, from: other.slot, count: other.structure.valueCount, accumulate: !fresh))
            return (EdgeState(structure: r, slot: out), other.structure.valueCount)
        default:
            break
        }
        if r.isValueless { return (EdgeState(structure: r, slot: -1), 0) }
        let out = destination ?? allocateSlot(r.valueCount)
        if let products = ProductPlanner.matrixProducts(q.structure, q.slot, p.structure, p.slot, r, out, accumulate: !fresh) {
            let cost = products.reduce(0) { $0 + $1.multiplications }
            if products.count == 1, products[0].multiplications == 1, r.valueCount == 1 {
                program.instructions.append(.multiply(to: out, q: q.slot, p: p.slot, count: 1, accumulate: !fresh))
            } else {
                for product in products {
                    program.instructions.append(.matrix(program.products.count))
                    program.products.append(product)
                }
            }
            return (EdgeState(structure: r, slot: out), cost)
        }
        if case let .diagonal(n) = q.structure, case .diagonal = p.structure {
            program.instructions.append(.multiply(to: out, q: q.slot, p: p.slot, count: n, accumulate: !fresh))
            return (EdgeState(structure: r, slot: out), n)
        }
        let (triples, fromQ, fromP) = ProductPlanner.contributions(q.structure, p.structure, r)
        if fresh { program.instructions.append(.zero(out, count: r.valueCount)) }
        if !triples.isEmpty {
            program.instructions.append(.triples(start: program.indices.count, count: triples.count / 3, to: out, q: q.slot, p: p.slot))
            program.indices += triples
        }
        appendPairs(fromQ, to: out, from: q.slot)
        appendPairs(fromP, to: out, from: p.slot)
        return (EdgeState(structure: r, slot: out), triples.count / 3)
    }

    // MARK: One product alone

    /// The instructions that add q·p onto an edge holding `existing` (nil: no such edge yet), and
    /// nothing else: a compiler over the same graph with an empty arena and program, in which q's,
    /// p's and existing's values take the first slots, in that order, and one node feeds one
    /// vertex. `shared` says that another edge reads existing's storage, which then cannot take
    /// the product in place. Returns that compiler, the three edges as placed, and the edge after
    /// the product (the `code` cost model runs it symbolically, entry by entry).
    func product(_ q: PartialStructure, _ p: PartialStructure, onto existing: PartialStructure?, shared: Bool)
        -> (compiler: PlanCompiler, q: EdgeState, p: EdgeState, existing: EdgeState?, result: EdgeState) {
        var c = self
        c.program = PlanProgram()
        (c.size, c.references, c.slotSizes, c.freeSlots, c.edgeCount) = (0, [:], [:], [:], 0)
        (c.incoming, c.successors) = ([[:]], [[]])
        (c.valueSlots, c.constants, c.stepCosts, c.inputSlots, c.outputSlots, c.jacobianSlots) = ([], [], [], [], [], [])
        // The factors' slots are never freed (no edge of this compiler reads them); existing's is
        // the edge's own, released when the product replaces it.
        func place(_ structure: PartialStructure, edge: Bool) -> EdgeState {
            let count = structure.valueCount
            return EdgeState(structure: structure, slot: count == 0 ? -1 : edge ? c.allocateSlot(count) : c.allocate(count))
        }
        let qEdge = place(q, edge: false), pEdge = place(p, edge: false)
        let existingEdge = existing.map { place($0, edge: true) }
        if let existingEdge {
            c.setEdge(from: 0, to: 0, existingEdge)
            if shared, existingEdge.slot >= 0 { c.references[existingEdge.slot, default: 0] += 1 }
        }
        _ = c.accumulate(qEdge, pEdge, from: 0, to: 0)
        return (c, qEdge, pEdge, existingEdge, c.incoming[0][0]!)
    }

    // MARK: Assembly

    private mutating func emitAssembly() {
        let g = graph.graph
        for (oi, o) in g.outputs.enumerated() {
            for i in 0..<inputCount {
                guard let edge = incoming[o - 1][i] else { continue }
                let dense = PartialStructure.dense(rows: edge.structure.rows, columns: edge.structure.columns)
                let slot = jacobianSlots[oi][i]
                if edge.structure == dense {
                    program.instructions.append(.copy(to: slot, from: edge.slot, count: dense.valueCount))
                } else {
                    program.instructions.append(.zero(slot, count: dense.valueCount))
                    appendPairs(StructureAlgebra.embedding(edge.structure, into: dense), to: slot, from: edge.slot)
                }
            }
            program.instructions.append(.copy(to: outputSlots[oi], from: valueSlots[inputCount + o - 1], count: g.vertices[o - 1].shape.count))
        }
    }
}
