/// The visit schedule of Gumbel search's sequential halving at the root: at simulation s only the
/// considered actions visited exactly `schedule[s]` times so far are eligible. Starting with all m
/// considered actions, each round gives every remaining one max(1, ⌊n/(⌈log2 m⌉·remaining)⌋) more
/// visits, then halves the number remaining (to no fewer than 2).
enum SequentialHalving {
    static func schedule(considered m: Int, simulations n: Int) -> [Int] {
        guard m > 1 else { return Array(0..<n) }
        var log2m = 0
        while (1 << log2m) < m { log2m += 1 }
        var sequence: [Int] = [], visits = [Int](repeating: 0, count: m)
        var remaining = m
        while sequence.count < n {
            let extra = max(1, n / (log2m * remaining))
            for _ in 0..<extra {
                sequence += visits[0..<remaining]
                for i in 0..<remaining { visits[i] += 1 }
            }
            remaining = max(2, remaining / 2)
        }
        return Array(sequence.prefix(n))
    }
}
