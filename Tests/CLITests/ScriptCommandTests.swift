import Foundation
import Testing

@Suite struct ScriptCommandTests {
    private func temporaryFile(_ text: String, name: String = "script.ccs") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccs-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func runShowsValuesAndExitsZero() throws {
        let path = try temporaryFile("let x = 3\nx * 2\nprint(\"done\")\n")
        let result = try CLI.run(["run", path])
        #expect(result.status == 0)
        #expect(result.output == "6\ndone\n")
        #expect(try CLI.run([path]).output == "6\ndone\n")
    }

    @Test func withoutGraphvizAPictureIsItsDOTTextWithANote() throws {
        let directory = (try temporaryFile("")) .replacingOccurrences(of: "/script.ccs", with: "")
        let result = try CLI.run(["-e", "render(load_graph(\"RoeFlux_1d\"), \"\(directory)/r.svg\", order: reverse)"],
                                 environment: ["PATH": "/nonexistent"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("note: Graphviz's dot is not installed (Debian: apt-get install graphviz"))
        #expect(result.output.hasSuffix("wrote \(directory)/r.dot (101 vertices, coloured by the step of each elimination)\n"))
        let dot = try String(contentsOfFile: "\(directory)/r.dot", encoding: .utf8)
        #expect(dot.hasPrefix("digraph \"RoeFlux_1d\"") && dot.contains("step 98, cost "))
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/r.svg"))
    }

    @Test func versionPrintsTheReleaseAndExitsZero() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        #expect(result.output.wholeMatch(of: /ccs \d+\.\d+\.\d+\n/) != nil, "\(result.output)")
    }

    @Test func compileErrorsExit65WithALocatedMessage() throws {
        let path = try temporaryFile("let x = 1\nlet y = (x +\n")
        let result = try CLI.run(["run", path])
        #expect(result.status == 65)
        #expect(result.output.isEmpty)
        #expect(result.error == "\(path):2:13: error: expected an expression, found end of input\nlet y = (x +\n            ^\n")
    }

    @Test func runtimeErrorsExit70AfterEarlierOutput() throws {
        let path = try temporaryFile("1 + 1\nfn f(x) = x / \"a\"\nf(2)\n")
        let result = try CLI.run(["run", path])
        #expect(result.status == 70)
        #expect(result.output == "2\n")
        #expect(result.error.hasPrefix("\(path):2:11: error: cannot apply '/' to a number and a string\n"))
        #expect(result.error.contains("  in f, called at \(path):3:1"))
    }

    @Test func aMissingScriptExits66() throws {
        let result = try CLI.run(["run", "/nonexistent/x.ccs"])
        #expect(result.status == 66)
        #expect(result.error == "ccs: error: cannot read '/nonexistent/x.ccs': no such file\n")
    }

    @Test func dashEEvaluatesSource() throws {
        #expect(try CLI.run(["-e", "2 ^ 10"]).output == "1024\n")
        let failed = try CLI.run(["-e", "nope"])
        #expect(failed.status == 65)
        #expect(failed.error.hasPrefix("-e:1:1: error: unknown name 'nope'"))
    }

    /// A search's status line is for a terminal; a log of a brief search stays empty.
    @Test func aBriefSearchLeavesNoProgressInALog() throws {
        let result = try CLI.run(["-e", "cost(load_graph(\"RoeFlux_1d\"), search(load_graph(\"RoeFlux_1d\"), rounds: 1))"])
        #expect(result.status == 0)
        #expect(Int(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) != nil, "\(result.output)")
        #expect(result.error == "")
    }

    @Test func checkPassesOnEveryExample() throws {
        let directory = CLI.packageRoot.appendingPathComponent("stdlib/examples")
        let examples = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".ccs") }.sorted()
        #expect(!examples.isEmpty)
        for example in examples {
            let result = try CLI.run(["check", "stdlib/examples/\(example)"])
            #expect(result.status == 0, "\(example): \(result.error)")
        }
    }

    @Test func checkFailsWithADiffWhenARecordedOutputIsEdited() throws {
        let original = try String(contentsOf: CLI.packageRoot.appendingPathComponent("stdlib/examples/costs.ccs"), encoding: .utf8)
        // The first of the cells that print 407: Markowitz's cost.
        let first = try #require(original.range(of: "\n#> 407\n"))
        let path = try temporaryFile(original.replacingCharacters(in: first, with: "\n#> 406\n"), name: "costs.ccs")
        let result = try CLI.run(["check", path])
        #expect(result.status == 1)
        #expect(result.error.contains("output differs (- recorded, + now)\n- 406\n+ 407\n"))
        #expect(result.error.hasSuffix("1 of 8 cells differ\n"))
    }
}
