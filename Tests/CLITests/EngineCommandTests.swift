import CrossCountry
import Foundation
import Testing

/// `ccs table`, `ccs cost`, `ccs graph` and `ccs convert` as a user runs them.
@Suite struct EngineCommandTests {
    static let expected: [(String, Int, Int, Int, Int)] = [
        ("RoeFlux_1d", 620, 364, 407, 320), ("RoeFlux_3d", 1556, 979, 956, 799),
        ("RobotArm_6DOF", 397, 301, 288, 231), ("HumanHeartDipole", 240, 172, 194, 148),
        ("PropaneCombustion", 151, 90, 111, 88), ("BlackScholes_Jacobian", 545, 572, 350, 312),
        ("f", 17728, 9333, 12257, 6374), ("g", 632, 566, 451, 417),
        ("Perceptron", 10930, 392, 4796, 389), ("Encoder", 135010, 4688, 51896, 4656),
    ]

    @Test func tableOfTheShippedGraphs() throws {
        let result = try CLI.run(["table"])
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 11)
        for (line, row) in zip(lines.dropFirst(), Self.expected) {
            let cells = line.split(separator: " ")
            #expect(cells.first.map(String.init) == row.0)
            #expect(cells.suffix(4).map { Int($0) } == [row.1, row.2, row.3, row.4], "\(line)")
        }
    }

    @Test func tableAsJSON() throws {
        let result = try CLI.run(["table", "--json"])
        #expect(result.status == 0)
        let rows = try #require(try JSONParser.parse(result.output).arrayValue)
        #expect(rows.count == 10)
        for (row, want) in zip(rows, Self.expected) {
            #expect(row["name"]?.stringValue == want.0)
            #expect(row["forward"]?.intValue == want.1)
            #expect(row["reverse"]?.intValue == want.2)
            #expect(row["markowitz"]?.intValue == want.3)
            #expect(row["best_published"]?.intValue == want.4)
            for key in ["inputs", "intermediates", "outputs"] { #expect(row[key]?.intValue != nil) }
        }
    }

    @Test func tableOfTheTestVectorFile() throws {
        let result = try CLI.run(["table", "../shared/paper/vertex-game-testvectors.json", "--json"])
        #expect(result.status == 0, "\(result.error)")
        let rows = try JSONParser.parse(result.output).arrayValue ?? []
        #expect(rows.compactMap { $0["markowitz"]?.intValue } == Self.expected.map(\.3))
    }

    @Test func costOfOrders() throws {
        #expect(try CLI.run(["cost", "RoeFlux_1d", "--order", "forward"]).output == "620\n")
        #expect(try CLI.run(["cost", "stdlib/paper/graphs/Encoder.json", "--order", "reverse"]).output == "4688\n")
        let steps = try CLI.run(["cost", "PropaneCombustion", "--order", "markowitz", "--steps", "--json"])
        let json = try JSONParser.parse(steps.output)
        #expect(json["cost"]?.intValue == 111)
        #expect(json["step_costs"]?.arrayValue?.count == 51)
        let table = try CLI.run(["cost", "PropaneCombustion", "--steps"])
        #expect(table.output.hasPrefix("step  vertex  cost  total\n"))
        #expect(table.output.hasSuffix("111\n"))
    }

    @Test(arguments: [
        ("1,2,3", "invalid order: the order misses 95 of 98 eliminable vertices: 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, …"),
        ("1,1", "invalid order: vertex 1 appears twice, at positions 1 and 2"),
        ("97", "invalid order: vertex 97 is an output; outputs are never eliminated"),
        ("x2,1", "invalid order: x2 is an input; inputs are never eliminated"),
        ("500", "invalid order: vertex 500 does not exist; the graph has vertices 1…101"),
        ("1,b", "invalid order: 'b' is not a vertex number"),
    ])
    func badOrdersExitNonZero(order: String, message: String) throws {
        let result = try CLI.run(["cost", "RoeFlux_1d", "--order", order])
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.error == "ccs: error: \(message)\n")
    }

    @Test func badGraphFiles() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ccs-cli-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "{\"format\": \"ccs-graph\", \"vers".write(toFile: path, atomically: true, encoding: .utf8)
        let truncated = try CLI.run(["cost", path])
        #expect(truncated.status == 1)
        #expect(truncated.error == "\(path):1:30: error: not a valid graph file: unexpected end of input inside a string\n")
        let missing = try CLI.run(["table", "/no/such.json"])
        #expect(missing.status == 1)
        #expect(missing.error == "/no/such.json: error: no such file\n")
    }

    @Test func dotAndSummary() throws {
        let dot = try CLI.run(["graph", "HumanHeartDipole", "--dot"])
        #expect(dot.status == 0)
        #expect(dot.output.hasPrefix("digraph \"HumanHeartDipole\" {"))
        #expect(dot.output.components(separatedBy: " -> ").count - 1 == 144)
        let summary = try CLI.run(["graph", "Encoder"])
        #expect(summary.output.hasPrefix("graph Encoder: 16 inputs, 91 vertices (90 eliminable), 1 output, 123 edges"))
    }

    @Test func convertWritesGraphsThatReadBack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccs-convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["convert", "../shared/paper/vertex-game-testvectors.json", "--out", directory.path])
        #expect(result.status == 0, "\(result.error)")
        for name in PaperGraphs.names {
            let written = try String(contentsOf: directory.appendingPathComponent("\(name).json"), encoding: .utf8)
            let shipped = try String(contentsOf: CLI.packageRoot.appendingPathComponent("stdlib/paper/graphs/\(name).json"), encoding: .utf8)
            #expect(written == shipped)
        }
    }
}
