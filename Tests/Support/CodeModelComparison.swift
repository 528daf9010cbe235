import CrossCountry

/// The `code` model's prediction for one order beside the generated C's operations read back from
/// its text: the fixed operations (`CostModel.fixedOperations`) plus the model's multiplications
/// and additions: the multiplications counted alone through `CostModel.straightLine` at prices of 1
/// for them (a fused multiply-add's, a loop's), the additions the rest of the `code` model's total.
public struct CodeModelComparison {
    public let c: COperationCount
    /// How many parts the straight-line code is cut into besides the last (`KernelBuilder.defaultPartSize`):
    /// parts share nothing, which the model does not follow.
    public let parts: Int
    public let predicted: COperationCount
    /// The `code` model's total.
    public let total: Double

    public var exact: Bool { c == predicted }

    static let multiplications: CostModel = {
        var prices = RuntimeTable.uniform(0)
        (prices.multiply, prices.fused) = (1, 1)
        (prices.loopElementwise, prices.loopMatrix, prices.loopScatter) = (1, 1, 1)
        return .straightLine(prices)
    }()

    public init(_ g: NumericGraph, _ order: [Int]) throws {
        // The model describes straight-line code; large plans would otherwise become table kernels.
        let source = try JacobianSource(g, order: order, form: .library, straightLineBudget: .max).text
        c = COperationCount(source: source)
        parts = source.components(separatedBy: "static void ccs_point_part").count - 1
        let fixed = CostModel.fixedOperations(of: g)
        let multiplications = try EliminationGame(g, model: Self.multiplications).cost(of: order).total
        total = try EliminationGame(g, model: .code).cost(of: order).total
        let additions = total - multiplications
        var predicted = COperationCount()
        predicted.multiplications = fixed.multiplications + Int(multiplications)
        predicted.divisions = fixed.divisions
        predicted.additions = fixed.additions + Int(additions)
        predicted.calls = fixed.calls
        self.predicted = predicted
    }
}
