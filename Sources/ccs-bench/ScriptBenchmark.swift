import CrossCountry
import Foundation
import Script

/// The language's costs on the DESIGN.md example (RoeFlux_1d written in `.ccs`): parsing, tracing,
/// plain evaluation, Jacobians through a cached plan against tracing and compiling on every call,
/// and greedy orders priced by a `.ccs` cost model against the built-in `paper` model.
enum ScriptBenchmark {
    static let point = "0.01, 0.02, 0.02, 0.01, 0.03, 0.03"

    static func run() throws {
        guard let stdlib = PaperGraphs.standardLibrary() else { throw BenchError("cannot find the stdlib folder") }
        let source = try String(contentsOfFile: stdlib + "/examples/flux.ccs", encoding: .utf8)
        let session = Session(write: { _ in })
        try check(session.run(source, name: "flux.ccs"))
        try check(session.run("""
            let Jc = jacobian(flux, order: markowitz)
            fn products(ins, outs) = len(ins) * len(outs)
            """, name: "setup"))

        let repeats = 200
        func perCall(_ cell: String, count: Int = repeats) throws -> Double {
            let loop = "for i in 0..\(count) { \(cell); }"
            let time = Harness.time(repetitions: 5) { _ = session.run(loop, name: "bench") }
            try check(session.run(cell, name: "bench"))
            return time / Double(count)
        }
        let parse = Harness.time(repetitions: 20) { _ = Session.isIncomplete(source) }
        let trace = try perCall("graph(flux, \(point))")
        let evaluate = try perCall("flux(\(point))")
        let cached = try perCall("Jc(\(point))")
        let uncached = try perCall("jacobian(flux, order: markowitz)(\(point))", count: 20)
        let greedyPaper = try perCall("order(greedy(paper), g)", count: 5)
        let greedyUser = try perCall("order(greedy(products), g)", count: 2)

        func µs(_ t: Double) -> String { Harness.format(t * 1e6, digits: 1) }
        let rows: [[String]] = [
            ["parse flux.ccs (60 lines)", µs(parse), ""],
            ["flux(point), evaluated", µs(evaluate), ""],
            ["graph(flux, point), traced (101 vertices)", µs(trace), Harness.format(trace / evaluate, digits: 1) + "× evaluation"],
            ["J(point), plan cached per shapes", µs(cached), ""],
            ["jacobian(flux)(point), traced and compiled", µs(uncached), Harness.format(uncached / cached, digits: 1) + "× cached"],
            ["order(greedy(paper), g)", µs(greedyPaper), ""],
            ["order(greedy(products), g), a .ccs model", µs(greedyUser), Harness.format(greedyUser / greedyPaper, digits: 0) + "× paper"],
        ]
        print(TextTable(header: ["operation (RoeFlux_1d in .ccs)", "µs per call", "ratio"], rows: rows).text)
    }

    private static func check(_ result: Session.CellResult) throws {
        if let error = result.error { throw BenchError(error.description) }
    }
}

/// A benchmark that cannot run.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
