/// What the generated code of a Jacobian executes per point, by kind of operation: the `code`
/// count of an order. Multiplications by ±1 and 0, additions of 0 and operations on constants are
/// folded away at generation time and never counted; a negation is a sign flip, counted apart.
public struct OperationCounts: Hashable, Sendable, CustomStringConvertible {
    public var multiplications = 0
    public var divisions = 0
    /// Additions and subtractions.
    public var additions = 0
    public var negations = 0
    /// Calls of transcendental functions, square roots and other library functions.
    public var calls = 0
    /// Comparisons and selections.
    public var comparisons = 0

    public init() {}

    /// Every operation counted once.
    public var total: Int { multiplications + divisions + additions + negations + calls + comparisons }

    mutating func count(_ node: ScalarCode.Node) {
        switch node {
        case .input, .load: break
        case .neg: negations += 1
        case .add, .sub: additions += 1
        case .mul: multiplications += 1
        case .div: divisions += 1
        case .call, .call2: calls += 1
        case .compare, .select: comparisons += 1
        }
    }

    /// Every count n times (a loop's body over n iterations).
    func times(_ n: Int) -> OperationCounts {
        var c = self
        c.multiplications *= n
        c.divisions *= n
        c.additions *= n
        c.negations *= n
        c.calls *= n
        c.comparisons *= n
        return c
    }

    public static func + (a: OperationCounts, b: OperationCounts) -> OperationCounts {
        var c = a
        c.multiplications += b.multiplications
        c.divisions += b.divisions
        c.additions += b.additions
        c.negations += b.negations
        c.calls += b.calls
        c.comparisons += b.comparisons
        return c
    }

    /// The six counts as a cache record keeps them (`init(record:)` reads them back).
    var record: String {
        [multiplications, divisions, additions, negations, calls, comparisons].map(String.init).joined(separator: " ")
    }

    /// Counts from their `record`; nil unless it is six counts.
    init?(record: Substring) {
        let fields = record.split(separator: " ", omittingEmptySubsequences: false)
        let values = fields.compactMap { Int($0) }.filter { $0 >= 0 }
        guard fields.count == 6, values.count == 6 else { return nil }
        (multiplications, divisions, additions, negations, calls, comparisons) = (values[0], values[1], values[2], values[3], values[4], values[5])
    }

    public var description: String {
        "\(multiplications) mul, \(divisions) div, \(additions) add, \(calls) calls"
            + (negations > 0 ? ", \(negations) neg" : "") + (comparisons > 0 ? ", \(comparisons) cmp" : "")
    }
}
