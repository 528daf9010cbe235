import Agent
import CrossCountry

/// Policy files under fuzzing: an input is the bytes of a policy file. One that loads must write
/// back to bytes that load as the same policy, and is applied greedily to a paper graph.
enum PolicyHarness {
    static func run(_ bytes: [UInt8]) {
        guard let policy = try? Policy.decode(bytes, path: "fuzz.policy") else { return }
        _ = policy.description
        let written = policy.fileBytes
        guard let again = try? Policy.decode(written, path: "again.policy"), again.fileBytes == written else {
            preconditionFailure("a policy does not read back as written")
        }
        if let graph { _ = try? policy.order(for: graph) }
    }

    static let graph: ComputationalGraph? = try? PaperGraphs.load("PropaneCombustion")

    static var dictionary: [String] {
        let tokens = ["ccs-policy\n", "{", "}", "[", "]", ",", ":", "\"", "\n", "null", "0", "1", "2", "3", "-1", "1024",
                      "1025", "1e999", "\"format\"", "\"version\"", "\"features\"", "\"set\"", "\"count\"",
                      "\"architecture\"", "\"width\"", "\"layers\"", "\"heads\"", "\"feed_forward\"", "\"head_hidden\"",
                      "\"value_transform\"", "\"symlog\"", "\"training\"", "\"algorithm\"", "\"graphs\"", "\"games\"",
                      "\"seconds\"", "\"seed\"", "\"sessions\"", "\"best\"", "\"graph\"", "\"cost\"", "\"baseline\"",
                      "\"found_after_games\"", "\"order\"", "\"weights\"", "\"members\"", "\"encoding\"",
                      "\"float32-le\"", "\"checksum\"", "\"fnv1a64:\""]
        return tokens.map(dictionaryEntry)
    }

    /// Small policies — one network and an ensemble of two — whose files mutate quickly.
    static var seeds: [(name: String, bytes: [UInt8])] {
        var settings = TrainingSettings()
        settings.width = 8
        settings.layers = 1
        settings.heads = 2
        settings.feedForward = 8
        settings.headHidden = 4
        let one = Policy.untrained(settings: settings, seed: 1)
        guard let two = try? Policy.ensemble([one, Policy.untrained(settings: settings, seed: 2)]) else { return [] }
        return [("small.policy", one.fileBytes), ("small-ensemble.policy", two.fileBytes)]
    }
}
