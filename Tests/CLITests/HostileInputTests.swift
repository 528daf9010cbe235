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
        // A negative value is read as the option's value, not as an unknown option.
        Case(arguments: ["search", "RoeFlux_1d", "--seconds", "-1"], status: 64,
             message: "--seconds must be a number from 0 to 2592000 seconds (30 days), got -1"),
        Case(arguments: ["order", "paper-joint", "RoeFlux_1d", "--search", "-1"], status: 64,
             message: "--search must be a whole number from 0 to 10,000, got -1"),
        Case(arguments: ["cost", "RoeFlux_1d", "--order", "-1"], status: 1,
             message: "invalid order: vertex -1 does not exist; the graph has vertices 1…101"),
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

    /// Policy-guided search and training estimate what they will hold before they start; past the
    /// memory limit they stop with a message instead of growing (here a limit below a paper graph's needs).
    @Test func policySearchAndTrainingKeepToTheMemoryLimit() throws {
        let limit = "more than the memory limit of 500 kB (raise it with --max-memory, or max_memory: in a script)"
        let order = try CLI.run(["order", "paper-joint", "RoeFlux_1d", "--search", "2", "--max-memory", "500K"], timeout: Self.timeout)
        #expect(order.status == 1, "\(order.error)")
        #expect(order.error.hasPrefix("ccs: error: policy-guided search on RoeFlux_1d would hold about 1 MB (the network attends over every pair "
                                      + "of its 101 vertices, the tree keeps 2 positions a move), \(limit)"), "\(order.error)")
        let training = try CLI.run(["train", "f", "--games", "1", "--max-memory", "500K", "--out", "/tmp/never-written.policy"], timeout: Self.timeout)
        #expect(training.status == 1, "\(training.error)")
        #expect(training.error.contains("training on f would hold about "), "\(training.error)")
        #expect(training.error.contains(limit), "\(training.error)")
        let script = try CLI.run(["-e", #"order(load("paper-joint"), load_graph("RoeFlux_1d"), search: 2, max_memory: 0.0005)"#], timeout: Self.timeout)
        #expect(script.status == 70, "\(script.error)")
        #expect(script.error.hasPrefix("-e:1:7: error: policy-guided search on RoeFlux_1d would hold about 1 MB"), "\(script.error)")
        let trainScript = try CLI.run(["-e", #"train(load_graph("f"), games: 1, max_memory: 0.0005)"#], timeout: Self.timeout)
        #expect(trainScript.status == 70 && trainScript.error.contains(limit), "\(trainScript.error)")
        let usage = try CLI.run(["order", "paper-joint", "RoeFlux_1d", "--max-memory", "0"])
        #expect(usage.status == 64 && usage.error.contains("--max-memory must be a positive size such as 4G, 512M or 100000000, got '0'"),
                "\(usage.error)")
    }

    /// A concrete exponent past Int's range once trapped in `abs`; it is an ordinary power now.
    @Test func aHugeWholeExponentTracesAsPow() throws {
        let result = try CLI.run(["-e", "cost(graph(fn(x) = x^-9223372036854775809, 1.5), forward)"], timeout: Self.timeout)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output == "0\n")
    }

    /// Shapes whose sizes multiply past 64 bits: refused when loaded (an edge's shape) or when the
    /// game is built (costs that could pass 2^53), never trapping in `cost`, `search` or `table`.
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

    /// Writes `text` to a temporary file named `name` and returns its path.
    static func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccs-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    static let longSum = "1" + String(repeating: "+1", count: 200_000)
    static let deepRecursion = "fn f(n) = if n == 0 { 0 } else { " + String(repeating: "(1+", count: 100) + "f(n-1)"
        + String(repeating: ")", count: 100) + " }\nf(1990)"

    /// A flat chain of 200,000 operators (a compile error), and a recursion whose body nests deep
    /// (a runtime error): both once ended in SIGSEGV with nothing printed.
    @Test func deepProgramsEndInLocatedErrors() throws {
        let sum = try CLI.run(["run", try Self.file("p.ccs", Array(Self.longSum.utf8))], timeout: Self.timeout)
        #expect(!sum.timedOut)
        #expect(sum.status == 65, "\(sum.error.prefix(300))")
        #expect(sum.error.contains("p.ccs:1:4000: error: the expression is nested too deeply: more than 2000 levels"))
        #expect(sum.error.utf8.count < 2_000, "a 400 KB line is cut around the caret, not echoed")
        let recursion = try CLI.run(["run", try Self.file("r.ccs", Array(Self.deepRecursion.utf8))], timeout: Self.timeout)
        #expect(!recursion.timedOut)
        #expect(recursion.status == 70, "\(recursion.error.prefix(300))")
        #expect(recursion.error.contains("error: the program nests too deeply: its stack is spent"))
    }

    /// Piped into the REPL, each of these cells fails on its own and the next one still runs.
    @Test func aPipedSessionOutlivesEveryHostileCell() throws {
        let hostile = [
            Self.longSum, Self.deepRecursion.replacingOccurrences(of: "\n", with: "; "),
            #"search(load_graph("RoeFlux_1d"), seconds: 1e300)"#, "len(0..-9223372036854775809)",
            #"order(load("paper-joint"), load_graph("PropaneCombustion"), search: 1e18)"#,
            "let x = ()\nfor i in 0..100000 { x = [x] }",
        ]
        var input = ""
        for (i, cell) in hostile.enumerated() { input += "\(i)\n\(cell)\n" }
        input += "\"still here\"\n"
        let result = try CLI.run([], input: input, timeout: Self.timeout)
        #expect(!result.timedOut)
        #expect(result.output == (0..<hostile.count).map { "\($0)\n" }.joined() + "\"still here\"\n", "\(result.error.prefix(500))")
        #expect(result.status == 65, "the first failure, a compile error, decides the status")
    }

    @Test func filesThatAreNotWhatTheyClaimSaySo() throws {
        let script = try CLI.run(["run", try Self.file("bad.ccs", Array("let x = 1\nlet y = \"a".utf8) + [0xFF] + Array("b\"\n".utf8))])
        #expect(script.status == 66)
        #expect(script.error.hasSuffix("bad.ccs:2:11: error: byte 0xff is not UTF-8 text; ccs reads sources as UTF-8\n"), "\(script.error)")
        let endlessScript = try CLI.run(["run", "/dev/zero"], timeout: Self.timeout)
        #expect(endlessScript.status == 66 && endlessScript.error == "ccs: error: cannot read '/dev/zero': it is larger than 8 MB, the most ccs reads\n",
                "\(endlessScript.error)")
        let empty = try CLI.run(["cost", "/dev/null"])
        #expect(empty.status == 1 && empty.error == "/dev/null: error: the file is empty, not a graph\n", "\(empty.error)")
        let endless = try CLI.run(["graph", "/dev/zero"], timeout: Self.timeout)
        #expect(endless.status == 1 && endless.error == "/dev/zero: error: cannot read the file: it is larger than 256 MB, the most ccs reads\n",
                "\(endless.error)")
        let name = try CLI.run(["graph", try Self.file("g.json", Array(#"{"format": "ccs-graph", "name": "a"#.utf8) + [0xC3] + Array(#""}"#.utf8))])
        #expect(name.status == 1 && name.error.hasSuffix("g.json:1:33: error: not a valid graph file: the string is not valid UTF-8 text\n"),
                "\(name.error)")
    }

    /// Every input fuzzing found failing is kept in Tests/FuzzFindings/TARGET and replayed through
    /// the fuzz harness (built here without libFuzzer): none may fail again.
    @Test(arguments: FuzzFindings.targets)
    func fuzzFindingsStayFixed(target: String) throws {
        let directory = CLI.packageRoot.appendingPathComponent("Tests/FuzzFindings/\(target)").path
        let count = try FileManager.default.contentsOfDirectory(atPath: directory).count
        let harness = CLI.binary.deletingLastPathComponent().appendingPathComponent("ccs-fuzz").path
        let result = try CLI.run([target, "--replay", directory], timeout: Self.timeout, executable: harness)
        #expect(!result.timedOut)
        #expect(result.status == 0, "\(result.error.prefix(2_000))")
        #expect(result.output == "ccs-fuzz \(target): \(count) inputs replayed, none crashed\n")
    }
}

/// The fuzz targets with kept findings.
enum FuzzFindings {
    static var targets: [String] {
        let root = CLI.packageRoot.appendingPathComponent("Tests/FuzzFindings").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
    }
}
