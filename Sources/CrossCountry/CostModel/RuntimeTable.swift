/// What each kind of operation of generated code costs on this machine, in nanoseconds per point:
/// the `runtime` model's prices, measured by `RuntimeCalibration` (or given, for tests). Straight-
/// line operations are timed as the generated code runs them, on vectors of eight points; a
/// large product runs as a loop over the workspace, priced per multiplication by its loop's kind.
public struct RuntimeTable: Sendable, Hashable {
    /// a·b, a±b, a·b + c (one fused instruction), a/b and a transcendental call (sin) in straight-line code.
    public var multiply: Double
    public var add: Double
    public var fused: Double
    public var divide: Double
    public var call: Double
    /// Per entry of an elementwise multiply-accumulate loop, per multiply-add of a matrix product
    /// loop, per index triple of a scattered product, per entry of a scattered sum.
    public var loopElementwise: Double
    public var loopMatrix: Double
    public var loopScatter: Double
    public var loopAdd: Double

    public init(multiply: Double, add: Double, fused: Double, divide: Double, call: Double,
                loopElementwise: Double, loopMatrix: Double, loopScatter: Double, loopAdd: Double) {
        self.multiply = multiply
        self.add = add
        self.fused = fused
        self.divide = divide
        self.call = call
        self.loopElementwise = loopElementwise
        self.loopMatrix = loopMatrix
        self.loopScatter = loopScatter
        self.loopAdd = loopAdd
    }

    /// The fields by name, in the order the cache file lists them.
    public static var fields: [(name: String, path: WritableKeyPath<RuntimeTable, Double>)] {
        [
            ("multiply", \.multiply), ("add", \.add), ("fused", \.fused), ("divide", \.divide), ("call", \.call),
            ("loop_elementwise", \.loopElementwise), ("loop_matrix", \.loopMatrix), ("loop_scatter", \.loopScatter), ("loop_add", \.loopAdd),
        ]
    }

    /// Every price the same (what tests use to compare with the operation counts).
    public static func uniform(_ ns: Double) -> RuntimeTable {
        RuntimeTable(multiply: ns, add: ns, fused: ns, divide: ns, call: ns, loopElementwise: ns, loopMatrix: ns, loopScatter: ns, loopAdd: ns)
    }

    /// The nanoseconds per point of what one elimination step executes: in straight-line code a
    /// multiplication and an addition of the same entry fuse into one instruction; a loop costs its
    /// kind's price per multiplication (with the addition it makes), a sum's loop per entry.
    func price(_ work: CodeAlgebra.Work) -> Double {
        let (multiplications, additions) = work.straightLine
        let fusedCount = min(multiplications, additions)
        let straightLine = Double(fusedCount) * fused + Double(multiplications - fusedCount) * multiply + Double(additions - fusedCount) * add
        return straightLine + Double(work.elementwise) * loopElementwise + Double(work.matrix) * loopMatrix
            + Double(work.scatter) * loopScatter + Double(work.sums) * loopAdd
    }

    /// Nanoseconds per point of straight-line operations counted by kind (the primal values and
    /// local partials of a kernel; negations are free, comparisons and selections priced as additions).
    public func price(_ counts: OperationCounts) -> Double {
        Double(counts.multiplications) * multiply + Double(counts.additions + counts.comparisons) * add
            + Double(counts.divisions) * divide + Double(counts.calls) * call
    }

    /// Nanoseconds per point of what every order computes alike: the primal values and the local
    /// partials the results need, as code generation leaves them (folded, repeated calls once).
    public func fixedCost(of numeric: NumericGraph) -> Double { price(CodeAlgebra.fixedOperations(of: numeric)) }

    /// The table as the cache file's lines, `name value`.
    var text: String { Self.fields.map { "\($0.name) \(self[keyPath: $0.path])\n" }.joined() }

    /// A table from `text`'s lines, or nil when a field is missing or not a finite number ≥ 0.
    init?(text: Substring) {
        var table = RuntimeTable.uniform(.nan)
        var seen = Set<String>()
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let field = Self.fields.first(where: { $0.name == parts[0] }),
                  let value = Double(parts[1]), value.isFinite, value >= 0 else { return nil }
            table[keyPath: field.path] = value
            seen.insert(field.name)
        }
        guard seen.count == Self.fields.count else { return nil }
        self = table
    }
}
