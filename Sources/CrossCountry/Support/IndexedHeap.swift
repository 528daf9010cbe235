/// A binary min-heap over the items 0..<capacity whose scores can change in place — the remaining
/// vertices of a greedy heuristic, re-scored only around each eliminated vertex. Equal scores go
/// to the lowest item, or the highest with `highestFirst`.
struct IndexedHeap<Score: Comparable & AdditiveArithmetic> {
    private var heap: [Int32] = []
    /// Per item, its place in `heap`, or −1 when it is not there.
    private var place: [Int32]
    private var score: [Score]
    private let highestFirst: Bool

    init(capacity: Int, highestFirst: Bool) {
        place = [Int32](repeating: -1, count: capacity)
        score = [Score](repeating: .zero, count: capacity)
        self.highestFirst = highestFirst
        heap.reserveCapacity(capacity)
    }

    var isEmpty: Bool { heap.isEmpty }

    /// The item of lowest score, left in place.
    var first: Int? { heap.first.map { Int($0) } }

    func score(of item: Int) -> Score { score[item] }

    func contains(_ item: Int) -> Bool { place[item] >= 0 }

    @inline(__always)
    private func before(_ a: Int32, _ b: Int32) -> Bool {
        let sa = score[Int(a)], sb = score[Int(b)]
        if sa != sb { return sa < sb }
        return highestFirst ? a > b : a < b
    }

    /// Adds an item that is not in the heap.
    mutating func insert(_ item: Int, score s: Score) {
        score[item] = s
        heap.append(Int32(item))
        place[item] = Int32(heap.count - 1)
        siftUp(heap.count - 1)
    }

    /// Changes the score of an item in the heap.
    mutating func update(_ item: Int, score s: Score) {
        let old = score[item]
        score[item] = s
        let i = Int(place[item])
        if s < old { siftUp(i) } else { siftDown(i) }
    }

    /// Removes an item that is in the heap.
    mutating func remove(_ item: Int) {
        let i = Int(place[item])
        let last = heap.removeLast()
        place[item] = -1
        guard i < heap.count else { return }
        heap[i] = last
        place[Int(last)] = Int32(i)
        siftUp(i)
        siftDown(Int(place[Int(last)]))
    }

    /// Writes the `count` items of lowest score into `out`, best first, leaving the heap as it is:
    /// a best-first walk from the root whose frontier of heap places is a small heap of its own,
    /// so it costs O(count log count) comparisons and no writes to the heap.
    func smallest(_ count: Int, into out: inout [Int], frontier: inout [Int32]) {
        out.removeAll(keepingCapacity: true)
        frontier.removeAll(keepingCapacity: true)
        guard !heap.isEmpty else { return }
        // The frontier orders places by their items, which `before` ranks as the heap does.
        func earlier(_ a: Int32, _ b: Int32) -> Bool { before(heap[Int(a)], heap[Int(b)]) }
        frontier.append(0)
        while out.count < count, let top = frontier.first {
            out.append(Int(heap[Int(top)]))
            let last = frontier.removeLast()
            if !frontier.isEmpty {
                // Sift the last place down from the root of the frontier.
                var i = 0
                while true {
                    var child = 2 * i + 1
                    guard child < frontier.count else { break }
                    if child + 1 < frontier.count && earlier(frontier[child + 1], frontier[child]) { child += 1 }
                    guard earlier(frontier[child], last) else { break }
                    frontier[i] = frontier[child]
                    i = child
                }
                frontier[i] = last
            }
            for child in (2 * top + 1)...(2 * top + 2) where Int(child) < heap.count {
                // Sift the child up into the frontier.
                frontier.append(child)
                var i = frontier.count - 1
                while i > 0 {
                    let parent = (i - 1) / 2
                    guard earlier(child, frontier[parent]) else { break }
                    frontier[i] = frontier[parent]
                    i = parent
                }
                frontier[i] = child
            }
        }
    }

    /// Removes and returns the item of lowest score.
    mutating func popFirst() -> Int? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        place[Int(top)] = -1
        if !heap.isEmpty {
            heap[0] = last
            place[Int(last)] = 0
            siftDown(0)
        }
        return Int(top)
    }

    private mutating func siftUp(_ start: Int) {
        var i = start
        let item = heap[i]
        while i > 0 {
            let parent = (i - 1) / 2
            guard before(item, heap[parent]) else { break }
            heap[i] = heap[parent]
            place[Int(heap[i])] = Int32(i)
            i = parent
        }
        heap[i] = item
        place[Int(item)] = Int32(i)
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        let item = heap[i]
        let n = heap.count
        while true {
            var child = 2 * i + 1
            guard child < n else { break }
            if child + 1 < n && before(heap[child + 1], heap[child]) { child += 1 }
            guard before(heap[child], item) else { break }
            heap[i] = heap[child]
            place[Int(heap[i])] = Int32(i)
            i = child
        }
        heap[i] = item
        place[Int(item)] = Int32(i)
    }
}
