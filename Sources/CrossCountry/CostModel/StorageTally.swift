/// The `memory` model's running account: how many entries the live partials store now, and the
/// most they have stored at any moment of the elimination so far.
///
/// A partial stores, by its paper sparsity type, the entries its structure does not fix: a dense
/// ∂w/∂u all w1·w2·u1·u2, a diagonal between two indices one extent fewer, elementwise types w1·w2,
/// Kronecker deltas none of the extents they tie, a multiple of the identity one value, and
/// identities, copies, transposes and reshapes/slices nothing. While v is eliminated, every live
/// partial and the new and grown products coexist before v's own edges go, so a step's level is
/// the live entries plus that growth; a step costs what its level adds to the peak, and an order's
/// total is the peak itself (the graph's own partials included, counted at the first step).
struct StorageTally: Sendable, Equatable {
    var live = 0
    var peak = 0

    /// The step cost of reaching `level` entries, and the tally after it with `live` entries left.
    mutating func step(level: Int, leaving remaining: Int) -> Int {
        let cost = max(0, level - peak)
        peak = max(peak, level)
        live = remaining
        return cost
    }

    /// What reaching `level` would cost now.
    func cost(level: Int) -> Int { max(0, level - peak) }
}

/// Per sparsity type (table index): which extents of the target (bits 0–1: w1, w2) and of the
/// source (bits 2–3: u1, u2) a partial stores values along; bit 4 set when it stores nothing, bit 5
/// when it stores one value.
enum StoredExtents {
    static let none: UInt8 = 16, one: UInt8 = 32

    static let table: [UInt8] = (0..<SparsityTables.size).map { index in
        let t = { (target: UInt8, source: UInt8) in target | source << 2 }
        switch index - 10 {
        case 1: return t(3, 3)
        case 2, 5: return t(3, 2)
        case 3, 4: return t(3, 1)
        case 6, 7: return t(3, 0)
        case 8, 9: return t(2, 0)
        case -2: return t(2, 2)
        case -3: return t(1, 1)
        case -4: return t(2, 1)
        case -5: return t(1, 2)
        case -8, -9: return t(1, 0)
        case 10, -10: return one
        default: return none  // no edge, copies, identities, transposes, reshapes and slices
        }
    }
}

extension EliminationGame {
    /// The entries a partial with this paper record stores (negative, replicating extents count 1).
    @inline(__always)
    func storedEntries(_ record: UInt32) -> Int { Self.storedEntries(record, factor: factor) }

    /// The same, given the game's shape factors (`factor`).
    @inline(__always)
    static func storedEntries(_ record: UInt32, factor: [Int]) -> Int {
        let extents = StoredExtents.table[Int(record & 31)]
        if extents & StoredExtents.none != 0 { return 0 }
        if extents & StoredExtents.one != 0 { return 1 }
        return factor[Int((record >> 8) & 0xFFF) * 4 + Int(extents & 3)] * factor[Int(record >> 20) * 4 + Int(extents >> 2 & 3)]
    }
}
