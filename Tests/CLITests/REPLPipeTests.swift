import Foundation
import Testing

/// `ccs` with cells piped into it: no prompts, values as `ccs run` shows them, an exit status.
@Suite struct REPLPipeTests {
    @Test func aPipedCellPrintsItsValueAndExitsZero() throws {
        let result = try CLI.run([], input: "cost(load_graph(\"stdlib/paper/graphs/RoeFlux_1d.json\"), markowitz)\n")
        #expect(result.status == 0)
        #expect(result.output == "407\n")
        #expect(result.error.isEmpty)
    }

    @Test func aFailedCellIsReportedAndTheRestStillRuns() throws {
        let input = "fn twice(x) {\n  2 * x\n}\ntwice(nope)\ntwice(21)\n_ + 1\n"
        let result = try CLI.run([], input: input)
        #expect(result.status == 65, "the first failure, a compile error, decides the status")
        #expect(result.output == "42\n43\n")
        #expect(result.error.hasPrefix("In[2]:1:7: error: unknown name 'nope'"))
        let runtime = try CLI.run([], input: "1 + \"a\"\n1\n")
        #expect(runtime.status == 70)
        #expect(runtime.output == "1\n")
    }
}
