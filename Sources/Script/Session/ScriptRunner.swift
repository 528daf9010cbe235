import CrossCountry
import Foundation

/// Runs `.ccs` sources in batch the way `ccs run`, `ccs FILE.ccs` and `ccs -e` do: every top-level
/// expression statement not followed by `;` shows its value; the first error stops the run.
public enum ScriptRunner {
    /// Exit statuses, after BSD sysexits: 65 a compile error (EX_DATAERR), 66 an unreadable file
    /// (EX_NOINPUT), 70 a runtime error (EX_SOFTWARE).
    public enum Status: Int32 {
        case success = 0
        case failed = 1
        case compileError = 65
        case unreadable = 66
        case runtimeError = 70
    }

    /// Runs source text labelled `name`, writing shown values and printed text to `output` and
    /// diagnostics to `errors`.
    public static func run(source: String, name: String, stop: StopFlag = StopFlag(),
                           output: @escaping (String) -> Void, errors: (String) -> Void,
                           progress: @escaping (String) -> Void = { _ in }) -> Status {
        let session = Session(stop: stop, write: output)
        session.progress = progress
        session.show = { value in output(Display.text(value) + "\n") }
        session.bindLastValue()
        let result = session.run(source, name: name)
        guard let error = result.error else { return .success }
        errors(error.description + "\n")
        return error.phase == .compile ? .compileError : .runtimeError
    }

    /// Runs a file.
    public static func run(path: String, stop: StopFlag = StopFlag(), output: @escaping (String) -> Void,
                           errors: (String) -> Void, progress: @escaping (String) -> Void = { _ in }) -> Status {
        switch read(path) {
        case let .success(source): return run(source: source, name: path, stop: stop, output: output, errors: errors, progress: progress)
        case let .failure(message):
            errors("ccs: error: \(message)\n")
            return .unreadable
        }
    }

    /// The text of a source file, or why it cannot be read.
    public static func read(_ path: String) -> Result<String, ReadFailure> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(ReadFailure("cannot read '\(path)': no such file"))
        }
        guard !isDirectory.boolValue else { return .failure(ReadFailure("cannot read '\(path)': it is a directory")) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ReadFailure("cannot read '\(path)': permission denied"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(ReadFailure("cannot read '\(path)': it is not UTF-8 text"))
        }
        return .success(text)
    }

    /// Why a source file cannot be read: a message naming the file.
    public struct ReadFailure: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }
}
