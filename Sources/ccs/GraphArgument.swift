import ArgumentParser
import CrossCountry
import Foundation

/// Resolves a graph named on the command line: a file (`FILE#NAME` picks one graph of several),
/// or the name of a shipped paper graph.
enum GraphArgument {
    static func load(_ argument: String) throws -> ComputationalGraph {
        var path = argument, name: String? = nil
        if let hash = argument.lastIndex(of: "#"), !FileManager.default.fileExists(atPath: argument) {
            path = String(argument[..<hash])
            name = String(argument[argument.index(after: hash)...])
        }
        if FileManager.default.fileExists(atPath: path) {
            return try GraphFile.loadOne(path, named: name)
        }
        if PaperGraphs.names.contains(where: { $0.lowercased() == argument.lowercased() }) {
            return try PaperGraphs.load(argument)
        }
        throw GraphError.file(path: path, location: nil, message: "no such file, and no paper graph of that name")
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
