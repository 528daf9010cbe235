/// Straight-line scalar code under construction: the operations generated C performs, one per
/// node in program order, built through `CodeValue` arithmetic. As it builds it folds what a
/// compiler of Jacobians should never execute — operations on constants, ×1, ×0, +0, ÷1, negation
/// of a negation, ±1 factors turned into signs that sums absorb as subtractions — and computes a
/// repeated call on the same operands once. Every rewrite is exact in IEEE arithmetic, so folded
/// code agrees with the interpreter bit for bit up to the compiler's own contractions (FMA).
/// (Structural zeros never reach it: the plan has no product for them.)
final class ScalarCode {
    /// An operand: a node's value or a constant.
    enum Ref: Hashable {
        case node(Int32)
        case constant(Double)

        var constant: Double? { if case let .constant(c) = self { c } else { nil } }
    }

    /// One operation of the code.
    enum Node: Hashable {
        /// Entry `index` of the kernel's input vector.
        case input(Int)
        /// The workspace entry `entry` as the `version`-th write left it (a loop's result, or a value
        /// a previous part of the kernel stored); versions keep loads of different writes apart.
        case load(entry: Int, version: Int)
        case neg(Ref)
        case add(Ref, Ref)
        case sub(Ref, Ref)
        case mul(Ref, Ref)
        case div(Ref, Ref)
        /// A function call (`ElementwiseC.call`) of one operand.
        case call(UnaryFunction, Ref)
        /// A function call of two operands (pow, atan2, max, min).
        case call2(BinaryFunction, Ref, Ref)
        case compare(Comparison, Ref, Ref)
        case select(Ref, Ref, Ref)
    }

    private(set) var nodes: [Node] = []
    private var memo: [Node: Int32] = [:]

    init() {}

    /// Code that starts with `nodes`, each shared as if it had just been emitted.
    init(nodes: [Node]) {
        self.nodes = nodes
        for (id, node) in nodes.enumerated() { memo[node] = Int32(id) }
    }

    /// A value of this code.
    func value(_ ref: Ref) -> CodeValue { CodeValue(ref: ref, code: self) }

    func input(_ index: Int) -> CodeValue { value(emit(.input(index))) }

    /// One input value per entry of each of the graph's inputs, numbered in order.
    func inputs(of graph: NumericGraph) -> [[CodeValue]] {
        var next = 0
        return graph.graph.inputs.map { input in
            (0..<input.shape.count).map { _ in
                defer { next += 1 }
                return self.input(next)
            }
        }
    }

    func load(_ entry: Int, version: Int) -> CodeValue { value(emit(.load(entry: entry, version: version))) }

    /// Forgets which operations exist, so that nothing computed so far is reused: a new part of a
    /// kernel sees earlier values only through the workspace.
    func forgetReuse() { memo.removeAll(keepingCapacity: true) }

    /// The node, or the existing node computing the same thing.
    private func emit(_ node: Node) -> Ref {
        if let id = memo[node] { return .node(id) }
        let id = Int32(nodes.count)
        nodes.append(node)
        memo[node] = id
        return .node(id)
    }

    /// The operand of a negation node, if `ref` is one.
    private func negated(_ ref: Ref) -> Ref? {
        guard case let .node(id) = ref, case let .neg(x) = nodes[Int(id)] else { return nil }
        return x
    }

    /// Commutative operations list their operands in one order, so that a·b and b·a are one node.
    private static func ordered(_ a: Ref, _ b: Ref) -> (Ref, Ref) {
        switch (a, b) {
        case let (.node(x), .node(y)) where y < x: return (b, a)
        case (.node, .constant): return (b, a)
        default: return (a, b)
        }
    }

    func negate(_ x: Ref) -> Ref {
        if let c = x.constant { return .constant(-c) }
        if let inner = negated(x) { return inner }
        return emit(.neg(x))
    }

    func add(_ a: Ref, _ b: Ref) -> Ref {
        if let x = a.constant, let y = b.constant { return .constant(x + y) }
        if a.constant == 0 { return b }
        if b.constant == 0 { return a }
        switch (negated(a), negated(b)) {
        case let (x?, y?): return negate(add(x, y))
        case let (x?, nil): return sub(b, x)
        case let (nil, y?): return sub(a, y)
        case (nil, nil):
            let (x, y) = Self.ordered(a, b)
            return emit(.add(x, y))
        }
    }

    func sub(_ a: Ref, _ b: Ref) -> Ref {
        if let x = a.constant, let y = b.constant { return .constant(x - y) }
        if b.constant == 0 { return a }
        if a.constant == 0 { return negate(b) }
        switch (negated(a), negated(b)) {
        case let (x?, y?): return sub(y, x)
        case let (x?, nil): return negate(add(x, b))
        case let (nil, y?): return add(a, y)
        case (nil, nil): return emit(.sub(a, b))
        }
    }

    func mul(_ a: Ref, _ b: Ref) -> Ref {
        if let x = a.constant, let y = b.constant { return .constant(x * y) }
        for (c, other) in [(a.constant, b), (b.constant, a)] {
            switch c {
            case 1: return other
            case -1: return negate(other)
            // 0·x is 0 only for finite x: a NaN or infinity times a zero partial stays NaN, as in the
            // interpreter and JAX (sqrt(x)·0 at x = 0), so only a finite constant folds it away.
            case 0 where other.constant?.isFinite == true: return .constant(0)
            default: break
            }
        }
        switch (negated(a), negated(b)) {
        case let (x?, y?): return mul(x, y)
        case let (x?, nil): return negate(mul(x, b))
        case let (nil, y?): return negate(mul(a, y))
        case (nil, nil):
            let (x, y) = Self.ordered(a, b)
            return emit(.mul(x, y))
        }
    }

    func div(_ a: Ref, _ b: Ref) -> Ref {
        if let x = a.constant, let y = b.constant { return .constant(x / y) }
        if b.constant == 1 { return a }
        if b.constant == -1 { return negate(a) }
        switch (negated(a), negated(b)) {
        case let (x?, y?): return div(x, y)
        case let (x?, nil): return negate(div(x, b))
        case let (nil, y?): return negate(div(a, y))
        case (nil, nil): return emit(.div(a, b))
        }
    }

    func unary(_ f: UnaryFunction, _ x: Ref) -> Ref {
        if let c = x.constant { return .constant(f.value(c)) }
        switch f.c {
        case .negation: return negate(x)
        case .square: return mul(x, x)
        case let .power(n):
            // Repeated squaring in `UnaryFunction.integerPower`'s sequence, so results agree.
            var base = n < 0 ? div(.constant(1), x) : x
            var e = n.magnitude
            var result: Ref = .constant(1)
            while e > 0 {
                if e & 1 == 1 { result = mul(result, base) }
                e >>= 1
                if e > 0 { base = mul(base, base) }
            }
            return result
        case .infix, .call: return emit(.call(f, x))
        }
    }

    func binary(_ f: BinaryFunction, _ a: Ref, _ b: Ref) -> Ref {
        switch f {
        case .add: return add(a, b)
        case .sub: return sub(a, b)
        case .mul: return mul(a, b)
        case .div: return div(a, b)
        case .pow, .atan2, .max, .min:
            if let x = a.constant, let y = b.constant { return .constant(f.value(x, y)) }
            return emit(.call2(f, a, b))
        }
    }

    func compare(_ c: Comparison, _ a: Ref, _ b: Ref) -> Ref {
        if let x = a.constant, let y = b.constant { return .constant(c.holds(x, y) ? 1 : 0) }
        return emit(.compare(c, a, b))
    }

    func select(_ condition: Ref, _ a: Ref, _ b: Ref) -> Ref {
        if let c = condition.constant { return c != 0 ? a : b }
        if a == b { return a }
        return emit(.select(condition, a, b))
    }

    /// The operands a node reads.
    static func operands(_ node: Node) -> [Ref] {
        switch node {
        case .input, .load: return []
        case let .neg(x), let .call(_, x): return [x]
        case let .add(a, b), let .sub(a, b), let .mul(a, b), let .div(a, b), let .call2(_, a, b), let .compare(_, a, b):
            return [a, b]
        case let .select(c, a, b): return [c, a, b]
        }
    }

    /// Which nodes the given results need, transitively.
    func live(from roots: [Ref]) -> [Bool] {
        var live = [Bool](repeating: false, count: nodes.count)
        for case let .node(id) in roots { live[Int(id)] = true }
        for id in nodes.indices.reversed() where live[id] {
            for case let .node(operand) in Self.operands(nodes[id]) { live[Int(operand)] = true }
        }
        return live
    }
}

/// A value of generated code: a constant, or a node of a `ScalarCode`. The `ScalarAlgebra` through
/// which the compiled plan (and so every derivative rule) emits code.
struct CodeValue: ScalarAlgebra {
    let ref: ScalarCode.Ref
    /// Nil for constants made without a code (the algebra's literals).
    let code: ScalarCode?

    init(constant: Double) {
        ref = .constant(constant)
        code = nil
    }

    init(ref: ScalarCode.Ref, code: ScalarCode) {
        self.ref = ref
        self.code = code
    }

    /// The code of the first operand that has one; nil when all are constants.
    private static func code(_ values: CodeValue...) -> ScalarCode? { values.lazy.compactMap(\.code).first }

    static func unary(_ f: UnaryFunction, _ x: CodeValue) -> CodeValue {
        guard let code = x.code else { return CodeValue(constant: f.value(x.ref.constant ?? .nan)) }
        return code.value(code.unary(f, x.ref))
    }

    static func binary(_ f: BinaryFunction, _ x: CodeValue, _ y: CodeValue) -> CodeValue {
        guard let code = code(x, y) else { return CodeValue(constant: f.value(x.ref.constant ?? .nan, y.ref.constant ?? .nan)) }
        return code.value(code.binary(f, x.ref, y.ref))
    }

    static func compare(_ c: Comparison, _ x: CodeValue, _ y: CodeValue) -> CodeValue {
        guard let code = code(x, y) else {
            return CodeValue(constant: c.holds(x.ref.constant ?? .nan, y.ref.constant ?? .nan) ? 1 : 0)
        }
        return code.value(code.compare(c, x.ref, y.ref))
    }

    static func select(_ condition: CodeValue, _ a: CodeValue, _ b: CodeValue) -> CodeValue {
        guard let code = code(condition, a, b) else {
            return (condition.ref.constant ?? 0) != 0 ? a : b
        }
        return code.value(code.select(condition.ref, a.ref, b.ref))
    }
}
