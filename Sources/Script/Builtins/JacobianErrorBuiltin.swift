import CrossCountry

extension Builtins {
    /// How far a Jacobian is from a reference, for checking one against finite differences.
    static func jacobianError() -> Builtin {
        Builtin("jacobian_error", [parameter("J"), parameter("reference")],
                summary: "The largest |J − R| / max(|J|, |R|, 1e-3·max|R|) over the entries finite in both (Jacobians, or numbers, vectors, matrices and tuples of them), with how many entries were compared.",
                example: "jacobian_error(jacobian(sin)(1), finite_differences(sin, 1))") { (a: inout Arguments) throws(ScriptError) in
            var pairs: [(Double, Double)] = []
            try JacobianComparison.collect(try a.required("J"), try a.required("reference"), into: &pairs, at: a.callRange)
            let c = JacobianComparison(pairs)
            return .record(Record(kind: "difference", fields: [
                ("error", .number(c.error)), ("compared", .number(Double(c.compared))),
                ("entries", .number(Double(pairs.count))), ("one_sided", .number(Double(c.oneSided))),
            ]))
        }
    }
}

/// The comparison `jacobian_error` makes: relative differences over the entries finite on both sides,
/// with a floor of 1e-3 × the reference's largest entry, so that structural zeros compare absolutely.
struct JacobianComparison {
    /// The largest relative difference (0 when nothing was compared).
    let error: Double
    /// Entries finite on both sides.
    let compared: Int
    /// Entries finite on exactly one side.
    let oneSided: Int

    init(_ pairs: [(Double, Double)]) {
        let scale = pairs.lazy.map(\.1).filter(\.isFinite).map(Swift.abs).max() ?? 0
        var error = 0.0, compared = 0, oneSided = 0
        for (x, r) in pairs {
            guard x.isFinite, r.isFinite else {
                if x.isFinite != r.isFinite { oneSided += 1 }
                continue
            }
            compared += 1
            let size = Swift.max(Swift.abs(x), Swift.abs(r), 1e-3 * scale)
            if size > 0 { error = Swift.max(error, Swift.abs(x - r) / size) }
        }
        self.error = error
        self.compared = compared
        self.oneSided = oneSided
    }

    /// The entries of two values of one structure, paired.
    static func collect(_ a: Value, _ b: Value, into pairs: inout [(Double, Double)], at range: SourceRange) throws(ScriptError) {
        switch (a, b) {
        case let (.number(x), .number(y)):
            pairs.append((x, y))
        case let (.tensor(x), .tensor(y)) where x.shape == y.shape:
            pairs += zip(x.scalars, y.scalars).map { ($0, $1) }
        case let (.jacobian(x), .jacobian(y)) where x.blocks.map { $0.map(\.values.count) } == y.blocks.map { $0.map(\.values.count) }:
            for (p, q) in zip(x.blocks.joined(), y.blocks.joined()) { pairs += zip(p.values, q.values).map { ($0, $1) } }
        case let (.tuple(xs), .tuple(ys)) where xs.count == ys.count, let (.list(xs), .list(ys)) where xs.count == ys.count:
            for (x, y) in zip(xs, ys) { try collect(x, y, into: &pairs, at: range) }
        default:
            throw .runtime("jacobian_error compares values of one structure and shape, got \(a.shapeText) and \(b.shapeText)", at: range)
        }
    }
}

extension Value {
    /// The kind of value with its shape, for messages comparing two structures.
    var shapeText: String {
        switch self {
        case let .tensor(t): return "\(typeDescription) of shape \(t.shape)"
        case let .jacobian(j): return "a Jacobian of \(j.blocks.count) outputs × \(j.blocks.first?.count ?? 0) inputs"
        default: return typeDescription
        }
    }
}
