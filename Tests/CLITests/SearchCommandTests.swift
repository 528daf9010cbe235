import CrossCountry
import Foundation
import Testing

/// `ccs search` as a user runs it: proofs, JSON, reproducible seeds, Ctrl-C, bad arguments.
@Suite struct SearchCommandTests {
    @Test func provesPropaneOptimal() throws {
        let result = try CLI.run(["search", "PropaneCombustion", "--seconds", "1"])
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.first == "PropaneCombustion: cost 88, optimal")
        let order = try EliminationGame.parseOrder(String(lines[1].dropFirst("order: ".count)))
        let game = try EliminationGame(try PaperGraphs.load("PropaneCombustion"))
        #expect(try game.cost(of: order).total == 88)
    }

    @Test func jsonIsReproducibleWithSeedAndRounds() throws {
        let arguments = ["search", "Perceptron", "--method", "annealing", "--rounds", "1", "--seed", "5", "--json"]
        let first = try JSONParser.parse(try CLI.run(arguments).output)
        let second = try JSONParser.parse(try CLI.run(arguments).output)
        #expect(first["order"] == second["order"])
        #expect(first["rounds"]?.intValue == 1)
        let cost = try #require(first["cost"]?.intValue)
        let bound = try #require(first["lower_bound"]?.intValue)
        #expect(bound <= cost && cost <= 392)
        #expect(first["optimal"] == .bool(false))
        let order = try #require(first["order"]?.arrayValue).compactMap(\.intValue)
        #expect(try EliminationGame(try PaperGraphs.load("Perceptron")).cost(of: order).total == Double(cost))
    }

    @Test func aNegativeSeedIsASeedLikeAnyOther() throws {
        let arguments = ["search", "Perceptron", "--method", "annealing", "--rounds", "1", "--seed", "-5", "--json"]
        let run = try CLI.run(arguments)
        #expect(run.status == 0, "\(run.error)")
        let first = try JSONParser.parse(run.output), second = try JSONParser.parse(try CLI.run(arguments).output)
        #expect(first["seed"]?.intValue == -5)
        #expect(first["order"] == second["order"])
        let order = try #require(first["order"]?.arrayValue).compactMap(\.intValue)
        #expect(try EliminationGame(try PaperGraphs.load("Perceptron")).cost(of: order).total == first["cost"]?.intValue.map(Double.init))
    }

    @Test func ctrlCPrintsTheBestOrderSoFar() throws {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["search", "RoeFlux_3d", "--seconds", "120", "--json"]
        process.currentDirectoryURL = CLI.packageRoot
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        process.interrupt()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let json = try JSONParser.parse(String(decoding: data, as: UTF8.self))
        #expect(json["interrupted"] == .bool(true))
        let elapsed = try #require(json["elapsed"].flatMap { if case let .number(x) = $0 { x } else { nil } })
        #expect(elapsed < 60)
        let order = try #require(json["order"]?.arrayValue).compactMap(\.intValue)
        let game = try EliminationGame(try PaperGraphs.load("RoeFlux_3d"))
        #expect(try game.cost(of: order).total == json["cost"]?.intValue.map(Double.init))
    }

    @Test func badArguments() throws {
        let method = try CLI.run(["search", "g", "--method", "magic"])
        #expect(method.status != 0)
        #expect(method.error.contains("unknown method 'magic'; methods: auto, heuristics, beam, annealing, exact"))
        let graph = try CLI.run(["search", "nosuchgraph"])
        #expect(graph.status == 1)
        #expect(graph.error == "nosuchgraph: error: no such file, and no paper graph of that name\n")
    }

    /// Given with --rounds, --seconds still limits the search; an exact search once checked its
    /// deadline only on every 16th expansion and overran 0.2 s by seconds.
    @Test func secondsLimitRoundsToo() throws {
        let result = try CLI.run(["search", "RoeFlux_1d", "--method", "exact", "--rounds", "5", "--seconds", "0.2", "--json"])
        #expect(result.status == 0, "\(result.error)")
        let json = try JSONParser.parse(result.output)
        let elapsed = try #require(json["elapsed"].flatMap { if case let .number(x) = $0 { x } else { nil } })
        #expect(elapsed < 3, "asked for 0.2 s")
        #expect(json["optimal"] == .bool(false))
    }

    @Test func costAcceptsEveryHeuristic() throws {
        #expect(try CLI.run(["cost", "Perceptron", "--order", "lowest-cost"]).output == "494\n")
        #expect(try CLI.run(["cost", "Encoder", "--order", "markowitz", "--ties", "highest"]).output == "37828\n")
        let bad = try CLI.run(["cost", "Encoder", "--order", "markowitz", "--ties", "middle"])
        #expect(bad.status == 1)
        #expect(bad.error == "ccs: error: unknown tie-break 'middle'; use lowest or highest\n")
    }
}
