import Agent
import CrossCountry
import Foundation
import Testing

/// `--model NAME|FILE.ccs:FUNCTION` on `ccs cost`, `search`, `train` and `order`: the model's
/// costs are checked against the same formula written in Swift over the engine's live edges.
@Suite struct ModelOptionTests {
    /// A directory holding `m.ccs` (edges in times edges out) and `impure.ccs` (a model that prints).
    static func directory() throws -> String {
        let path = NSTemporaryDirectory() + "ccs-model-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try "fn m(ins, outs) = len(ins) * len(outs)\n".write(toFile: path + "/m.ccs", atomically: true, encoding: .utf8)
        try "fn noisy(ins, outs) {\n  print(len(ins))\n  1\n}\n".write(toFile: path + "/impure.ccs", atomically: true, encoding: .utf8)
        return path
    }

    /// The model of `m.ccs`, written in Swift: the independent oracle.
    static let products = CostModel.function("m", EdgeCostFunction { Double($0.inCount * $0.outCount) })

    static func json(_ result: CLI.Result) throws -> JSONValue {
        #expect(result.status == 0, "\(result.error)")
        return try JSONParser.parse(result.output)
    }

    @Test func costAndSearchPriceOrdersUnderAFileModel() throws {
        let dir = try Self.directory()
        // Perceptron has tensor edges, where counting edges differs from the paper's count.
        let game = try EliminationGame(try PaperGraphs.load("Perceptron"), model: Self.products)
        let cost = try Self.json(try CLI.run(["cost", "Perceptron", "--order", "reverse", "--model", dir + "/m.ccs:m", "--json"]))
        #expect(cost["model"] == .string("m"))
        #expect(cost["cost"] == .number(try game.cost(of: game.reverseOrder).total))

        let result = try CLI.run(["search", "Perceptron", "--rounds", "1", "--seconds", "20", "--model", dir + "/m.ccs:m", "--json"])
        let searched = try Self.json(result)
        #expect(result.error.contains("note: no lower bound for this model"))
        #expect(searched["lower_bound"] == .null)
        let order = try #require(searched["order"]?.arrayValue).compactMap(\.intValue)
        let found = try game.cost(of: order).total
        #expect(searched["cost"] == .number(found))
        let greedy = try game.cost(of: game.order(.lowestCost)).total
        #expect(found <= min(greedy, try game.cost(of: game.forwardOrder).total, try game.cost(of: game.reverseOrder).total))
    }

    @Test func aPolicyTrainedUnderAFileModelRecordsItAndAppliesWithIt() throws {
        let dir = try Self.directory()
        let model = dir + "/m.ccs:m"
        let trained = try CLI.run(["train", "RoeFlux_1d", "--games", "2", "--simulations", "2", "--out", dir + "/p.policy", "--model", model])
        #expect(trained.status == 0, "\(trained.error)")
        let policy = try Policy.load(from: dir + "/p.policy")
        #expect(policy.record.model == "m" && policy.costModel == nil)
        let without = try CLI.run(["order", dir + "/p.policy", "RoeFlux_1d"])
        #expect(without.status == 1)
        #expect(without.error == "ccs: error: \(dir)/p.policy was trained under the cost model 'm'; give it with --model FILE.ccs:m\n")
        let applied = try Self.json(try CLI.run(["order", dir + "/p.policy", "RoeFlux_1d", "--model", model, "--json"]))
        let order = try #require(applied["order"]?.arrayValue).compactMap(\.intValue)
        let game = try EliminationGame(try PaperGraphs.load("RoeFlux_1d"), model: Self.products)
        #expect(applied["cost"] == .number(try game.cost(of: order).total))
    }

    @Test func badModelsGetClearErrors() throws {
        let dir = try Self.directory()
        let unknown = try CLI.run(["cost", "RoeFlux_1d", "--model", "speed"])
        #expect(unknown.status == 1)
        #expect(unknown.error == "ccs: error: unknown cost model 'speed'; use paper, exact, code, runtime, memory or FILE.ccs:FUNCTION\n")
        let missing = try CLI.run(["cost", "RoeFlux_1d", "--model", dir + "/m.ccs:n"])
        #expect(missing.error == "ccs: error: \(dir)/m.ccs defines no 'n'; a cost model is a function of (ins, outs) or (v, ins, outs)\n")
        let impure = try CLI.run(["search", "RoeFlux_1d", "--model", dir + "/impure.ccs:noisy"])
        #expect(impure.status == 1)
        #expect(impure.error.hasPrefix("\(dir)/impure.ccs:2:3: error: the cost model 'noisy' calls 'print'"))
        let exact = try CLI.run(["cost", "RoeFlux_1d", "--model", "exact"])
        #expect(exact.status == 1)
        #expect(exact.error.contains("the exact cost model needs a traced graph"))
    }
}
