import Agent
import CrossCountry
import Foundation
import Testing

/// The policy shipped in `stdlib/policies/`: it loads by name, plays a complete valid order on every
/// published graph, and the tables of docs/agent.md and the README state what its file records.
@Suite struct ShippedPolicyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The rows of the Markdown table in `file` whose header starts with `header`, by their first cell.
    static func table(in file: String, header: String) throws -> [String: [String]] {
        let text = try String(contentsOfFile: root.appendingPathComponent(file).path, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix(header) }, "\(file) has no table '\(header)'")
        var rows: [String: [String]] = [:]
        for line in lines[(start + 2)...] {
            guard line.hasPrefix("|") else { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            rows[cells[0]] = cells
        }
        return rows
    }

    /// docs/agent.md's table row per task: (best found in training, greedy policy).
    static func agentTable() throws -> [String: (best: Int?, greedy: Int?)] {
        try table(in: "docs/agent.md", header: "| task | best baseline | best found in training | greedy policy |")
            .mapValues { (Int($0[2]), Int($0[3])) }
    }

    /// The README's summary: the greedy policy's cost per task.
    static func readmeGreedyColumn() throws -> [String: Int?] {
        try table(in: "README.md", header: "| task | best baseline | AlphaGrad best published | ccs search (10 s) | shipped policy (greedy) |")
            .mapValues { Int($0[4]) }
    }

    /// Greedy play gives a complete valid order on every published graph, at the cost the docs list.
    @Test func loadsByNameAndPlaysTheListedOrdersOnEveryPaperGraph() throws {
        #expect(ShippedPolicies.names().contains("paper-joint"))
        let policy = try Policy.resolve("paper-joint")
        #expect(Set(policy.record.graphs) == Set(PaperGraphs.names))
        let listed = try Self.agentTable(), summary = try Self.readmeGreedyColumn()
        #expect(summary.count == PaperGraphs.names.count)
        for graph in try PaperGraphs.all() {
            let game = try EliminationGame(graph)
            let greedy = try policy.order(for: graph)
            #expect(greedy.sorted() == game.eliminable, "\(graph.name)")
            let cost = try game.cost(of: greedy).total
            #expect(cost == listed[graph.name]?.greedy.map(Double.init), "\(graph.name)")
            #expect(cost == (summary[graph.name] ?? nil).map(Double.init), "README: \(graph.name)")
        }
    }

    /// docs/agent.md's table row per task carries the cheapest order the policy recorded in training.
    @Test func theDocsListTheRecordedCosts() throws {
        let policy = try Policy.resolve("paper-joint")
        let listed = try Self.agentTable()
        #expect(listed.count == PaperGraphs.names.count)
        for best in policy.record.best {
            #expect(listed[best.graph]?.best.map(Double.init) == best.cost, "\(best.graph)")
        }
    }

    @Test func anUnknownNameListsTheShippedPolicies() {
        #expect(throws: PolicyError.unreadable(path: "paper-jiont", reason: "no such file; shipped policies: paper-joint")) {
            try Policy.resolve("paper-jiont")
        }
    }
}
