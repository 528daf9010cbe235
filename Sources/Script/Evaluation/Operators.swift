import CrossCountry

import Foundation

/// The meaning of the operators, indexing and field access on values.
enum Operators {
    static func unary(_ op: UnaryOperator, _ value: Value, at range: SourceRange, interpreter: Interpreter) throws(ScriptError) -> Value {
        switch (op, value) {
        case let (.negate, .number(x)): return .number(-x)
        case (.negate, .tensor), (.negate, .traced):
            return try PrimitiveCall.apply(.neg, [value], name: "'-'", at: range, interpreter: interpreter)
        case (.plus, .number), (.plus, .tensor), (.plus, .traced): return value
        case let (.not, .bool(b)): return .bool(!b)
        case (.not, .traced):
            throw Operators.branchOnTraced(at: range)
        case (.not, _):
            throw .runtime("'not' needs true or false, got \(value.typeDescription)", at: range)
        default:
            throw .runtime("cannot apply '\(op.rawValue)' to \(value.typeDescription)", at: range)
        }
    }

    /// The error for a condition that depends on the traced function's inputs.
    static func branchOnTraced(at range: SourceRange) -> ScriptError {
        .runtime("cannot branch on a traced value: the condition depends on the inputs of the function being traced",
                 at: range, notes: [Diagnostic.Note(message: "use where(condition, a, b) to choose between values elementwise", range: nil)])
    }

    static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, at range: SourceRange,
                       interpreter: Interpreter) throws(ScriptError) -> Value {
        switch (a, b) {
        case let (.number(x), .number(y)):
            switch op {
            case .add: return .number(x + y)
            case .subtract: return .number(x - y)
            case .multiply: return .number(x * y)
            case .divide: return .number(x / y)
            case .power: return .number(pow(x, y))
            case .matmul:
                throw .runtime("'@' multiplies vectors and matrices; use '*' for numbers", at: range)
            default: return .bool(compare(op, x, y))
            }
        case let (.string(x), .string(y)):
            switch op {
            case .add:
                guard x.utf8.count + y.utf8.count <= Value.longestString else {
                    throw .runtime("the string would hold \(x.utf8.count + y.utf8.count) bytes; ccs holds at most \(Value.longestString) in one string",
                                   at: range)
                }
                return .string(x + y)
            case _ where op.isComparison: return .bool(compare(op, x, y))
            default: break
            }
        case (.number, .tensor), (.number, .traced), (.tensor, _), (.traced, _):
            if b.shape != nil { return try numeric(op, a, b, at: range, interpreter: interpreter) }
        default:
            break
        }
        switch op {
        case .equal: return .bool(equal(a, b))
        case .notEqual: return .bool(!equal(a, b))
        default:
            if case .string = a, op == .add {
                throw .runtime("cannot add \(b.typeDescription) to a string; convert it with str(…)", at: range)
            }
            throw .runtime("cannot apply '\(op.rawValue)' to \(a.typeDescription) and \(b.typeDescription)", at: range)
        }
    }

    /// An operator on vectors, matrices or traced values: one primitive call.
    static func numeric(_ op: BinaryOperator, _ a: Value, _ b: Value, at range: SourceRange,
                        interpreter: Interpreter) throws(ScriptError) -> Value {
        let primitive: Primitive
        switch op {
        case .add: primitive = .add
        case .subtract: primitive = .sub
        case .multiply: primitive = .mul
        case .divide: primitive = .div
        case .power:
            // A concrete whole exponent is `integer_pow`, as JAX traces x**2; anything else is `pow`.
            if case let .number(y) = b, let n = Int(exactly: y), n.magnitude < 1 << 31 {
                return try PrimitiveCall.apply(.integerPow(n), [a], name: "'^'", at: range, interpreter: interpreter)
            }
            primitive = .pow
        case .matmul:
            guard let ra = a.shape?.rank, let rb = b.shape?.rank, ra >= 1, rb >= 1 else {
                throw .runtime("'@' multiplies vectors and matrices; use '*' to scale by a number", at: range)
            }
            return try PrimitiveCall.apply(.dot(lhs: ra - 1, rhs: 0), [a, b], name: "'@'", at: range, interpreter: interpreter)
        case .equal: primitive = .equal
        case .notEqual: primitive = .notEqual
        case .less: primitive = .less
        case .lessEqual: primitive = .lessEqual
        case .greater: primitive = .greater
        case .greaterEqual: primitive = .greaterEqual
        }
        return try PrimitiveCall.apply(primitive, [a, b], name: "'\(op.rawValue)'", broadcasting: true, at: range,
                                       interpreter: interpreter)
    }

    /// A comparison operator applied to two comparable values.
    static func compare<T: Comparable>(_ op: BinaryOperator, _ x: T, _ y: T) -> Bool {
        switch op {
        case .equal: return x == y
        case .notEqual: return x != y
        case .less: return x < y
        case .lessEqual: return x <= y
        case .greater: return x > y
        default: return x >= y
        }
    }

    /// Structural equality; functions, graphs and models are equal only to themselves.
    static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.nothing, .nothing): return true
        case let (.number(x), .number(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.tuple(x), .tuple(y)), let (.list(x), .list(y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case let (.range(a0, a1), .range(b0, b1)): return a0 == b0 && a1 == b1
        case let (.record(x), .record(y)):
            return x.kind == y.kind && x.fields.count == y.fields.count
                && zip(x.fields, y.fields).allSatisfy { $0.name == $1.name && equal($0.value, $1.value) }
        case let (.tensor(x), .tensor(y)): return x == y
        case let (.function(x), .function(y)): return x === y
        case let (.graph(x), .graph(y)): return x === y
        case let (.model(x), .model(y)): return x.isSame(as: y)
        default: return false
        }
    }

    /// `[a, b, …]`: a vector when every item is a number, a matrix when every item is a vector of
    /// one length, otherwise a list.
    static func list(_ values: [Value]) -> Value {
        guard !values.isEmpty else { return .list([]) }
        var numbers: [Double] = []
        var rows: [[Double]] = []
        for value in values {
            switch value {
            case let .number(x) where rows.isEmpty: numbers.append(x)
            case let .tensor(t) where numbers.isEmpty && t.shape.rank == 1: rows.append(t.scalars)
            default: return .list(values)
            }
        }
        if !numbers.isEmpty, let vector = try? Tensor(vector: numbers) { return .tensor(vector) }
        if let matrix = try? Tensor(rows: rows) { return .tensor(matrix) }
        return .list(values)
    }

    // MARK: Indexing

    static func index(_ value: Value, _ indices: [EvaluatedIndex], at range: SourceRange,
                      interpreter: Interpreter) throws(ScriptError) -> Value {
        if let shape = value.shape, !shape.isScalar {
            return try tensorIndex(value, shape, indices, at: range, interpreter: interpreter)
        }
        if case let .jacobian(j) = value {
            guard indices.count == 2, case let .index(o, oRange) = indices[0], case let .index(i, iRange) = indices[1] else {
                throw .runtime("a Jacobian takes two indices, J[output, input]", at: range)
            }
            let (outputs, inputs) = j.size
            let output = try position(o, oRange, count: outputs, in: "a Jacobian of \(counted(outputs, "output"))")
            let input = try position(i, iRange, count: inputs, in: "a Jacobian of \(counted(inputs, "input"))")
            return j.block(output, input)
        }
        let items: [Value]
        switch value {
        case let .tuple(x), let .list(x): items = x
        case let .table(t): items = t.records
        case let .range(a, b):
            guard indices.count == 1, case let .index(i, indexRange) = indices[0] else {
                throw .runtime("a range takes one index", at: range)
            }
            let count = max(0, b - a)
            return .number(Double(a + (try position(i, indexRange, count: count, in: "a range of \(Operators.items(count))"))))
        case let .string(s): items = s.map { .string(String($0)) }
        default:
            throw .runtime("\(value.typeDescription) cannot be indexed", at: range)
        }
        guard indices.count == 1 else {
            throw .runtime("\(value.typeDescription) takes one index, got \(indices.count)", at: range)
        }
        switch indices[0] {
        case let .index(i, indexRange):
            let k = try position(i, indexRange, count: items.count, in: "a \(value.kindName) of \(Operators.items(items.count))")
            return items[k]
        case let .slice(start, end, _):
            let (lower, upper) = try bounds(start, end, count: items.count)
            let slice = Array(items[lower..<upper])
            if case .string = value { return .string(slice.map { $0.stringValue ?? "" }.joined()) }
            if case .tuple = value { return .tuple(slice) }
            if case let .table(t) = value { return .table(TableValue(header: t.header, rows: Array(t.rows[lower..<upper]))) }
            return .list(slice)
        }
    }

    static func items(_ count: Int) -> String { counted(count, "item") }

    /// A whole-number index into `count` items; negative counts from the end.
    static func position(_ index: Value, _ range: SourceRange, count: Int, in container: String) throws(ScriptError) -> Int {
        guard case let .number(x) = index, let i = Int(exactly: x) else {
            throw .runtime("an index must be a whole number, got \(index.brief)", at: range)
        }
        let k = i < 0 ? count + i : i
        guard k >= 0 && k < count else {
            throw .runtime("index \(i) is out of range for \(container)", at: range)
        }
        return k
    }

    /// The bounds of a slice `start:end`, clamped like Python's.
    static func bounds(_ start: (Value, SourceRange)?, _ end: (Value, SourceRange)?, count: Int) throws(ScriptError) -> (Int, Int) {
        func bound(_ entry: (Value, SourceRange)?, _ fallback: Int) throws(ScriptError) -> Int {
            guard let (value, range) = entry else { return fallback }
            guard case let .number(x) = value, let i = Int(exactly: x) else {
                throw .runtime("a slice bound must be a whole number, got \(value.brief)", at: range)
            }
            return min(max(i < 0 ? count + i : i, 0), count)
        }
        let lower = try bound(start, 0)
        return (lower, max(lower, try bound(end, count)))
    }

    /// `x[i]`, `x[a:b]`, `A[i, j]`, `A[:, j]`: a `slice`, then a `reshape` dropping the axes indexed
    /// by a single number.
    static func tensorIndex(_ value: Value, _ shape: Shape, _ indices: [EvaluatedIndex], at range: SourceRange,
                            interpreter: Interpreter) throws(ScriptError) -> Value {
        let noun = shape.rank == 1 ? "vector" : "matrix"
        guard indices.count <= shape.rank else {
            throw .runtime("a \(noun) takes at most \(shape.rank) ind\(shape.rank == 1 ? "ex" : "ices"), got \(indices.count)", at: range)
        }
        var start: [Int] = [], limit: [Int] = [], kept: [Int] = []
        for (axis, extent) in shape.dims.enumerated() {
            let container = shape.rank == 1 ? "a vector of \(items(extent))" : "axis \(axis) of a \(shape) matrix"
            switch axis < indices.count ? indices[axis] : nil {
            case let .index(i, indexRange)?:
                let k = try position(i, indexRange, count: extent, in: container)
                start.append(k)
                limit.append(k + 1)
            case let .slice(from, to, sliceRange)?:
                let (lower, upper) = try bounds(from, to, count: extent)
                guard lower < upper else { throw .runtime("the slice \(lower):\(upper) of \(container) is empty", at: sliceRange) }
                start.append(lower)
                limit.append(upper)
                kept.append(upper - lower)
            case nil:
                start.append(0)
                limit.append(extent)
                kept.append(extent)
            }
        }
        let sliced = try PrimitiveCall.apply(.slice(start: start, limit: limit), [value], name: "indexing", at: range,
                                             interpreter: interpreter)
        guard kept.count < shape.rank, let target = try? Shape(dims: kept) else { return sliced }
        return try PrimitiveCall.apply(.reshape(target), [sliced], name: "indexing", at: range, interpreter: interpreter)
    }

    // MARK: Fields

    static func member(_ value: Value, _ name: String, at range: SourceRange) throws(ScriptError) -> Value {
        let fields = value.fields
        if let field = fields.first(where: { $0.name == name }) { return field.value }
        guard !fields.isEmpty else { throw .runtime("\(value.typeDescription) has no fields", at: range) }
        if case let .order(order) = value, order.explicit == nil {
            let note = "\(order.name) is a strategy: order(\(order.name), g) gives its vertices on a graph g, cost(g, \(order.name)) their cost"
            throw .runtime("\(value.typeDescription) has no field '\(name)'", at: range, notes: [Diagnostic.Note(message: note, range: nil)])
        }
        var notes = Suggestion.note(for: name, among: fields.map(\.name))
        if notes.isEmpty {
            notes = [Diagnostic.Note(message: "its fields are \(fields.map(\.name).joined(separator: ", "))", range: nil)]
        }
        throw .runtime("\(value.typeDescription) has no field '\(name)'", at: range, notes: notes)
    }
}

extension Value {
    /// The value's kind as a bare noun ("tuple", "list").
    var kindName: String {
        switch self {
        case .tuple: return "tuple"
        case .list: return "list"
        case .string: return "string"
        default: return String(typeDescription.drop { $0 != " " }.dropFirst())
        }
    }

    /// A number as itself, anything else by its kind — for "got …" in messages.
    var brief: String {
        if case let .number(x) = self { return Display.number(x) }
        return typeDescription
    }

    var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    var numberValue: Double? {
        if case let .number(x) = self { return x }
        return nil
    }

    /// The names of `fields`, without computing their values.
    var fieldNames: [String] {
        if case .graph = self { return GraphValue.fieldNames }
        return fields.map(\.name)
    }

    /// The named fields `x.name` can read.
    var fields: [(name: String, value: Value)] {
        switch self {
        case let .record(record): return record.fields
        case let .graph(graph): return graph.fields
        case let .order(order): return order.fields
        case let .table(table): return table.columns
        case let .policy(policy):
            return [
                ("games", .number(Double(policy.record.games))),
                ("graphs", .list(policy.record.graphs.map { .string($0) })),
                ("members", .number(Double(policy.memberCount))),
                ("best", .list(policy.record.best.map { b in
                    .record(Record(kind: "best", fields: [
                        ("graph", .string(b.graph)), ("cost", .number(b.cost)), ("baseline", .number(b.baseline)),
                        ("order", .list(b.order.map { .number(Double($0)) })),
                    ]))
                })),
            ]
        case let .jacobian(j):
            return [("multiplications", j.multiplications.map { .number(Double($0)) } ?? .nothing),
                    ("outputs", .number(Double(j.size.outputs))), ("inputs", .number(Double(j.size.inputs)))]
        default: return []
        }
    }
}
