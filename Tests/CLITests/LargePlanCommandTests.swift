import Foundation
import Testing

/// Jacobian plans of real program size from the command line: Ctrl-C stops C generation and the C
/// compiler promptly, and leaves no compiler process behind. Timeouts here are checks for hangs,
/// not measurements (`scripts/bench scale` measures).
@Suite(.serialized) struct LargePlanCommandTests {
    /// The chain `s = sin(s) * x + cos(s)` on a 5-vector as a script tracing it as `g`.
    static func chainScript(iterations: Int) -> String {
        """
        fn f(x) { let s = x; for i in 0..\(iterations) { s = sin(s) * x + cos(s) }; sum(s * s) }
        let g = graph(f, ones(5))
        """
    }

    static func folder() throws -> String {
        let folder = NSTemporaryDirectory() + "ccs-large-plan-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Processes whose command line mentions `text` (a test's private folder).
    static func processes(mentioning text: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: data, as: UTF8.self).contains(text)
        }
    }

    /// Starts `arguments`, interrupts it after `delay` (or once `ready` holds, polled), and returns
    /// its status, standard error and how long after the interrupt it ended.
    static func interrupt(_ arguments: [String], environment: [String: String] = [:], after delay: Double,
                          when ready: () -> Bool = { true }) throws -> (status: Int32, error: String, latency: Double) {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let err = Pipe()
        process.standardOutput = Pipe()
        process.standardError = err
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        let deadline = Date().addingTimeInterval(60)
        while !ready() && process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let interrupted = Date()
        process.interrupt()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message, Date().timeIntervalSince(interrupted))
    }

    /// Exporting the 25,000-vertex chain spends seconds compiling its plan and generating C (the
    /// trace takes one): Ctrl-C ends it with status 130 and writes nothing.
    @Test func ctrlCStopsAnExportOfATwentyFiveThousandVertexChainPromptly() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.chainScript(iterations: 6_250).write(toFile: folder + "/chain.ccs", atomically: true, encoding: .utf8)
        let result = try Self.interrupt(["export", folder + "/chain.ccs", "--graph", "g", "--out", folder + "/chain"], after: 3)
        #expect(result.status == 130, "\(result.error)")
        #expect(result.error.contains("interrupted: exporting the Jacobian of"), "\(result.error)")
        #expect(result.latency < 2, "stopped \(result.latency) s after Ctrl-C")
        #expect(!FileManager.default.fileExists(atPath: folder + "/chain.c"))
    }

    /// Ctrl-C while a slow C compiler (one that first sleeps for a minute) works on a chain's
    /// Jacobian: the script stops as interrupted and the compiler's processes are gone with it.
    @Test func ctrlCKillsTheCCompilerOfAJacobian() throws {
        let cache = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let compiler = cache + "/slow-cc"
        try "#!/bin/sh\nsleep 60\nexec cc \"$@\"\n".write(toFile: compiler, atomically: true, encoding: .utf8)
        chmod(compiler, 0o755)
        let script = Self.chainScript(iterations: 100) + "\njacobian(f)(ones(5))\n"
        let result = try Self.interrupt(["-e", script], environment: ["XDG_CACHE_HOME": cache, "CCS_CC": compiler], after: 0.5) {
            !Self.processes(mentioning: cache).isEmpty
        }
        #expect(result.status == 70, "\(result.error)")
        #expect(result.error.contains("interrupted"), "\(result.error)")
        #expect(result.latency < 2, "stopped \(result.latency) s after Ctrl-C")
        #expect(Self.processes(mentioning: cache).isEmpty, "the C compiler outlived ccs")
    }
}
