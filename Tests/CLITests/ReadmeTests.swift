import CrossCountry
import Foundation
import Testing

/// The README is the front door: its quick start is a notebook that `ccs check` replays, its summary
/// table states what the shipped graphs record, and it and the pages of docs/ link only to files a
/// checkout has.
@Suite struct ReadmeTests {
    static func text(_ file: String) throws -> String {
        try String(contentsOfFile: CLI.packageRoot.appendingPathComponent(file).path, encoding: .utf8)
    }

    /// The first fenced block after the "## Quick start" heading.
    static func quickStart() throws -> String {
        let lines = try text("README.md").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let heading = try #require(lines.firstIndex(of: "## Quick start"))
        let open = try #require(lines[heading...].firstIndex { $0.hasPrefix("```") })
        let close = try #require(lines[(open + 1)...].firstIndex { $0.hasPrefix("```") })
        return lines[(open + 1)..<close].joined(separator: "\n") + "\n"
    }

    @Test func theQuickStartIsANotebookThatChecks() throws {
        let source = try Self.quickStart()
        let inputs = source.split(separator: "\n").filter { !$0.hasPrefix("#>") }
        #expect(inputs.count <= 15, "the quick start has \(inputs.count) lines of input")
        // From a folder of its own, as a user who copied it would run it.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccs-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("quickstart.ccs").path
        try source.write(toFile: path, atomically: true, encoding: .utf8)
        // The files it writes (export_c's f.c and f.h) go there too, not into the checkout.
        let result = try CLI.run(["check", path], directory: directory)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasSuffix(" cells ok\n"), "\(result.output)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("f.c").path))
    }

    @Test func theReadmeStaysShort() throws {
        let count = try Self.text("README.md").split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(count <= 300, "README.md has \(count) lines; long material belongs in docs/")
    }

    /// Its baseline and AlphaGrad columns are the minimum of the three baselines and the cheapest
    /// published order of each shipped graph.
    @Test func theSummaryTableMatchesTheShippedGraphs() throws {
        let lines = try Self.text("README.md").split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("| task | best baseline | AlphaGrad best published |") })
        var rows: [String: [String]] = [:]
        for line in lines[(header + 2)...] {
            guard line.hasPrefix("|") else { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            rows[cells[0]] = cells
        }
        #expect(rows.count == PaperGraphs.names.count)
        for graph in try PaperGraphs.all() {
            let costs = try BaselineCosts(graph)
            let row = try #require(rows[graph.name])
            #expect(Double(row[1]) == costs.bestBaseline, "\(graph.name)")
            #expect(Double(row[2]) == costs.bestPublished, "\(graph.name)")
        }
    }

    /// Every relative link of README.md and docs/*.md names a file of the checkout, and no page
    /// sends a reader to the design notes or paper facts kept outside it.
    @Test func linksStayInsideTheCheckout() throws {
        let docs = try FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.map { "docs/" + $0 }
        #expect(!docs.isEmpty)
        for page in ["README.md"] + docs {
            let text = try Self.text(page)
            #expect(!text.contains("../shared") && !text.contains("DESIGN.md"), "\(page) refers outside the checkout")
            let folder = (page as NSString).deletingLastPathComponent
            for match in text.matches(of: /\]\(([^)#\s]+)(#[^)]*)?\)/) {
                let target = String(match.output.1)
                guard !target.contains("://") else { continue }
                let path = CLI.packageRoot.appendingPathComponent(folder).appendingPathComponent(target).path
                #expect(FileManager.default.fileExists(atPath: path), "\(page) links to \(target), which the checkout lacks")
            }
        }
    }
}
