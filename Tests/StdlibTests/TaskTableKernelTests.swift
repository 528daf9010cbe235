@testable import CrossCountry
import CCSTestSupport
import Testing

/// The `runtime` model on the stdlib's tasks whose plans are too large for straight-line code and
/// run as table kernels, which fold nothing: it prices the multiplications the table kernel
/// performs, read back from the emitter's own count of the compiled plan, for forward, reverse,
/// Markowitz and five random orders; the straight-line tasks keep `code`'s operations. (The
/// Perceptron lies near the budget: some of its orders compile to straight-line code, which the
/// forward order's table form misprices.)
@Suite struct TaskTableKernelTests {
    /// Prices of 1 for a table kernel's product and 0 for everything else.
    static let products: CostModel = {
        var table = RuntimeTable.uniform(0)
        table.loopScatter = 1
        return .runtime(table)
    }()

    /// Up to what every order shares (the table kernel's primal values and local partials, which
    /// fold nothing either: 24–31 multiplications more than straight-line code's), each order's
    /// price differs from the forward order's by what its table kernel multiplies more.
    @Test(arguments: ["f", "Encoder"])
    func runtimePricesWhatTheTableKernelMultiplies(_ name: String) throws {
        let g = try PaperTask.named(name).traced()
        #expect(JacobianKernel.runsAsTable(g))
        let game = try EliminationGame(g, model: Self.products)
        var rng = SplitMix64(seed: 3)
        let orders = [game.forwardOrder, game.reverseOrder, game.markowitzOrder()] + (0..<5).map { _ in game.eliminable.shuffled(using: &rng) }
        let predicted = try orders.map { try game.cost(of: $0).total }
        let kernel = try orders.map { Double(try JacobianSource(g, order: $0, form: .library).counts.multiplications) }
        for k in orders.indices.dropFirst() {
            #expect(predicted[k] - predicted[0] == kernel[k] - kernel[0], "\(name): predicted \(predicted[k]) against forward's \(predicted[0]), the C \(kernel[k]) against \(kernel[0])")
        }
        #expect(Set(predicted).count > 2, "the orders differ")
    }

    /// A straight-line task is priced as `code` counts it: a table kernel's price changes nothing.
    @Test func straightLineTasksKeepTheCodeModel() throws {
        let g = try PaperTask.named("RoeFlux_1d").traced()
        #expect(!JacobianKernel.runsAsTable(g))
        let game = try EliminationGame(g, model: Self.products)
        #expect(try game.cost(of: game.forwardOrder).total == 0)
    }
}
