import CCSTestSupport
import CrossCountry
import Foundation
import Testing

/// Commands on graphs of real program size: they keep their time limits, hold bounded memory and
/// stop promptly on Ctrl-C. Timeouts here are checks for hangs, not measurements
/// (`scripts/bench scale` measures).
struct LargeGraphCommandTests {
    /// The shared chain (`ChainGraph`) as a graph file: 4 vertices per iteration.
    static func chain(iterations: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ccs-chain-\(iterations)-\(UUID().uuidString).json").path
        try GraphFile.write(try ChainGraph.traced(iterations: iterations).graph, to: path)
        return path
    }

    /// A 5,000-vertex chain once took 24.8 s of heuristics under `--seconds 1`, then grew past the
    /// machine's 24 GB. Under an address-space limit of 3 GB it now finishes near its budget.
    @Test func searchOnAFiveThousandVertexChainKeepsTimeAndMemory() throws {
        let path = try Self.chain(iterations: 1_250)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["-c", "ulimit -v 3000000; exec \"$0\" search \"$1\" --seconds 1 --json", CLI.binary.path, path],
                                 timeout: 60, executable: "/bin/sh")
        #expect(result.status == 0, "\(result.error)")
        #expect(!result.timedOut)
        let json = try JSONParser.parse(result.output)
        let elapsed = try #require(json["elapsed"].flatMap { if case let .number(x) = $0 { x } else { nil } })
        #expect(elapsed < 3, "asked for 1 s")
        let notes = try #require(json["notes"]?.arrayValue)
        #expect(notes.contains { $0.stringValue?.hasPrefix("no lower bound") == true })
    }

    /// A graph whose orders could, by the game's static bound, cost more than 2^53 in total (the
    /// bound is cubic in the size: the 100,000-vertex chain of 5-vectors passes it) is searched, not
    /// refused as "too large for exact costs"; the answer says why it has no lower bound.
    @Test func searchRunsOnAGraphWhoseCostBoundPassesTwoToThe53() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ccs-wide-chain-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let graph = try ChainGraph.traced(iterations: 100, width: 1_000).graph
        try GraphFile.write(graph, to: path)
        let result = try CLI.run(["search", path, "--seconds", "1", "--json"], timeout: 60)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.error.contains("note: no lower bound: an order on this graph could cost more than 2^53"), "\(result.error)")
        let json = try JSONParser.parse(result.output)
        let order = try #require(json["order"]?.arrayValue).compactMap(\.intValue)
        #expect(try EliminationGame(graph).cost(of: order).total == json["cost"]?.intValue.map(Double.init))
    }

    /// A memory limit smaller than one position is refused with a message, not exceeded.
    @Test func aMemoryLimitTooSmallForOnePositionIsAnError() throws {
        let path = try Self.chain(iterations: 1_250)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["search", path, "--max-memory", "100K"], timeout: 60)
        #expect(result.status == 1)
        #expect(result.error.contains("more than the memory limit of 100 kB (raise it with --max-memory"))
        let bad = try CLI.run(["search", path, "--max-memory", "lots"])
        #expect(bad.status != 0 && bad.error.contains("--max-memory must be a positive size"))
    }

    /// Ctrl-C during a search on the 10,000-vertex chain: the best order so far, promptly.
    @Test func ctrlCStopsASearchOnTheTenThousandVertexChainPromptly() throws {
        let path = try Self.chain(iterations: 2_500)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["search", path, "--seconds", "120", "--json"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        Thread.sleep(forTimeInterval: 2)
        let interrupted = Date()
        process.interrupt()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let latency = Date().timeIntervalSince(interrupted)
        #expect(process.terminationStatus == 0)
        #expect(latency < 2, "stopped \(latency) s after Ctrl-C")
        let json = try JSONParser.parse(String(decoding: data, as: UTF8.self))
        #expect(json["interrupted"] == .bool(true))
        let order = try #require(json["order"]?.arrayValue).compactMap(\.intValue)
        let game = try EliminationGame(try GraphFile.loadOne(path))
        #expect(try game.cost(of: order).total == json["cost"]?.intValue.map(Double.init))
    }
}

extension LargeGraphCommandTests {
    /// The shipped policy applied greedily to the 10,000-vertex chain (a window of candidates per
    /// move) stops on Ctrl-C with exit status 130 and says so.
    @Test func ctrlCStopsAPolicyOnTheTenThousandVertexChainPromptly() throws {
        let path = try Self.chain(iterations: 2_500)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["order", "paper-joint", path]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["CCS_STDLIB": CLI.packageRoot.appendingPathComponent("stdlib").path]) { $1 }
        let err = Pipe()
        process.standardOutput = Pipe()
        process.standardError = err
        try process.run()
        Thread.sleep(forTimeInterval: 2)
        let interrupted = Date()
        process.interrupt()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let latency = Date().timeIntervalSince(interrupted)
        #expect(process.terminationStatus == 130, "\(message)")
        #expect(message.contains("interrupted: applying the policy to chain2500"))
        #expect(latency < 2, "stopped \(latency) s after Ctrl-C")
    }
}
