import Agent
import ArgumentParser

/// `ccs ensemble`: joins trained policies into one that decides by their vote.
struct EnsembleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ensemble",
        abstract: "Join policies into one ensemble policy whose networks vote on every move.",
        discussion: """
            The members must share an architecture (policies from ccs train with the same settings, \
            e.g. different seeds). At each move the ensemble takes the vertex with the highest mean \
            log-probability over its networks, greedily or inside policy-guided search; its training \
            record keeps, per graph, the cheapest order any member found.
            """
    )

    @Argument(help: "Policy files or shipped policy names (an ensemble's networks join singly).")
    var policies: [String]

    @Option(help: "Where to save the ensemble.")
    var out: String

    func run() throws {
        let joined: Policy
        do {
            joined = try Policy.ensemble(policies.map { try Policy.resolve($0) })
            try joined.save(to: out)
        } catch {
            throw fail(error)
        }
        print("saved \(out): \(joined)")
    }
}
