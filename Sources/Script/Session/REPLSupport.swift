/// What the notebook REPL needs from a session besides running cells: `_` for the last value shown
/// (which `ccs run` and `ccs check` honour too, so a saved REPL session replays), the language's
/// keywords for completion, and checking a notebook's names without running it.
extension Session {
    /// Makes `_` name the last value shown (`nothing` before the first), after `show` has seen it.
    public func bindLastValue() {
        define("_", .nothing)
        let shown = show
        show = { [unowned self] value in
            shown(value)
            define("_", value)
        }
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
