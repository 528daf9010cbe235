import Synchronization

/// One generation of the values a `CodeAlgebra`'s positions carry: the emitter's code of every
/// value its positions formed, the edge attributes (as 32-bit ids) and the memoised combinations.
/// Positions share a table, so that equal values are one node and equal edges one id, and every
/// value a search explores stays in it; a table that holds more than its capacity is retired, and
/// each position moves on to the algebra's current table at its next step outside a trial
/// (`CodeAlgebra.refresh`), taking only what its own edges and computed values need. A retired
/// table is freed with the last position that still refers to it, so the tables alive hold about
/// the capacity plus what the live positions carry — memory bounded by the graph, not by the
/// length of the search.
///
/// Every table starts alike: the local partials' code and the graph's edge attributes have the same
/// ids in all of them, so a position at the start is valid in any table. The code is numbered by
/// the emitter's own rules (`ScalarCode`), which depend only on the operations, so a position
/// priced in a later table costs what it costs in the first.
final class CodeValueTable: Sendable {
    /// Only ever reached under the table's lock (the code is a class of its own).
    struct Contents: @unchecked Sendable {
        var attributes = Interner<CodeAlgebra.Attribute>()
        var combined: [CodeAlgebra.CombineKey: CodeAlgebra.Combined] = [:]
        let code: ScalarCode
        /// The entries positions brought with them when they moved in: about what the positions
        /// alive need, which the table must exceed several times before it retires (so that a
        /// position larger than the capacity does not move on every step).
        var carried = 0
        /// Where this table's ids went in the table positions moved on to (once retired).
        var forward: Forward?

        /// The entries larger edges' attributes follow (`CodeAlgebra.Attribute.entries`).
        var followedEntries = 0

        /// The plan compiler's instructions for the products of the structures met so far.
        var plans: [EntrywiseProduct.Shapes: EntrywiseProduct.Plan] = [:]

        /// Nodes, attributes (with the entries they follow) and memoised combinations (the plans,
        /// one per pair of structures, are few beside them).
        var entries: Int { code.nodes.count + attributes.count + followedEntries + combined.count }
    }

    /// This table's ids of nodes and attributes in a later generation's table.
    struct Forward {
        let generation: Int
        var nodes: [Int32: Int32] = [:]
        var attributes: [UInt32: UInt32] = [:]
    }

    /// Tables of one algebra are numbered from 0, in the order they were made.
    let generation: Int
    let contents: Mutex<Contents>
    /// The entries past which the table retires.
    let capacity: Int
    /// How many leading nodes and attributes every table of the algebra has alike.
    let seedNodes: Int32, seedAttributes: UInt32
    private let retired = Atomic<Bool>(false)

    init(generation: Int, code: ScalarCode, seed: [CodeAlgebra.Attribute], capacity: Int) {
        var contents = Contents(code: code)
        for attribute in seed {
            _ = contents.attributes.intern(attribute)
            contents.followedEntries += attribute.entries?.count ?? 0
        }
        self.generation = generation
        self.capacity = capacity
        seedNodes = Int32(code.nodes.count)
        seedAttributes = UInt32(contents.attributes.count)
        self.contents = Mutex(contents)
    }

    /// Whether positions should move on to a newer table.
    var isRetired: Bool { retired.load(ordering: .relaxed) }

    /// Retires the table once it holds more than its capacity and several times what positions brought in.
    func retireIfFull(_ contents: borrowing Contents) {
        let entries = contents.entries
        if entries > capacity && entries > 4 * contents.carried { retired.store(true, ordering: .relaxed) }
    }

    /// The entries the table holds.
    var entries: Int { contents.withLock { $0.entries } }

    /// Moves a position's attributes and computed nodes from `old` (retired) into `new`: each
    /// value is formed again in the new code by the same operation on its operands' new nodes, so
    /// it is the same value there, and each attribute interned with its new value.
    static func carry(_ attributes: inout ListAdjacency, _ nodes: inout Set<Int32>, from old: CodeValueTable, into new: CodeValueTable) {
        old.contents.withLock { o in
            new.contents.withLock { n in
                var forward = o.forward?.generation == new.generation ? o.forward! : Forward(generation: new.generation)
                let before = n.entries
                var carrier = Carrier(old: old, forward: forward)
                nodes = Set(nodes.map { carrier.node($0, from: o.code, into: n.code) })
                attributes.updateRecords { carrier.attribute($0, from: o, into: &n) }
                forward = carrier.forward
                n.carried += n.entries - before
                o.forward = forward
            }
        }
    }

    /// Translates ids of a retired table into a newer one, remembering what it did.
    private struct Carrier {
        let seedNodes: Int32, seedAttributes: UInt32
        var forward: Forward

        init(old: CodeValueTable, forward: Forward) {
            (seedNodes, seedAttributes) = (old.seedNodes, old.seedAttributes)
            self.forward = forward
        }

        mutating func attribute(_ id: UInt32, from old: borrowing Contents, into new: inout Contents) -> UInt32 {
            if id < seedAttributes { return id }
            if let known = forward.attributes[id] { return known }
            var attribute = old.attributes[id]
            if case let value?? = attribute.value { attribute.value = .some(ref(value, from: old.code, into: new.code)) }
            attribute.entries = attribute.entries?.map { $0.map { ref($0, from: old.code, into: new.code) } }
            let before = new.attributes.count
            let carried = new.attributes.intern(attribute)
            if new.attributes.count > before { new.followedEntries += attribute.entries?.count ?? 0 }
            forward.attributes[id] = carried
            return carried
        }

        mutating func ref(_ ref: ScalarCode.Ref, from old: ScalarCode, into new: ScalarCode) -> ScalarCode.Ref {
            guard case let .node(id) = ref else { return ref }
            return .node(node(id, from: old, into: new))
        }

        /// The node in `new` of node `id` of `old`: its operands first (they precede it, so an
        /// ascending pass over what is missing forms every operand before its users).
        mutating func node(_ id: Int32, from old: ScalarCode, into new: ScalarCode) -> Int32 {
            if id < seedNodes { return id }
            if let known = forward.nodes[id] { return known }
            var missing: [Int32] = [], stack = [id], seen: Set<Int32> = [id]
            while let next = stack.popLast() {
                missing.append(next)
                for case let .node(operand) in ScalarCode.operands(old.nodes[Int(next)])
                where operand >= seedNodes && forward.nodes[operand] == nil && seen.insert(operand).inserted {
                    stack.append(operand)
                }
            }
            for next in missing.sorted() {
                let formed = Self.form(old.nodes[Int(next)], in: new) { operand in
                    guard case let .node(o) = operand, o >= seedNodes else { return operand }
                    return .node(forward.nodes[o]!)
                }
                // A node is the emitter's normal form of its operation, so forming it again gives a node.
                guard case let .node(carried) = formed else { preconditionFailure("a value of the code folded when carried over") }
                forward.nodes[next] = carried
            }
            return forward.nodes[id]!
        }

        /// The node's operation formed in `code` through the emitter's own operations, on its operands mapped by `map`.
        private static func form(_ node: ScalarCode.Node, in code: ScalarCode, _ map: (ScalarCode.Ref) -> ScalarCode.Ref) -> ScalarCode.Ref {
            switch node {
            case let .input(i): return code.input(i).ref
            case let .load(entry, version): return code.load(entry, version: version).ref
            case let .neg(x): return code.negate(map(x))
            case let .add(a, b): return code.add(map(a), map(b))
            case let .sub(a, b): return code.sub(map(a), map(b))
            case let .mul(a, b): return code.mul(map(a), map(b))
            case let .div(a, b): return code.div(map(a), map(b))
            case let .call(f, x): return code.unary(f, map(x))
            case let .call2(f, a, b): return code.binary(f, map(a), map(b))
            case let .compare(c, a, b): return code.compare(c, map(a), map(b))
            case let .select(c, a, b): return code.select(map(c), map(a), map(b))
            }
        }
    }
}
