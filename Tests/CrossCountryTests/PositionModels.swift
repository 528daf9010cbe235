import CrossCountry

/// The cost models the trial and sweeping tests play random games under, by name: the paper's
/// count, the memory tally, and a function model of the live edges (how many a step touches).
enum PositionModels {
    static var named: [(name: String, model: CostModel)] {
        [("paper", .paper), ("memory", .memory),
         ("touched", .function("touched", EdgeCostFunction { Double($0.inCount + $0.outCount) }))]
    }
}
