/// What the notebook REPL needs from a session besides running cells: `_` (and `ans`) for the last
/// value shown (which `ccs run` and `ccs check` honour too, so a saved REPL session replays), the
/// language's keywords, fields and parameters for completion, and checking a notebook's names
/// without running it.
extension Session {
    /// The names of the last value shown: `_` as in IPython, `ans` as in Julia and MATLAB.
    public static let lastValueNames = ["_", "ans"]

    /// Makes `_` and `ans` name the last value shown (`nothing` before the first), after `show` has seen it.
    public func bindLastValue() {
        forgetLastValue()
        let shown = show
        show = { [unowned self] value in
            shown(value)
            for name in Session.lastValueNames { define(name, value) }
        }
    }

    /// Makes `_` and `ans` `nothing` again (after a reset).
    public func forgetLastValue() {
        for name in Session.lastValueNames { define(name, .nothing) }
    }

    /// The field names of the value a dotted path of names denotes (`g`, `m.sub`), for completing
    /// `g.`; nil when the path names nothing with fields. Nothing is evaluated but name lookups.
    public func fieldNames(of path: String) -> [String]? {
        guard let value = value(atPath: path) else { return nil }
        let names = value.fieldNames
        return names.isEmpty ? nil : names
    }

    /// The parameter names of the function a dotted path denotes (`search`, `m.f`), for completing
    /// keyword arguments; nil when it is not a function.
    public func parameterNames(of path: String) -> [String]? {
        guard case let .function(function)? = value(atPath: path) else { return nil }
        return function.parameters.compactMap { parameter in
            if case .variadic = parameter.defaultValue { return nil }
            return parameter.name
        }
    }

    private func value(atPath path: String) -> Value? {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, var value = value(of: first) else { return nil }
        for part in parts.dropFirst() {
            guard let next = value.fields.first(where: { $0.name == part })?.value else { return nil }
            value = next
        }
        return value
    }

    /// The reserved words of the language, sorted.
    public static var keywords: [String] { Keyword.allCases.map(\.rawValue).sorted() }

    /// The compile error (syntax, unknown names) a notebook would stop with under `ccs check`, if any.
    public static func compileError(ofNotebook source: String, name: String) -> ScriptError? {
        let session = Session(write: { _ in })
        session.bindLastValue()
        do {
            _ = try session.compile(source, name: name)
            return nil
        } catch {
            return error
        }
    }
}
