import Foundation
import Testing
@testable import Script

/// The task scripts and the paper table are notebooks: their recorded outputs (graph summaries,
/// costs, Jacobians, the table the README shows) must still be what they print.
@Suite struct StdlibNotebookTests {
    static let notebooks = ["paper.ccs"] + PaperTask.all.map { "tasks/\($0.file).ccs" }.reduce(into: [String]()) {
        if !$0.contains($1) { $0.append($1) }
    }

    @Test(arguments: notebooks)
    func recordedOutputsStillHold(_ file: String) throws {
        let path = PaperTask.root.appendingPathComponent("stdlib/\(file)").path
        let report = NotebookCheck.check(source: try String(contentsOfFile: path, encoding: .utf8), name: path)
        #expect(report.compileError == nil)
        #expect(report.cells > 0)
        for difference in report.differences { Issue.record("\(NotebookCheck.render(difference, path: file))") }
    }

    @Test func thePaperTableChecksEveryTaskAgainstFiniteDifferences() throws {
        let path = PaperTask.root.appendingPathComponent("stdlib/paper.ccs").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("#> ") && !$0.hasPrefix("#> task") }
        #expect(rows.count == PaperTask.all.count)
        #expect(rows.allSatisfy { $0.contains(" ok ") && !$0.contains("FAILS") })
        #expect(rows.filter { $0.contains(" yes ") }.count == PublishedGraphTests.identical.count)
    }
}
