/// How one step of the game combines edge records: eliminating v adds the product of u→v and v→w
/// onto u→w, so the record of u→w afterwards follows from the two factors' records and the record
/// u→w had (nil when there was no such edge), and the product costs something. The adjacency's
/// elimination is written once over this; the paper's tables are one algebra, a cost model that
/// follows its own per-edge attribute (`EdgeAlgebra`) another.
protocol RecordAlgebra {
    associatedtype Cost: AdditiveArithmetic
    /// The record of u→w after the step, and what forming and adding the product costs (which may
    /// depend on what the step has formed before).
    mutating func combine(in inRecord: UInt32, out outRecord: UInt32, existing: UInt32?) -> (record: UInt32, cost: Cost)
}

/// The vertex game's records: the product's sparsity type from the MUL table summed by the ADD
/// table onto the existing edge's type, shapes (w's from the out-edge, u's from the in-edge) kept,
/// and the paper's multiplications as the cost.
struct PaperRecords: RecordAlgebra {
    let game: EliminationGame

    @inline(__always)
    func combine(in inRecord: UInt32, out outRecord: UInt32, existing: UInt32?) -> (record: UInt32, cost: Int) {
        let n = SparsityTables.size
        let product = Int(game.pairTable[Int(inRecord & 31) * n + Int(outRecord & 31)] >> 8)
        let existingType = existing.map { Int($0 & 31) } ?? SparsityType.none.tableIndex
        let merged = UInt32(game.sumTable[existingType * n + product])
        return (merged | outRecord & 0xFFF00 | inRecord & 0xFFF0_0000, game.pairCost(inRecord, outRecord))
    }
}
