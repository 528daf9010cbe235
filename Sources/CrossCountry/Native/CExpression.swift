/// How one operation of generated code reads in C, on doubles or on vectors of points (`ccs_v`):
/// the one place that spells `ScalarCode` nodes, for straight-line kernels and loop bodies alike.
struct CExpression {
    /// Vectors of points, or doubles.
    let vector: Bool
    /// The C name of a node's value.
    let name: (Int32) -> String
    /// The C expression of input entry i.
    let input: (Int) -> String

    var type: String { vector ? "ccs_v" : "double" }

    /// A constant in this kernel's type.
    func constant(_ c: Double) -> String { vector ? "CCS_SPLAT(\(CText.literal(c)))" : CText.literal(c) }

    func operand(_ ref: ScalarCode.Ref) -> String {
        switch ref {
        case let .node(id): return name(id)
        case let .constant(c): return constant(c)
        }
    }

    func callName(_ function: String) -> String { (vector ? "ccs_v_" : "ccs_") + function }

    /// `const T name = expression;` for every node `live` marks, in program order.
    func definitions(_ code: ScalarCode, live: [Bool], indent: String = "    ") -> String {
        var text = ""
        for (id, node) in code.nodes.enumerated() where live[id] {
            text += "\(indent)const \(type) \(name(Int32(id))) = \(expression(node));\n"
        }
        return text
    }

    func expression(_ node: ScalarCode.Node) -> String {
        func o(_ ref: ScalarCode.Ref) -> String { operand(ref) }
        switch node {
        case let .input(i): return input(i)
        case let .load(entry, _): return "w[\(entry)]"
        case let .neg(a): return "-\(o(a))"
        case let .add(a, b): return "\(o(a)) + \(o(b))"
        case let .sub(a, b): return "\(o(a)) - \(o(b))"
        case let .mul(a, b): return "\(o(a)) * \(o(b))"
        case let .div(a, b): return "\(o(a)) / \(o(b))"
        case let .call(f, a): return "\(callName(f.name))(\(o(a)))"
        case let .call2(f, a, b): return "\(callName(f.name))(\(o(a)), \(o(b)))"
        case let .compare(c, a, b): return comparison(c, o(a), o(b))
        case let .select(c, a, b): return selection(o(c), o(a), o(b))
        }
    }

    /// 1 where `a c b` holds, else 0.
    func comparison(_ c: Comparison, _ a: String, _ b: String) -> String {
        vector ? "ccs_v_ones(\(a) \(c.c) \(b))" : "(\(a) \(c.c) \(b) ? 1.0 : 0.0)"
    }

    /// a where the condition is nonzero, else b.
    func selection(_ condition: String, _ a: String, _ b: String) -> String {
        vector ? "ccs_v_select(\(condition) != 0.0, \(a), \(b))" : "(\(condition) != 0 ? \(a) : \(b))"
    }
}
