import CrossCountry
import Foundation

/// A running `.ccs` session: the environment that persists across cells (a REPL's, or one script
/// run's), the builtins and prelude beneath it, and the evaluator.
///
/// A session is used from one thread at a time. Each cell runs on a helper thread with a large stack
/// (deep recursion in a script becomes an error, never a crash) while the caller waits.
public final class Session {
    /// Raise it (from a signal handler, another thread) to stop the running cell; each cell clears it first.
    public let stop: StopFlag
    /// Receives what `print` writes, as it is written.
    public var write: (String) -> Void {
        get { interpreter.write }
        set { interpreter.write = newValue }
    }
    /// Receives progress lines of long builtins (`train`, `search`) as they run, and "" when one ends; not part
    /// of a cell's output (a REPL shows it as a transient status line).
    public var progress: (String) -> Void {
        get { interpreter.progress }
        set { interpreter.progress = newValue }
    }
    /// Receives one-line notes of builtins (a Jacobian compiled natively in 0.3 s, native code
    /// unavailable); not part of any cell's output, so notebooks replay the same.
    public var note: (String) -> Void {
        get { interpreter.note }
        set { interpreter.note = newValue }
    }
    /// Whether builtins such as `save_graph` may write files.
    public var allowsFileWrites: Bool {
        get { interpreter.allowsFileWrites }
        set { interpreter.allowsFileWrites = newValue }
    }
    /// Receives the value of every top-level expression statement that is not followed by `;` and
    /// is not `nothing`, as soon as it is computed.
    public var show: (Value) -> Void = { _ in }

    let interpreter: Interpreter
    private let builtinScope: Environment
    private var globals: Environment
    private let builtinNames: Set<String>

    /// Stack of the thread cells run on; evaluation stops with an error `stackReserve` bytes
    /// before its end (see `StackBudget`).
    static let stackSize = 512 << 20
    /// What evaluation leaves free of the cell's stack, for builtins and the engine beneath it.
    static let stackReserve = 32 << 20
    /// The most bytes of source one cell or file may hold: far beyond any program, and small enough
    /// that its tokens fit in memory however odd the bytes.
    public static let longestSource = 8 << 20

    public init(stop: StopFlag = StopFlag(), write: @escaping (String) -> Void = { print($0, terminator: "") }) {
        self.stop = stop
        interpreter = Interpreter(stop: stop, write: write)
        let library = Builtins.shared
        builtinScope = library.scope
        builtinNames = Set(library.builtins.map(\.name))
        globals = Environment(parent: builtinScope)
    }

    /// Every builtin and prelude function with its documentation, in `:help` order.
    public static var builtins: [Builtin] { Builtins.shared.builtins }

    /// The prelude: the builtins written in `.ccs` itself.
    public static var preludeSource: String { Prelude.source }

    /// The help text of a builtin, or nil when there is none of that name.
    public static func help(_ name: String) -> String? { builtins.first { $0.name == name }?.help }

    /// Whether the text stops inside a construct (open bracket, unfinished block or expression):
    /// a REPL then reads a continuation line instead of reporting an error.
    public static func isIncomplete(_ text: String) -> Bool { Parser.isIncomplete(text) }

    /// The names a user has defined in this session, sorted.
    public var definedNames: [String] { globals.names.sorted() }

    /// Every name in scope: the user's, then the builtins (for Tab completion).
    public var namesInScope: [String] { definedNames + builtinNames.sorted().filter { globals.values[$0] == nil } }

    /// The names in scope that start with `prefix`, sorted (for Tab completion).
    public func completions(of prefix: String) -> [String] {
        namesInScope.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// The value of a name in scope.
    public func value(of name: String) -> Value? { globals.lookup(name) }

    /// Defines (or redefines) a name, e.g. the REPL's `_` and `_3`.
    public func define(_ name: String, _ value: Value) { globals.define(name, value) }

    /// Forgets every definition the user made, freeing them — functions included, whose scope and
    /// definition refer to each other — on the large stack, as freeing a deeply nested value (a
    /// chain of closures) recurses as deep as it nests.
    public func reset() {
        onLargeStack { [self] in
            let old = globals
            globals = Environment(parent: builtinScope)
            old.removeAll()
        }
    }

    /// What one cell did.
    public struct CellResult {
        /// The values shown, in order (each was also passed to `show`).
        public var values: [Value] = []
        /// Why the cell stopped early: a compile error (nothing ran) or a runtime error.
        public var error: ScriptError?
        /// The files the cell's own `use` calls ran.
        public var modules: [ModuleUse] = []
        /// The calls it made that a clock bounded, as the calls that repeat their work exactly.
        public var timedCalls: [String] = []
    }

    /// Parses, checks and runs one cell. `name` labels locations in diagnostics (a path, `In[3]`).
    /// Definitions made before a runtime error are kept.
    @discardableResult
    public func run(_ source: String, name: String) -> CellResult {
        stop.reset()
        return onLargeStack { [self] () -> CellResult in
            var result = CellResult()
            interpreter.usedModules = []
            interpreter.timedCalls = []
            defer { interpreter.usedModules = []; interpreter.timedCalls = [] }
            do throws(ScriptError) {
                let program = try parseAndResolve(source, name: name)
                try runStatements(program.statements[...]) { result.values.append($0) }
            } catch {
                result.error = error
            }
            result.modules = interpreter.usedModules.filter { $0.cell == name }
            result.timedCalls = interpreter.timedCalls
            return result
        }
    }

    /// Parses a source and checks its names against this session, on a large stack as the passes
    /// over the tree recurse as deep as it is tall.
    func compile(_ source: String, name: String) throws(ScriptError) -> Program {
        let result = onLargeStack { [self] () -> Result<Program, ScriptError> in
            do throws(ScriptError) { return .success(try parseAndResolve(source, name: name)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private func parseAndResolve(_ source: String, name: String) throws(ScriptError) -> Program {
        guard source.utf8.count <= Session.longestSource else {
            throw ScriptError(phase: .compile, diagnostics: [Diagnostic(
                "\(name) holds \(source.utf8.count) bytes of source; ccs reads at most \(Session.longestSource >> 20) MB at once", at: nil)])
        }
        let program = try Parser.parse(SourceFile(name: name, text: source))
        let globals = self.globals
        let builtinNames = self.builtinNames
        var resolver = Resolver(
            outside: { globals.lookup($0) != nil },
            isBuiltin: { name in builtinNames.contains(name) && globals.values[name] == nil },
            outsideNames: { [self] in namesInScope })
        let problems = resolver.check(program)
        if !problems.isEmpty { throw ScriptError(phase: .compile, diagnostics: problems) }
        return program
    }

    /// Runs top-level statements on a large stack, reporting each shown value.
    func execute(_ statements: ArraySlice<Statement>, shown: @escaping (Value) -> Void = { _ in }) throws(ScriptError) {
        let error = onLargeStack { [self] () -> ScriptError? in
            do throws(ScriptError) {
                try runStatements(statements, shown: shown)
                return nil
            } catch {
                return error
            }
        }
        if let error { throw error }
    }

    private func runStatements(_ statements: ArraySlice<Statement>, shown: (Value) -> Void) throws(ScriptError) {
        for statement in statements {
            let value = try interpreter.execute(statement, in: globals)
            if case .expression(_, silent: false) = statement.kind, !value.isNothing {
                shown(value)
                show(value)
            }
        }
    }

    /// Runs `body` on a helper thread with a large stack and waits for it: deep recursion in a script,
    /// or deeply nested source, then ends in an error rather than overflowing the caller's stack.
    private func onLargeStack<T>(_ body: @escaping () -> T) -> T {
        let interpreter = self.interpreter
        let job = LargeStackJob {
            interpreter.stack = .fromHere(size: Session.stackSize, reserve: Session.stackReserve)
            defer { interpreter.stack = .unlimited }
            return body()
        }
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread { [job] in
            job.run()
            finished.signal()
        }
        thread.stackSize = Session.stackSize
        thread.start()
        finished.wait()
        // Unreachable: the job sets its result before it signals.
        guard let result = job.result else { preconditionFailure("the cell's thread finished without a result") }
        return result
    }
}

/// Work handed to the large-stack thread. The caller waits for it, so only one thread touches the
/// session at a time — which is why sharing it across threads is sound here.
private final class LargeStackJob<T>: @unchecked Sendable {
    private let body: () -> T
    var result: T?

    init(_ body: @escaping () -> T) { self.body = body }

    func run() { result = body() }
}
