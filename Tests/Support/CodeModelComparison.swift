import CrossCountry

/// The `code` model's prediction for one order beside the generated C's operations read back from
/// its text: the fixed operations (`CostModel.fixedOperations`) plus the model's multiplications
/// and additions, each counted alone through the `runtime` model at prices of 1 for one kind (a
/// fused multiply-add is one of each).
public struct CodeModelComparison {
    public let c: COperationCount
    public let predicted: COperationCount
    /// The `code` model's total and the sum of its two kinds, which must agree (weights 1 and 1).
    public let total: Double, kindsTotal: Double

    public var exact: Bool { c == predicted }

    static let kinds: (multiplications: CostModel, additions: CostModel) = {
        var multiplications = RuntimeTable.uniform(0), additions = RuntimeTable.uniform(0)
        (multiplications.multiply, multiplications.fused) = (1, 1)
        (multiplications.loopElementwise, multiplications.loopMatrix, multiplications.loopScatter) = (1, 1, 1)
        (additions.add, additions.fused, additions.loopAdd) = (1, 1, 1)
        return (.runtime(multiplications), .runtime(additions))
    }()

    public init(_ g: NumericGraph, _ order: [Int]) throws {
        // The model describes straight-line code; large plans would otherwise become table kernels.
        c = COperationCount(source: try JacobianSource(g, order: order, form: .library, straightLineBudget: .max).text)
        let fixed = CostModel.fixedOperations(of: g)
        let multiplications = try EliminationGame(g, model: Self.kinds.multiplications).cost(of: order).total
        let additions = try EliminationGame(g, model: Self.kinds.additions).cost(of: order).total
        total = try EliminationGame(g, model: .code).cost(of: order).total
        kindsTotal = multiplications + additions
        var predicted = COperationCount()
        predicted.multiplications = fixed.multiplications + Int(multiplications)
        predicted.divisions = fixed.divisions
        predicted.additions = fixed.additions + Int(additions)
        predicted.calls = fixed.calls
        self.predicted = predicted
    }
}
