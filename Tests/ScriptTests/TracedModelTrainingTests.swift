import CrossCountry
import Testing
@testable import Script

/// Models that read the traced partials (`exact`, `code`, `runtime`) train the agent on traced
/// graphs, and the policy plays under its model again.
@Suite struct TracedModelTrainingTests {
    @Test func aPolicyTrainedUnderCodeAppliesUnderCode() throws {
        let session = Session(write: { _ in })
        let result = session.run("""
            let f = graph(fn(x, y) = sin(x * y) * x + cos(y) * y * x, 1, 2)
            let p = train(f, games: 4, seed: 1, model: code)
            (cost(f, p, model: code), cost(f, order(p, f), model: code))
            """, name: "t")
        guard case let .tuple(values)? = result.values.last, values.count == 2 else { Issue.record("\(String(describing: result.error))"); return }
        guard case let .policy(policy)? = session.value(of: "p") else { Issue.record("no policy"); return }
        #expect(policy.record.model == "code")
        guard case let .number(applied) = values[0], case let .number(again) = values[1] else { Issue.record("\(values)"); return }
        #expect(applied > 0 && applied == again)
        let loaded = session.run("train(load_graph(\"RoeFlux_1d\"), games: 2, model: code)", name: "t")
        #expect(loaded.error?.description.contains("needs a traced graph") == true, "\(String(describing: loaded.error))")
    }
}
