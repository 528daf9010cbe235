/// Many short sorted lists packed in one flat array — the adjacency of a game position, in memory
/// proportional to its edges. List k occupies `storage[spans[k].start ..< start + count]` with room
/// up to `capacity`; a list that outgrows its room moves to the end with twice the room. Its old
/// room stays behind unused: a list's rooms add up to at most twice its largest, so a position
/// never holds more than a few times its live edges, and copying one is two flat copies.
///
/// While it records (`startRecording`), every change is logged — a list's old span and the stretch
/// of storage a merge overwrites in place — so that `rollBack` restores the arena exactly, storage
/// length included, in time proportional to what changed: a search tries a few steps on a large
/// position and takes them back without copying the position.
struct ListArena<Element: FixedWidthInteger & Sendable>: Sendable {
    struct Span: Sendable, Equatable {
        var start: UInt32
        var count: UInt32
        var capacity: UInt32
    }

    private(set) var storage: [Element]
    private(set) var spans: [Span]
    /// The change log while recording: per change, the list, its old span and how many elements of
    /// `savedElements` (from its old start on) it overwrote; nil when not recording.
    private var log: ChangeLog?
    /// The log's arrays between recordings, kept so that recording allocates nothing once grown.
    private var spareLog: ChangeLog?
    /// How many entries merges have gone through over the arena's life: the work its steps did
    /// (a step merging into a long list does more), which a search spreads its effort by.
    private(set) var mergedEntries = 0

    private struct Change: Sendable {
        var list: UInt32
        var span: Span
        var saved: UInt32
    }

    private struct ChangeLog: Sendable {
        var storageCount: Int
        var changes: [Change] = []
        var savedElements: [Element] = []
    }

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

    /// Starts logging changes, so that `rollBack()` can undo them (the log's storage is kept
    /// between recordings).
    mutating func startRecording() {
        precondition(log == nil, "already recording")
        log = spareLog ?? ChangeLog(storageCount: 0)
        spareLog = nil
        log!.storageCount = storage.count
    }

    /// Undoes every change since `startRecording()` and stops recording.
    mutating func rollBack() {
        guard var log = log else { preconditionFailure("not recording") }
        self.log = nil
        var end = log.savedElements.count
        storage.withUnsafeMutableBufferPointer { s in
            for change in log.changes.reversed() {
                spans[Int(change.list)] = change.span
                let saved = Int(change.saved)
                end -= saved
                for i in 0..<saved { s[Int(change.span.start) + i] = log.savedElements[end + i] }
            }
        }
        storage.removeLast(storage.count - log.storageCount)
        log.changes.removeAll(keepingCapacity: true)
        log.savedElements.removeAll(keepingCapacity: true)
        spareLog = log
    }

    /// Logs list k's span and the `saved` elements from its start that are about to be overwritten.
    @inline(__always)
    private mutating func logChange(_ k: Int, saving saved: Int) {
        guard log != nil else { return }
        let span = spans[k]
        log!.changes.append(Change(list: UInt32(k), span: span, saved: UInt32(saved)))
        if saved > 0 { log!.savedElements.append(contentsOf: storage[Int(span.start)..<Int(span.start) + saved]) }
    }

    /// Makes this arena equal to `other` without allocating once its storage is large enough.
    mutating func assign(from other: ListArena) {
        precondition(log == nil, "assigning while recording")
        storage.removeAll(keepingCapacity: true)
        storage.append(contentsOf: other.storage)
        spans.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: other.spans) }
    }

    /// Rewrites every element of every list in place (not while recording: the log would not know).
    mutating func updateElements(_ transform: (Element) -> Element) {
        precondition(log == nil, "rewriting while recording")
        storage.withUnsafeMutableBufferPointer { s in
            for span in spans {
                for i in Int(span.start)..<Int(span.start + span.count) { s[i] = transform(s[i]) }
            }
        }
    }

    /// Empties list k (its room stays).
    @inline(__always) mutating func clear(_ k: Int) {
        logChange(k, saving: 0)
        spans[k].count = 0
    }

    /// Calls `body` with each element of list k, ascending.
    @inline(__always)
    func forEach(_ k: Int, _ body: (Element) -> Void) {
        let span = spans[k]
        storage.withUnsafeBufferPointer { s in
            for i in Int(span.start)..<Int(span.start + span.count) { body(s[i]) }
        }
    }

    /// The same, last element first: the order in which `merge` meets the incoming list.
    func forEachDescending(_ k: Int, _ body: (Element) -> Void) {
        let span = spans[k]
        storage.withUnsafeBufferPointer { s in
            for i in (Int(span.start)..<Int(span.start + span.count)).reversed() { body(s[i]) }
        }
    }

    /// Gives list k room for at least `needed` elements, moving it to the end when it has less.
    private mutating func reserve(_ k: Int, _ needed: Int) {
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
        mergedEntries += a + b
        // A list that moves leaves its old room untouched; one merged in place overwrites a + b slots.
        logChange(k, saving: a + b <= Int(spans[k].capacity) ? a + b : 0)
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
}
