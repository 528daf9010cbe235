/// Operations on fixed-width bitsets stored as runs of 64-bit words — the adjacency sets of the
/// elimination game.
enum Bits {
    @inline(__always)
    static func count(_ set: UnsafePointer<UInt64>, _ words: Int) -> Int {
        var total = 0
        for i in 0..<words { total += set[i].nonzeroBitCount }
        return total
    }

    @inline(__always)
    static func count(_ set: UnsafeMutablePointer<UInt64>, _ words: Int) -> Int {
        count(UnsafePointer(set), words)
    }

    /// Calls `body` with each member, ascending.
    @inline(__always)
    static func forEach(_ set: UnsafePointer<UInt64>, _ words: Int, _ body: (Int) -> Void) {
        for i in 0..<words {
            var word = set[i]
            while word != 0 {
                body(i &* 64 &+ word.trailingZeroBitCount)
                word &= word &- 1
            }
        }
    }

    @inline(__always)
    static func forEach(_ set: UnsafeMutablePointer<UInt64>, _ words: Int, _ body: (Int) -> Void) {
        forEach(UnsafePointer(set), words, body)
    }

    @inline(__always)
    static func contains(_ set: UnsafePointer<UInt64>, _ member: Int) -> Bool {
        set[member >> 6] & (1 << UInt64(member & 63)) != 0
    }

    @inline(__always)
    static func contains(_ set: UnsafeMutablePointer<UInt64>, _ member: Int) -> Bool {
        contains(UnsafePointer(set), member)
    }

    @inline(__always)
    static func remove(_ set: UnsafeMutablePointer<UInt64>, _ member: Int) {
        set[member >> 6] &= ~(1 << UInt64(member & 63))
    }

    @inline(__always)
    static func formUnion(_ set: UnsafeMutablePointer<UInt64>, _ other: UnsafePointer<UInt64>, _ words: Int) {
        for i in 0..<words { set[i] |= other[i] }
    }

    @inline(__always)
    static func formUnion(_ set: UnsafeMutablePointer<UInt64>, _ other: UnsafeMutablePointer<UInt64>, _ words: Int) {
        formUnion(set, UnsafePointer(other), words)
    }

    @inline(__always)
    static func clear(_ set: UnsafeMutablePointer<UInt64>, _ words: Int) {
        for i in 0..<words { set[i] = 0 }
    }
}
