import ArgumentParser
import CrossCountry
import Foundation

/// Resolves a graph named on the command line: a file (`FILE#NAME` picks one graph of several),
/// or the name of a shipped paper graph.
enum GraphArgument {
    static func load(_ argument: String) throws -> ComputationalGraph {
        try GraphFile.resolve(argument)
    }
}

/// Prints `ccs: error: …` to standard error and ends the command with a failure status.
func fail(_ message: String, code: Int32 = 1) -> ExitCode {
    FileHandle.standardError.write(Data("ccs: error: \(message)\n".utf8))
    return ExitCode(code)
}

/// Prints an error to standard error — as `file:line:col: error: …` when it names a file — and ends
/// the command with a failure status.
func fail(_ error: any Error, code: Int32 = 1) -> ExitCode {
    if case GraphError.file = error {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        return ExitCode(code)
    }
    return fail("\(error)", code: code)
}
