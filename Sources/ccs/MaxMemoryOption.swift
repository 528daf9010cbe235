import ArgumentParser
import CrossCountry

/// `--max-memory`: the most a search, a policy-guided search, a training run or an export may hold; past it
/// the work is refused with a message before it grows.
struct MaxMemoryOption: ParsableArguments {
    @Option(name: .customLong("max-memory"), help: "The most memory it may hold: bytes, or with K, M or G (default 4G).")
    var text = "4G"

    /// The limit in bytes (the default when the text does not parse, which `validate` rules out).
    var bytes: Int { MemorySize.parse(text) ?? SearchOptions.defaultMaxMemory }

    func validate() throws {
        guard MemorySize.parse(text) != nil else {
            throw ValidationError("--max-memory must be a positive size such as 4G, 512M or 100000000, got '\(text)'")
        }
    }
}

/// A memory size on the command line: `4G`, `512M`, `64K` or plain bytes.
enum MemorySize {
    static func parse(_ text: String) -> Int? {
        let units: [Character: Double] = ["K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12]
        var digits = text.uppercased()
        var scale = 1.0
        if digits.hasSuffix("B") { digits.removeLast() }
        if let unit = digits.last, let factor = units[unit] {
            scale = factor
            digits.removeLast()
        }
        guard let value = Double(digits), value.isFinite, value > 0, value * scale < 1e15 else { return nil }
        return Int(value * scale)
    }
}
