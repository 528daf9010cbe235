/// Many short sorted lists packed in one flat array — the adjacency of a game position, in memory
/// proportional to its edges. List k occupies `storage[spans[k].start ..< start + count]` with room
/// up to `capacity`; a list that outgrows its room moves to the end with twice the room. Its old
/// room stays behind unused: a list's rooms add up to at most twice its largest, so a position
/// never holds more than a few times its live edges, and copying one is two flat copies.
struct ListArena<Element: FixedWidthInteger & Sendable>: Sendable {
    struct Span: Sendable, Equatable {
        var start: UInt32
        var count: UInt32
        var capacity: UInt32
    }

    private(set) var storage: [Element]
    private(set) var spans: [Span]

    /// The lists given, each with room for two more: elimination adds neighbours, and a list that
    /// has room does not move.
    init(lists: [[Element]]) {
        var storage: [Element] = []
        storage.reserveCapacity(lists.reduce(0) { $0 + $1.count + 2 })
        spans = lists.map { list in
            let span = Span(start: UInt32(storage.count), count: UInt32(list.count), capacity: UInt32(list.count + 2))
            storage.append(contentsOf: list)
            storage.append(contentsOf: repeatElement(0, count: 2))
            return span
        }
        self.storage = storage
    }

    @inline(__always) func count(_ k: Int) -> Int { Int(spans[k].count) }
    @inline(__always) func start(_ k: Int) -> Int { Int(spans[k].start) }

    /// Bytes held, rooms left behind included.
    var bytes: Int { storage.capacity * MemoryLayout<Element>.stride + spans.capacity * MemoryLayout<Span>.stride }

    /// Makes this arena equal to `other` without allocating once its storage is large enough.
    mutating func assign(from other: ListArena) {
        storage.removeAll(keepingCapacity: true)
        storage.append(contentsOf: other.storage)
        spans.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: other.spans) }
    }

    /// Empties list k (its room stays).
    @inline(__always) mutating func clear(_ k: Int) { spans[k].count = 0 }

    /// Calls `body` with each element of list k, ascending.
    @inline(__always)
    func forEach(_ k: Int, _ body: (Element) -> Void) {
        let span = spans[k]
        storage.withUnsafeBufferPointer { s in
            for i in Int(span.start)..<Int(span.start + span.count) { body(s[i]) }
        }
    }

    /// Gives list k room for at least `needed` elements, moving it to the end when it has less.
    mutating func reserve(_ k: Int, _ needed: Int) {
        let span = spans[k]
        guard needed > Int(span.capacity) else { return }
        let capacity = max(needed, 2 * Int(span.capacity), 4)
        let start = storage.count
        storage.append(contentsOf: repeatElement(0, count: capacity))
        storage.withUnsafeMutableBufferPointer { s in
            for i in 0..<Int(span.count) { s[start + i] = s[Int(span.start) + i] }
        }
        spans[k] = Span(start: UInt32(start), count: span.count, capacity: UInt32(capacity))
    }

    /// Replaces list k by its union with list `other` (k ≠ other, both ascending by `key`), leaving
    /// out elements whose key is `removing`; where both hold a key, `combine(kept, incoming)` gives
    /// the element, and an incoming element alone becomes `fresh(incoming)`.
    @inline(__always)
    mutating func merge(
        _ k: Int, with other: Int, removing: Element,
        key: (Element) -> Element, combine: (Element, Element) -> Element, fresh: (Element) -> Element
    ) {
        let a = count(k), b = count(other)
        reserve(k, a + b)
        let start = self.start(k), otherStart = self.start(other)
        let total = storage.withUnsafeMutableBufferPointer { s -> Int in
            let list = s.baseAddress! + start
            let incoming = UnsafePointer(s.baseAddress! + otherStart)
            // Merge from the back into the room after the list, then slide the result down.
            var i = a - 1, j = b - 1, out = a + b - 1
            while j >= 0 {
                if i >= 0 {
                    let ki = key(list[i]), kj = key(incoming[j])
                    if ki == removing {
                        i -= 1
                        continue
                    }
                    if ki > kj {
                        list[out] = list[i]
                        i -= 1
                        out -= 1
                        continue
                    }
                    if ki == kj {
                        list[out] = combine(list[i], incoming[j])
                        i -= 1
                        j -= 1
                        out -= 1
                        continue
                    }
                }
                list[out] = fresh(incoming[j])
                j -= 1
                out -= 1
            }
            while i >= 0 {
                if key(list[i]) != removing {
                    list[out] = list[i]
                    out -= 1
                }
                i -= 1
            }
            let first = out + 1, total = a + b - first
            if first > 0 { for t in 0..<total { list[t] = list[first + t] } }
            return total
        }
        spans[k].count = UInt32(total)
    }

    /// Removes `element` from list k if it is there.
    mutating func remove(_ element: Element, from k: Int, key: (Element) -> Element) {
        let span = spans[k]
        storage.withUnsafeMutableBufferPointer { s in
            var out = Int(span.start)
            for i in Int(span.start)..<Int(span.start + span.count) where key(s[i]) != element {
                s[out] = s[i]
                out += 1
            }
            spans[k].count = UInt32(out - Int(span.start))
        }
    }
}
