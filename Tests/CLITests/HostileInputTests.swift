import Foundation
import Testing

/// Inputs that once crashed ccs (found by fuzzing it as an attacker would): each must now end in a
/// clear message naming what is wrong and a documented exit status — 64 for an option out of its
/// range, 70 for a script's runtime error, 1 for a graph ccs cannot use — and promptly.
@Suite struct HostileInputTests {
    /// Far above the fraction of a second these take: it catches a hang, it measures nothing.
    static let timeout = 30.0

    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var status: Int32
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let commandLine: [Case] = [
        Case(arguments: ["search", "RoeFlux_1d", "--seconds", "1e300"], status: 64,
             message: "--seconds must be a number from 0 to 2592000 seconds (30 days), got 1e+300"),
        Case(arguments: ["train", "f", "--minutes", "1e300", "--out", "/tmp/never-written.policy"], status: 64,
             message: "--minutes must be a number more than 0 and at most 43200 minutes (30 days), got 1e+300"),
        Case(arguments: ["train", "f", "--minutes", "1e18", "--out", "/tmp/never-written.policy"], status: 64,
             message: "--minutes must be a number more than 0 and at most 43200 minutes (30 days), got 1e+18"),
        Case(arguments: ["order", "paper-joint", "RoeFlux_1d", "--search", "99999999999"], status: 64,
             message: "--search must be a whole number from 0 to 10,000, got 99999999999"),
        Case(arguments: ["train", "f", "--games", "0", "--out", "/tmp/never-written.policy"], status: 64,
             message: "--games must be a whole number from 1 to 1,000,000,000, got 0"),
        Case(arguments: ["train", "f", "--games", "1", "--random-programs", "1000000", "--out", "/tmp/never-written.policy"],
             status: 64, message: "--random-programs must be a whole number from 0 to 1,000, got 1000000"),
    ]

    @Test(arguments: commandLine)
    func optionsOutOfRangeAreUsageErrors(_ c: Case) throws {
        let result = try CLI.run(c.arguments, timeout: Self.timeout)
        #expect(!result.timedOut)
        #expect(result.status == c.status, "\(result.error)")
        #expect(result.error.contains(c.message), "\(result.error)")
    }

    static let scripts: [Case] = [
        Case(arguments: [#"search(load_graph("RoeFlux_1d"), seconds: 1e300)"#], status: 70,
             message: "-e:1:43: error: seconds must be a number more than 0 and at most 2592000 seconds (30 days), got 1e+300"),
        Case(arguments: [#"train(load_graph("f"), minutes: 1e300)"#], status: 70,
             message: "-e:1:33: error: minutes must be a number more than 0 and at most 43200 minutes (30 days), got 1e+300"),
        Case(arguments: [#"train(load_graph("f"), minutes: 1e18)"#], status: 70,
             message: "minutes must be a number more than 0 and at most 43200 minutes (30 days), got 1e+18"),
        Case(arguments: [#"order(load("paper-joint"), load_graph("PropaneCombustion"), search: 1e18)"#], status: 70,
             message: "search must be a whole number from 0 to 10,000, got 1e+18"),
        Case(arguments: ["len(0..-9223372036854775809)"], status: 70,
             message: "-e:1:8: error: a range bound must be a whole number from -1,099,511,627,776 to 1,099,511,627,776, got -9.223372036854776e+18"),
        Case(arguments: ["for i in 0..-9223372036854775809 { i }"], status: 70, message: "a range bound must be a whole number"),
        Case(arguments: ["map(fn(i) = i, 0..-9223372036854775809)"], status: 70, message: "a range bound must be a whole number"),
        Case(arguments: [#"search(load_graph("PropaneCombustion"), rounds: 1e300)"#], status: 70,
             message: "rounds must be a whole number from 1 to 1,000,000,000, got 1e+300"),
    ]

    @Test(arguments: scripts)
    func scriptNumbersOutOfRangeAreLocatedErrors(_ c: Case) throws {
        let result = try CLI.run(["-e"] + c.arguments, timeout: Self.timeout)
        #expect(!result.timedOut)
        #expect(result.status == c.status, "\(result.error)")
        #expect(result.error.contains(c.message), "\(result.error)")
    }

    /// A concrete exponent past Int's range once trapped in `abs`; it is an ordinary power now.
    @Test func aHugeWholeExponentTracesAsPow() throws {
        let result = try CLI.run(["-e", "cost(graph(fn(x) = x^-9223372036854775809, 1.5), forward)"], timeout: Self.timeout)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output == "0\n")
    }

    /// Shapes whose sizes multiply past 64 bits: refused when loaded (an edge's shape) or when the
    /// game is built (costs that could pass 2^60), never trapping in `cost`, `search` or `table`.
    @Test(arguments: [
        (#"[1000000, 1000000]"#, #""type": 8"#, "graph big is too large for exact costs"),
        (#"[1000]"#, #""type": 1, "from_shape": [1000000000, 1000000000]"#,
         "edge x1→v1: shape (1000000000,1000000000) has more than 1,099,511,627,776 elements"),
    ])
    func graphsWithHugeShapesAreRefused(shape: String, edge: String, message: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ccs-big-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let text = """
            {"format": "ccs-graph", "version": 1, "name": "big",
             "inputs": [{"name": "x", "shape": \(shape)}],
             "vertices": [{"op": "sin", "shape": \(shape)}, {"op": "cos", "shape": \(shape)}],
             "outputs": ["v2"],
             "edges": [{"from": "x1", "to": "v1", \(edge)}, {"from": "v1", "to": "v2", "type": 8}]}
            """
        try text.write(to: file, atomically: true, encoding: .utf8)
        for command in [["cost", file.path], ["table", file.path], ["search", file.path, "--seconds", "1"]] {
            let result = try CLI.run(command, timeout: Self.timeout)
            #expect(!result.timedOut)
            #expect(result.status == 1, "\(command): \(result.error)")
            #expect(result.error.contains(message), "\(command): \(result.error)")
        }
    }
}
