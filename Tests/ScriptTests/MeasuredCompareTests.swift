import CrossCountry
import Foundation
import Testing
@testable import Script

/// `compare(…, measure: true)` puts each order's compiled Jacobian time beside the models'
/// predictions, and says what it cannot measure.
@Suite struct MeasuredCompareTests {
    @Test func measuredTimesStandBesideThePredictions() throws {
        var notes: [String] = []
        let session = Session(write: { _ in })
        session.note = { notes.append($0) }
        let result = session.run("""
            let g = graph(fn(x, y) = (x * y - x, sin(x) * y * exp(x)), 1, 2)
            compare(g, [forward, reverse], model: [code, runtime], measure: true)
            """, name: "t")
        guard case let .table(table)? = result.values.last else { Issue.record("\(String(describing: result.error))"); return }
        guard (try? NativeToolchain.fromEnvironment()) != nil else {
            #expect(table.header == ["order", "code", "runtime"])
            return
        }
        #expect(table.header == ["order", "code", "runtime", "measured µs"])
        for row in table.rows {
            guard case let .number(predicted) = row[2], case let .number(measured) = row[3] else { Issue.record("\(row)"); continue }
            #expect(predicted > 0 && measured > 0 && measured.isFinite, "\(row)")
        }
        #expect(notes.contains { $0.hasPrefix("compare: measured µs per point") && $0.contains("runtime predicts the elimination's ns") }, "\(notes)")
    }

    @Test func aLoadedGraphHasNothingToMeasure() {
        let session = Session(write: { _ in })
        let measured = session.run("compare(load_graph(\"RoeFlux_1d\"), [forward], measure: true)", name: "t")
        #expect(measured.error?.description.contains("measure: times the Jacobian of a traced graph") == true, "\(String(describing: measured.error))")
        let runtime = session.run("cost(load_graph(\"RoeFlux_1d\"), forward, model: runtime)", name: "t")
        #expect(runtime.error?.description.contains("the runtime model needs a traced graph") == true, "\(String(describing: runtime.error))")
    }
}
