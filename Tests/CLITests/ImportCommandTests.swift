import CrossCountry
import Foundation
import Testing

/// `ccs import` and `--for graphax`.
@Suite struct ImportCommandTests {
    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ccs-import-\(getpid())-\(name)").path
    }

    @Test func importWritesAGraphTheOtherCommandsRead() throws {
        let out = Self.temporary("roe.json")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLI.run(["import", "Tests/Fixtures/jaxpr/RoeFlux_1d.jaxpr", "--out", out])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("graph RoeFlux_1d: 6 inputs, 101 vertices (98 eliminable), 3 outputs, 177 edges"))
        #expect(result.output.contains("costs:  forward 620, reverse 364, markowitz 407"))
        #expect(try CLI.run(["cost", out, "--order", "reverse"]).output == "364\n")
    }

    @Test func aPointGivesTheJacobian() throws {
        let result = try CLI.run(["import", "Tests/Fixtures/jaxpr/RoeFlux_1d.jaxpr", "--point", "0.01,0.02,0.02,0.01,0.03,0.03"])
        #expect(result.status == 0, "\(result.error)")
        // The first row of RoeFlux_1d's Jacobian there, as stdlib/examples/flux.ccs shows it.
        #expect(result.output.contains("-1.2422  2.2526  -0.618718  0.269932  -0.28033  0.0883883"))
        let short = try CLI.run(["import", "Tests/Fixtures/jaxpr/RoeFlux_1d.jaxpr", "--point", "1,2"])
        #expect(short.status != 0 && short.error.contains("--point gives 2 numbers"))
    }

    @Test func errorsAreLocatedInTheFile() throws {
        let path = Self.temporary("bad.jaxpr")
        try "{ lambda ; a:f32[]. let\n    b:f32[] = cumsum a\n  in (b,) }\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["import", path])
        #expect(result.status != 0)
        #expect(result.error.hasPrefix("\(path):2:15: error: unsupported primitive 'cumsum'"))
    }

    /// Vertices inlined from one jit call share its equation number, which graphax eliminates once;
    /// equations after it keep their own numbers.
    @Test func ordersPrintInGraphaxNumbering() throws {
        let path = Self.temporary("calls.jaxpr"), out = Self.temporary("calls.json")
        try """
            { lambda ; a:f32[]. let
                b:f32[] = jit[name=g jaxpr={ lambda ; c:f32[]. let d:f32[] = sin c; e:f32[] = cos d in (e,) }] a
                f:f32[] = exp b
                g:f32[] = mul f a
              in (g,) }
            """.replacingOccurrences(of: "; e:", with: "\n e:").write(toFile: path, atomically: true, encoding: .utf8)
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: out)
        }
        #expect(try CLI.run(["import", path, "--out", out]).status == 0)
        let ccs = try CLI.run(["search", out, "--rounds", "1", "--json"])
        let graphax = try CLI.run(["search", out, "--rounds", "1", "--json", "--for", "graphax"])
        let ccsOrder = try JSONParser.parse(ccs.output)["order"]?.arrayValue?.compactMap(\.intValue) ?? []
        let graphaxOrder = try JSONParser.parse(graphax.output)["order"]?.arrayValue?.compactMap(\.intValue) ?? []
        // ccs's vertices sin, cos, exp (1–3) are equations 1, 1, 2 of the jaxpr.
        #expect(Set(ccsOrder) == [1, 2, 3])
        let equation = [1: 1, 2: 1, 3: 2]
        var expected: [Int] = []
        for v in ccsOrder where !expected.contains(equation[v]!) { expected.append(equation[v]!) }
        #expect(graphaxOrder == expected)
        let text = try CLI.run(["search", out, "--rounds", "1", "--for", "graphax"]).output
        #expect(text.contains("order: [" + expected.map(String.init).joined(separator: ", ") + "]"))
    }
}
