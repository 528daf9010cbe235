import CrossCountry

/// The arguments of one builtin call, bound to its parameters, with typed accessors whose errors
/// point at the offending argument.
struct Arguments {
    let function: Function
    let slots: [(Value, SourceRange)?]
    /// Positional arguments collected by a variadic parameter.
    let rest: [(Value, SourceRange)]
    let callRange: SourceRange
    let interpreter: Interpreter

    private func index(_ name: String) -> Int {
        guard let i = function.parameters.firstIndex(where: { $0.name == name }) else {
            // A builtin asking for a parameter it does not declare is a programming error, which its tests hit.
            preconditionFailure("builtin '\(function.name)' has no parameter '\(name)'")
        }
        return i
    }

    /// The argument, or the parameter's default; nil when left out and without a default.
    func value(_ name: String) -> Value? {
        let i = index(name)
        if let slot = slots[i] { return slot.0 }
        if case let .value(value) = function.parameters[i].defaultValue { return value }
        return nil
    }

    /// Whether the caller gave this argument (passing `nothing` counts as leaving it out, so that
    /// wrappers can forward an optional argument).
    func given(_ name: String) -> Bool {
        guard let slot = slots[index(name)] else { return false }
        return !slot.0.isNothing
    }

    /// Where the argument was written (the call when it was left out).
    func range(_ name: String) -> SourceRange { slots[index(name)]?.1 ?? callRange }

    /// An error located at an argument.
    func error(_ message: String, at name: String? = nil, notes: [Diagnostic.Note] = []) -> ScriptError {
        .runtime(message, at: name.map(range) ?? callRange, notes: notes)
    }

    /// The path argument of a builtin that writes a file, if this session allows writing.
    func writablePath(_ name: String) throws(ScriptError) -> String {
        let path = try string(name)
        guard interpreter.allowsFileWrites else { throw error("this session does not write files", at: name) }
        return path
    }

    /// How the items of a list argument were written, when it was written as a list literal: a
    /// name as itself, a short expression as its text, anything longer as nil (for row labels).
    func itemTexts(_ name: String) -> [String?]? {
        guard let slot = slots[index(name)],
              let program = try? Parser.parse(SourceFile(name: "", text: slot.1.text)),
              program.statements.count == 1, case let .expression(expr, _) = program.statements[0].kind,
              case let .list(items) = expr.kind else { return nil }
        return items.map { item in
            let text = item.range.text
            return text.count <= 32 && !text.contains("\n") ? text : nil
        }
    }

    func required(_ name: String) throws(ScriptError) -> Value {
        guard let value = value(name) else { throw error("missing argument '\(name)' in the call to '\(function.name)'") }
        return value
    }

    private func mismatch(_ name: String, _ expected: String, _ value: Value) -> ScriptError {
        error("argument '\(name)' of '\(function.name)' must be \(expected), got \(value.typeDescription)", at: name)
    }

    func number(_ name: String) throws(ScriptError) -> Double {
        let value = try required(name)
        guard case let .number(x) = value else { throw mismatch(name, "a number", value) }
        return x
    }

    func integer(_ name: String) throws(ScriptError) -> Int {
        let x = try number(name)
        guard let n = Int(exactly: x) else { throw error("argument '\(name)' of '\(function.name)' must be a whole number, got \(Display.number(x))", at: name) }
        return n
    }

    /// A whole-number argument that must lie in `range` (a count, a seed); the error names the range.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(ScriptError) -> Int {
        let x = try number(name)
        do throws(Bounds.Violation) { return try Bounds.whole(x, name, in: range) } catch { throw self.error(error.description, at: name) }
    }

    /// A time budget in seconds (or minutes, `secondsPerUnit` 60): positive and at most 30 days.
    func duration(_ name: String, secondsPerUnit: Double = 1, unit: String = "seconds") throws(ScriptError) -> Double {
        let x = try number(name)
        do throws(Bounds.Violation) {
            return try Bounds.duration(x, name, secondsPerUnit: secondsPerUnit, unit: unit)
        } catch {
            throw self.error(error.description, at: name)
        }
    }

    /// A memory limit given in gigabytes, in bytes.
    func memoryLimit(_ name: String) throws(ScriptError) -> Int {
        let gigabytes = try number(name)
        guard gigabytes > 0, gigabytes < 1e9 else { throw error("\(name) must be a positive number of gigabytes", at: name) }
        return Int(gigabytes * 1e9)
    }

    func string(_ name: String) throws(ScriptError) -> String {
        let value = try required(name)
        guard case let .string(s) = value else { throw mismatch(name, "a string", value) }
        return s
    }

    func bool(_ name: String) throws(ScriptError) -> Bool {
        let value = try required(name)
        guard case let .bool(b) = value else { throw mismatch(name, "true or false", value) }
        return b
    }

    func callable(_ name: String) throws(ScriptError) -> Function {
        let value = try required(name)
        guard case let .function(f) = value else { throw mismatch(name, "a function", value) }
        return f
    }

    func graph(_ name: String) throws(ScriptError) -> GraphValue {
        let value = try required(name)
        guard case let .graph(g) = value else { throw mismatch(name, "a graph (from graph(f, …) or load_graph)", value) }
        return g
    }

    /// The elements of a list, tuple, range or vector argument.
    func sequence(_ name: String) throws(ScriptError) -> [Value] {
        let value = try required(name)
        if case let .range(a, b) = value, b - a > Value.longestList {
            throw error("the range \(a)..\(b) is too long to make a list of (more than \(Value.longestList) items)", at: name)
        }
        guard let items = value.elements else { throw mismatch(name, "a list", value) }
        return items
    }
}
