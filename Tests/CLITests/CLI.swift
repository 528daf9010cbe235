import Foundation

/// Runs the built `ccs` binary, as a user would, and captures what it prints.
enum CLI {
    struct Result {
        var status: Int32
        var output: String
        var error: String
        /// Whether the run was stopped for passing its timeout.
        var timedOut = false
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `ccs` executable next to the running test bundle.
    static var binary: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("ccs")
    }

    /// Runs ccs (or `executable`) with `arguments` in `directory` (the package root by default);
    /// a run still going after `timeout` seconds is terminated and reported as `timedOut` (a check
    /// for hangs, not a measurement).
    static func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:],
                    timeout: Double? = nil, executable: String? = nil, directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable.map { URL(fileURLWithPath: $0) } ?? binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        var env = ProcessInfo.processInfo.environment
        env["CCS_STDLIB"] = packageRoot.appendingPathComponent("stdlib").path
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), inp = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inp
        try process.run()
        let stopper = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        if let timeout { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: stopper) }
        if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
        try inp.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        stopper.cancel()
        return Result(status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
                      error: String(decoding: errData, as: UTF8.self),
                      timedOut: process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM)
    }
}
