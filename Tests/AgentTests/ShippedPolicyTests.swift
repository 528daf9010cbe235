import Agent
import CrossCountry
import Foundation
import Testing

/// The policy shipped in `stdlib/policies/`: it loads by name, plays a complete valid order on every
/// published graph, and the README's table states what its file records.
@Suite struct ShippedPolicyTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md").path

    /// The README's table row per task: (best found in training, greedy policy).
    static func readmeTable() throws -> [String: (best: Int?, greedy: Int?)] {
        let text = try String(contentsOfFile: readme, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("| task | best baseline | best found in training | greedy policy |") })
        var listed: [String: (best: Int?, greedy: Int?)] = [:]
        for line in lines[(header + 2)...] {
            guard line.hasPrefix("|") else { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            listed[cells[0]] = (Int(cells[2]), Int(cells[3]))
        }
        return listed
    }

    /// Greedy play gives a complete valid order on every published graph, at the cost the README lists.
    @Test func loadsByNameAndPlaysTheListedOrdersOnEveryPaperGraph() throws {
        #expect(ShippedPolicies.names().contains("paper-joint"))
        let policy = try Policy.resolve("paper-joint")
        #expect(Set(policy.record.graphs) == Set(PaperGraphs.names))
        let listed = try Self.readmeTable()
        for graph in try PaperGraphs.all() {
            let game = try EliminationGame(graph)
            let greedy = try policy.order(for: graph)
            #expect(greedy.sorted() == game.eliminable, "\(graph.name)")
            #expect(try game.cost(of: greedy).total == listed[graph.name]?.greedy, "\(graph.name)")
        }
    }

    /// The README's table row per task carries the cheapest order the policy recorded in training.
    @Test func readmeListsTheRecordedCosts() throws {
        let policy = try Policy.resolve("paper-joint")
        let listed = try Self.readmeTable()
        #expect(listed.count == PaperGraphs.names.count)
        for best in policy.record.best {
            #expect(listed[best.graph]?.best == best.cost, "\(best.graph)")
        }
    }

    @Test func anUnknownNameListsTheShippedPolicies() {
        #expect(throws: PolicyError.unreadable(path: "paper-jiont", reason: "no such file; shipped policies: paper-joint")) {
            try Policy.resolve("paper-jiont")
        }
    }
}
