/// What a fuzz run feeds its inputs to: the language (parser and evaluator), the graph loader (and
/// the game, search and a policy on what it loads), or the policy loader (and the policy on a graph).
enum FuzzTarget: String, CaseIterable {
    case script, graph, policy

    /// Runs one input. It returns whatever the input is; a crash, a trap or a hang is the finding.
    func run(_ bytes: [UInt8]) {
        switch self {
        case .script: ScriptHarness.run(bytes)
        case .graph: GraphHarness.run(bytes)
        case .policy: PolicyHarness.run(bytes)
        }
    }

    /// Tokens libFuzzer splices into inputs (its `-dict` file), one quoted string each.
    var dictionary: [String] {
        switch self {
        case .script: return ScriptHarness.dictionary
        case .graph: return GraphHarness.dictionary
        case .policy: return PolicyHarness.dictionary
        }
    }

    /// Seed inputs made by ccs itself, besides the files of stdlib/ that scripts/fuzz copies.
    var seeds: [(name: String, bytes: [UInt8])] {
        switch self {
        case .script: return ScriptHarness.seeds
        case .graph: return GraphHarness.seeds
        case .policy: return PolicyHarness.seeds
        }
    }

    /// The largest input libFuzzer makes (its `-max_len`): room for the seeds, not much more.
    var maximumLength: Int {
        switch self {
        case .script: return 16_384
        case .graph: return 100_000
        case .policy: return 300_000
        }
    }
}

/// A dictionary entry: the token quoted and escaped as libFuzzer reads it.
func dictionaryEntry(_ token: String) -> String {
    var out = "\""
    for byte in token.utf8 {
        switch byte {
        case UInt8(ascii: "\""): out += "\\\""
        case UInt8(ascii: "\\"): out += "\\\\"
        case 0x20..<0x7F: out.append(Character(UnicodeScalar(byte)))
        default: out += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }
    }
    return out + "\""
}
