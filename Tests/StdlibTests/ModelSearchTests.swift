import CrossCountry
import Testing
@testable import Script

/// On every task of the stdlib, traced, a search under a `.ccs` model and under `exact` returns an
/// order no dearer under that model than the model's own greedy order, forward and reverse.
@Suite struct ModelSearchTests {
    @Test(arguments: PaperTask.all)
    func searchUnderAModelBeatsItsBaselines(task: PaperTask) throws {
        let session = try task.session()
        if let error = session.run("fn m(ins, outs) = len(ins) * len(outs)\nlet g = t.traced", name: "test.ccs").error { throw error }
        for model in ["m", "exact"] {
            let costs = try PaperTask.value(session, """
                let o = search(g, seconds: 2, rounds: 1, model: \(model))
                (cost(g, o, model: \(model)), cost(g, greedy(\(model)), model: \(model)), cost(g, forward, model: \(model)), cost(g, reverse, model: \(model)))
                """)
            guard case let .tuple(items) = costs else { Issue.record("\(task.name): \(Display.inline(costs, quoted: false))"); continue }
            let numbers = items.compactMap { if case let .number(x) = $0 { x } else { nil } }
            #expect(numbers.count == 4)
            #expect(numbers[0] <= numbers.dropFirst().min()!, "\(task.name) under \(model): \(numbers)")
        }
    }
}
