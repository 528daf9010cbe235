import Dispatch

/// Work spread over threads, one element per thread, returning when all are done — how searches
/// use both cores while keeping each piece of state owned by exactly one thread.
public enum Parallel {
    /// Calls `body(i, &items[i])` for every index at once, on up to `items.count` threads. Each call
    /// gets exclusive access to its own element; `body` must not touch the others.
    public static func forEach<T>(_ items: inout [T], _ body: (Int, inout T) -> Void) {
        guard items.count > 1 else {
            if !items.isEmpty { body(0, &items[0]) }
            return
        }
        items.withUnsafeMutableBufferPointer { buffer in
            let base = Unchecked(buffer.baseAddress!)
            withoutActuallyEscaping(body) { body in
                let call = Unchecked(body)
                DispatchQueue.concurrentPerform(iterations: buffer.count) { i in call.value(i, &base.value[i]) }
            }
        }
    }

    /// A value handed to other threads under the caller's promise that access is exclusive per thread.
    private struct Unchecked<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }
}
