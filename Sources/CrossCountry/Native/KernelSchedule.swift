/// The order in which a kernel's C defines its straight-line values. GCC does not reorder
/// straight-line statements before allocating registers (no `-fschedule-insns` on x86), so the
/// order written fixes how long each value lives: in the plan's order (all primal values, then all
/// partials, then the elimination's products) partials and products stay live across most of a
/// kernel and spill to the stack (`scripts/bench spills` counts them). Here each value comes just
/// before its first use instead, demand-driven from the results in the order they are stored (a
/// depth-first post-order, the operand that needs more registers first, as Sethi and Ullman number
/// them), so that a result is stored as soon as it is complete and what it alone needed dies with
/// it. Only the order of independent statements changes, never an operation.
struct KernelSchedule {
    let code: ScalarCode
    let live: [Bool]
    /// Which nodes are placed already.
    private var placed: [Bool]
    /// Registers a node's evaluation needs, its operands' trees taken as trees (Sethi–Ullman).
    private let need: [Int32]

    init(_ code: ScalarCode, live: [Bool]) {
        self.code = code
        self.live = live
        placed = [Bool](repeating: false, count: code.nodes.count)
        var need = [Int32](repeating: 1, count: code.nodes.count)
        for (id, node) in code.nodes.enumerated() where live[id] {
            var needs: [Int32] = []
            for case let .node(operand) in ScalarCode.operands(node) { needs.append(need[Int(operand)]) }
            needs.sort(by: >)
            var n: Int32 = 1
            for (k, m) in needs.enumerated() { n = max(n, m + Int32(k)) }
            need[id] = n
        }
        self.need = need
    }

    /// The live nodes of `range` not placed yet that `roots` need, each after the operands of
    /// `range` it reads: a depth-first post-order from the roots in turn, operands needing more
    /// registers first. Nodes before `range` are taken as placed (an earlier segment's).
    mutating func place(_ roots: [ScalarCode.Ref], within range: Range<Int>) -> [Int32] {
        var order: [Int32] = []
        // (node, whether its operands are on the stack already)
        var stack: [(Int32, Bool)] = []
        // Roots are visited in the order given: the stack holds them reversed.
        for case let .node(root) in roots.reversed() where range.contains(Int(root)) { stack.append((root, false)) }
        while let (id, expanded) = stack.popLast() {
            let k = Int(id)
            if placed[k] { continue }
            if expanded {
                placed[k] = true
                order.append(id)
                continue
            }
            stack.append((id, true))
            var operands: [Int32] = []
            for case let .node(operand) in ScalarCode.operands(code.nodes[k])
            where range.contains(Int(operand)) && !placed[Int(operand)] && !operands.contains(operand) {
                operands.append(operand)
            }
            // Pushed in increasing need, so that the operand needing the most is popped first.
            operands.sort { need[Int($0)] < need[Int($1)] }
            for operand in operands { stack.append((operand, false)) }
        }
        return order
    }

    /// The live nodes of `range` not placed yet, in program order.
    mutating func rest(of range: Range<Int>) -> [Int32] {
        var order: [Int32] = []
        for id in range where live[id] && !placed[id] {
            placed[id] = true
            order.append(Int32(id))
        }
        return order
    }
}
