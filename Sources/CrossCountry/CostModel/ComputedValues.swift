/// The values a position's generated code has computed so far, for edge algebras whose products
/// and sums can coincide (`ValueSharingAlgebra`): code computes a value once, however many edges
/// ask for it and in whichever step, so an operation costs something only the first time. The set
/// is closed under operands, and every value in it is an operand, at some depth, of a live edge's
/// value or of what every order computes alike — so it follows from the position's attributes,
/// and positions with the same attributes have the same set.
struct ComputedValues: Sendable, Equatable {
    /// Node ids of the table's code.
    private var nodes: Set<Int32> = []
    /// The table the ids (and the position's attributes) belong to.
    private(set) var table: CodeValueTable?
    /// What a step that is only being priced has added: kept apart, so that pricing copies nothing.
    private var trial: [Int32]?
    /// What steps added since `startRecording()`, for `rollBack()`.
    private var recorded: [Int32]?

    init() {}

    /// The same values computed (how they are being recorded aside).
    static func == (a: ComputedValues, b: ComputedValues) -> Bool { a.table === b.table && a.nodes == b.nodes && a.trial == b.trial }

    init(_ nodes: Set<Int32>, table: CodeValueTable) {
        self.nodes = nodes
        self.table = table
    }

    /// Whether the values' table has retired, so that the position should move on (`ValueSharingAlgebra.refresh`).
    var isStale: Bool { table?.isRetired == true }

    /// Whether `other`'s ids mean what these ids mean (both in one table).
    func sharesTable(with other: ComputedValues) -> Bool { table === other.table }

    /// The table's generation, which tells the ids of positions in different tables apart.
    var generation: Int { table?.generation ?? 0 }

    /// Moves the values to `new`, `renumber` translating the ids (outside a trial).
    mutating func carry(from old: CodeValueTable, into new: CodeValueTable, _ renumber: (inout Set<Int32>) -> Void) {
        precondition(table === old && trial == nil && recorded == nil, "moving values during a trial")
        renumber(&nodes)
        table = new
    }

    /// These values, for pricing a step without playing it.
    var forTrial: ComputedValues {
        var copy = self
        copy.trial = []
        return copy
    }

    func contains(_ node: Int32) -> Bool { nodes.contains(node) || trial?.contains(node) == true }

    mutating func insert(_ node: Int32) {
        if trial != nil {
            trial!.append(node)
        } else if nodes.insert(node).inserted {
            recorded?.append(node)
        }
    }

    /// Logs what steps add from here on (a search's trial on a large position).
    mutating func startRecording() { recorded = [] }

    /// Takes back what steps added since `startRecording()`.
    mutating func rollBack() {
        for node in recorded ?? [] { nodes.remove(node) }
        recorded = nil
    }

    /// How many values are computed.
    var count: Int { nodes.count }

    /// The bytes the set holds (a hash table of 32-bit ids with its spare room, about 8 a slot).
    var bytes: Int { nodes.capacity * 8 }

    /// Makes these values equal to `other`'s, reusing this set's storage.
    mutating func assign(from other: ComputedValues) {
        nodes.removeAll(keepingCapacity: true)
        nodes.formUnion(other.nodes)
        table = other.table
        trial = nil
        recorded = nil
    }
}

/// An edge algebra that prices a step against what the position has computed already
/// (`ComputedValues`), because equal products and sums are formed once in the code it models.
protocol ValueSharingAlgebra: EdgeAlgebra {
    /// What every position has computed before any elimination.
    var initialValues: ComputedValues { get }

    /// `combine(in:out:existing:)`, charging only the operations that are not in `values` yet, and
    /// adding them there.
    func combine(in inAttribute: UInt32, out outAttribute: UInt32, existing: UInt32?, values: inout ComputedValues) -> (attribute: UInt32, cost: Double)

    /// Moves a position whose values' table has retired (`ComputedValues.isStale`) onto the
    /// algebra's current table, renumbering its attributes and values; not during a trial.
    func refresh(_ attributes: inout ListAdjacency, _ values: inout ComputedValues)
}
