/// A growable scratch buffer of network values: raw storage that kernels address by pointer, kept
/// between batches so that steady-state evaluation allocates nothing.
final class Buffer<T: NetScalar> {
    private(set) var p: UnsafeMutablePointer<T>
    private(set) var capacity: Int

    init(_ capacity: Int = 0) {
        self.capacity = max(capacity, 1)
        p = .allocate(capacity: self.capacity)
        p.initialize(repeating: 0, count: self.capacity)
    }

    deinit { p.deallocate() }

    /// Makes room for `count` values; the contents are undefined afterwards when it grows.
    func reserve(_ count: Int) {
        guard count > capacity else { return }
        p.deallocate()
        capacity = max(count, capacity * 3 / 2)
        p = .allocate(capacity: capacity)
        p.initialize(repeating: 0, count: capacity)
    }

    func zero(_ count: Int) { p.update(repeating: 0, count: count) }
}
