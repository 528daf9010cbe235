import CrossCountry
import Foundation

/// Runs `.ccs` sources in batch the way `ccs run`, `ccs FILE.ccs` and `ccs -e` do: every top-level
/// expression statement not followed by `;` shows its value; the first error stops the run.
public enum ScriptRunner {
    /// Exit statuses, after BSD sysexits: 65 a compile error (EX_DATAERR), 66 an unreadable file
    /// (EX_NOINPUT), 70 a runtime error (EX_SOFTWARE).
    public enum Status: Int32, Error {
        case success = 0
        case failed = 1
        case compileError = 65
        case unreadable = 66
        case runtimeError = 70
    }

    /// Runs source text labelled `name`, writing shown values and printed text to `output`,
    /// diagnostics to `errors` and builtins' one-line notes (native compilation) to `notes`.
    public static func run(source: String, name: String, stop: StopFlag = StopFlag(),
                           output: @escaping (String) -> Void, errors: (String) -> Void,
                           progress: @escaping (String) -> Void = { _ in },
                           notes: @escaping (String) -> Void = { _ in }) -> Status {
        let session = Session(stop: stop, write: output)
        session.progress = progress
        session.note = notes
        session.show = { value in output(Display.text(value) + "\n") }
        session.bindLastValue()
        let result = session.run(source, name: name)
        guard let error = result.error else { return .success }
        errors(error.description + "\n")
        return error.phase == .compile ? .compileError : .runtimeError
    }

    /// Runs a file.
    public static func run(path: String, stop: StopFlag = StopFlag(), output: @escaping (String) -> Void,
                           errors: (String) -> Void, progress: @escaping (String) -> Void = { _ in },
                           notes: @escaping (String) -> Void = { _ in }) -> Status {
        switch read(path) {
        case let .success(source):
            return run(source: source, name: path, stop: stop, output: output, errors: errors, progress: progress, notes: notes)
        case let .failure(failure):
            errors(failure.errorLine + "\n")
            return .unreadable
        }
    }

    /// The text of a source file, or why it cannot be read; bytes that are not UTF-8 are reported
    /// at their line and column.
    public static func read(_ path: String) -> Result<String, ReadFailure> {
        let bytes: [UInt8]
        do throws(FileBytes.Failure) {
            bytes = try FileBytes.read(path, limit: Session.longestSource)
        } catch {
            return .failure(ReadFailure("cannot read '\(path)': \(error)"))
        }
        if let (line, column, byte) = firstInvalidUTF8(bytes) {
            return .failure(ReadFailure("byte 0x\(String(byte, radix: 16)) is not UTF-8 text; ccs reads sources as UTF-8",
                                        location: "\(path):\(line):\(column)"))
        }
        return .success(String(decoding: bytes, as: UTF8.self))
    }

    /// Where the first byte that is not part of valid UTF-8 sits: its 1-based line and column
    /// (columns count characters, as diagnostics do), and the byte.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, column: Int, byte: UInt8)? {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var line = 1, column = 1, offset = 0, start = 0
        while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                offset += UTF8.width(scalar)
                start = offset
            case .emptyInput:
                return nil
            case .error:
                return (line, column, bytes[start])
            }
        }
    }

    /// Why a source file cannot be read: a message naming the file, or a message with the
    /// `path:line:col` of the bytes at fault.
    public struct ReadFailure: Error, CustomStringConvertible {
        public var message: String
        public var location: String?

        init(_ message: String, location: String? = nil) {
            self.message = message
            self.location = location
        }

        public var description: String { location.map { "\($0): \(message)" } ?? message }

        /// The line a command prints: `path:line:col: error: …`, or `ccs: error: …` without a location.
        public var errorLine: String { location.map { "\($0): error: \(message)" } ?? "ccs: error: \(message)" }
    }
}

extension ScriptRunner {
    /// Runs a script without showing its values and returns the traced graph one of its names
    /// holds (a function named is traced at the script's `point`), for commands that work on a graph a script traces (`ccs export`); reports to `errors`
    /// and gives the exit status when the script fails or the name holds no traced graph.
    public static func tracedGraph(_ name: String, path: String, stop: StopFlag = StopFlag(),
                                   errors: (String) -> Void) -> Result<NumericGraph, Status> {
        let source: String
        switch read(path) {
        case let .success(text): source = text
        case let .failure(failure):
            errors(failure.errorLine + "\n")
            return .failure(.unreadable)
        }
        let session = Session(stop: stop, write: { _ in })
        if let error = session.run(source, name: path).error {
            errors(error.description + "\n")
            return .failure(error.phase == .compile ? .compileError : .runtimeError)
        }
        guard var value = session.value(of: name) else {
            errors("ccs: error: \(path) defines no '\(name)'\n")
            return .failure(.failed)
        }
        // A function is traced where the script says its point is, as every stdlib task does.
        if case .function = value {
            guard session.value(of: "point") != nil else {
                errors("ccs: error: '\(name)' in \(path) is a function; define `let point = (…)` in the script to trace it there, or name a traced graph\n")
                return .failure(.failed)
            }
            let traced = session.run("apply(graph, \(name), point)", name: path)
            if let error = traced.error {
                errors(error.description + "\n")
                return .failure(.runtimeError)
            }
            value = traced.values.last ?? .nothing
        }
        guard case let .graph(g) = value, let numeric = g.numeric else {
            errors("ccs: error: '\(name)' in \(path) is \(value.typeDescription), not a traced graph (trace it with graph(f, …))\n")
            return .failure(.failed)
        }
        return .success(numeric)
    }
}
