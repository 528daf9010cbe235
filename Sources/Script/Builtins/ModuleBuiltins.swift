import CrossCountry
import Foundation

extension Builtins {
    /// Scripts as modules, and calls with a spread argument list.
    static func modules() -> [Builtin] {
        [
            Builtin("use", [parameter("path")],
                    summary: "Runs a .ccs file in a fresh scope (shown values are not shown) and gives its top-level definitions as fields; a relative path is taken from the calling file's folder.",
                    example: "let t = use(\"stdlib/tasks/RoeFlux_1d.ccs\"); t.point") { (a: inout Arguments) throws(ScriptError) in
                try Modules.load(try a.string("path"), at: a.range("path"), interpreter: a.interpreter)
            },
            Builtin("apply", [parameter("f"), rest("args")],
                    summary: "Calls f with the given arguments followed by the items of the last one, a tuple, list or vector (as Lisp's apply).",
                    example: "apply(graph, sin, (0.5,))") { (a: inout Arguments) throws(ScriptError) in
                let f = try a.callable("f")
                guard let (last, lastRange) = a.rest.last else {
                    throw a.error("apply needs the arguments to spread as its last argument, a tuple, list or vector")
                }
                let vector: [Value]? = if case let .tensor(t) = last, t.shape.rank == 1 { t.scalars.map(Value.number) } else { nil }
                guard let items = last.unpackable ?? vector else {
                    throw .runtime("the last argument of apply is spread into arguments, so it must be a tuple, list or vector, got \(last.typeDescription)",
                                   at: lastRange)
                }
                return try a.interpreter.call(f, a.rest.dropLast() + items.map { ($0, lastRange) }, at: a.callRange)
            },
        ]
    }
}

/// A file a `use` call ran: the source that named it, where its path argument was written there
/// (scalar offsets), and the file's absolute path.
public struct ModuleUse: Sendable, Equatable {
    public var cell: String
    public var argument: Range<Int>
    public var path: String
}

/// `use(path)`: a script run in its own scope beneath the builtins, as a record of what it defines.
enum Modules {
    static func load(_ path: String, at range: SourceRange, interpreter: Interpreter) throws(ScriptError) -> Value {
        let resolved = resolve(path, from: range.file.name)
        interpreter.usedModules.append(ModuleUse(cell: range.file.name, argument: range.start..<range.end,
                                                 path: URL(fileURLWithPath: resolved).standardizedFileURL.path))
        guard !interpreter.loadingModules.contains(resolved) else {
            throw .runtime("'\(path)' uses itself (through \(interpreter.loadingModules.joined(separator: " → ")))", at: range)
        }
        let source: String
        switch ScriptRunner.read(resolved) {
        case let .success(text): source = text
        case let .failure(failure): throw .runtime(failure.description, at: range)
        }
        let library = Builtins.shared.scope
        let scope = Environment(parent: library)
        interpreter.loadingModules.append(resolved)
        defer { interpreter.loadingModules.removeLast() }
        do throws(ScriptError) {
            let program = try Parser.parse(SourceFile(name: resolved, text: source))
            var resolver = Resolver(outside: { library.lookup($0) != nil }, isBuiltin: { library.lookup($0) != nil },
                                    outsideNames: { library.names })
            let problems = resolver.check(program)
            if !problems.isEmpty { throw ScriptError(phase: .compile, diagnostics: problems) }
            for statement in program.statements { _ = try interpreter.execute(statement, in: scope) }
        } catch {
            // The caller's run goes on being a runtime failure, located in the used file.
            var failure = ScriptError(phase: .runtime, diagnostics: Array(error.diagnostics.prefix(1)))
            failure.isInterrupted = error.isInterrupted
            if !failure.diagnostics.isEmpty { failure.diagnostics[0].traceback.append(Diagnostic.Frame(function: "use", callSite: range)) }
            throw failure
        }
        let fields = scope.names.sorted().compactMap { name in scope.lookup(name).map { (name: name, value: $0) } }
        return .record(Record(kind: "module", fields: fields))
    }

    /// A relative path is taken from the folder of the file that names it (when that is a file).
    static func resolve(_ path: String, from file: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue else { return path }
        let folder = (file as NSString).deletingLastPathComponent
        return folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
    }
}
