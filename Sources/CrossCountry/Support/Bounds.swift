/// Checks of user-given numbers where they enter ccs — a command-line option, a builtin's argument,
/// a file's field: finite, whole where a count is meant, inside a documented range, and products of
/// sizes computed with overflow-reporting arithmetic. Past these checks no conversion (`Int(x)`,
/// `Duration.seconds(x)`) and no product of sizes can trap, and the message names the argument and
/// what it allows.
public enum Bounds {
    /// A number outside what its argument allows; the description is the whole message.
    public struct Violation: Error, Equatable, Sendable, CustomStringConvertible {
        public let description: String

        public init(_ description: String) { self.description = description }
    }

    /// The longest time budget (a search's seconds, a training run's minutes): 30 days.
    public static let longestSeconds = 2_592_000.0
    /// Games of a training run, rounds of a search, random programs and teacher rounds per iteration.
    public static let repetitions = 1...1_000_000_000

    /// A finite number in `range` (above its lower end when `excludingLower`); `unit` follows the
    /// numbers in the message ("seconds").
    public static func real(_ x: Double, _ name: String, in range: ClosedRange<Double>, excludingLower: Bool = false,
                            unit: String = "") throws(Violation) -> Double {
        let low = excludingLower ? x > range.lowerBound : x >= range.lowerBound
        guard x.isFinite, low, x <= range.upperBound else {
            let suffix = unit.isEmpty ? "" : " " + unit
            let from = excludingLower ? "more than \(text(range.lowerBound)) and at most" : "from \(text(range.lowerBound)) to"
            throw Violation("\(name) must be a number \(from) \(text(range.upperBound))\(suffix), got \(text(x))")
        }
        return x
    }

    /// A time budget in seconds (or minutes, `secondsPerUnit` 60): positive (or zero when
    /// `allowsZero`) and at most `longestSeconds`.
    public static func duration(_ x: Double, _ name: String, secondsPerUnit: Double = 1, unit: String = "seconds",
                                allowsZero: Bool = false) throws(Violation) -> Double {
        try real(x, name, in: 0...(longestSeconds / secondsPerUnit), excludingLower: !allowsZero, unit: unit + " (30 days)")
    }

    /// A whole number in `range`, from a `.ccs` number or a JSON number (a Double), converted
    /// without trapping.
    public static func whole(_ x: Double, _ name: String, in range: ClosedRange<Int>) throws(Violation) -> Int {
        guard let n = Int(exactly: x), range.contains(n) else { throw outside(name, range, got: text(x)) }
        return n
    }

    /// A whole number in `range`.
    public static func whole(_ n: Int, _ name: String, in range: ClosedRange<Int>) throws(Violation) -> Int {
        guard range.contains(n) else { throw outside(name, range, got: "\(n)") }
        return n
    }

    /// The product of positive sizes, or a violation saying what it measures when it passes
    /// `limit` ("a (3,4) tensor would hold 12 elements; ccs holds at most 10 in one value") —
    /// found without overflowing, however large the factors.
    public static func product<S: Sequence<Int>>(_ factors: S, of what: String, unit: String = "elements", atMost limit: Int,
                                                 where place: String = "") throws(Violation) -> Int {
        let total = checkedProduct(factors)
        guard let total, total <= limit else {
            let count = total.map(grouped) ?? "more than \(grouped(Int.max))"
            throw Violation("\(what) would hold \(count) \(unit); ccs holds at most \(grouped(limit))\(place.isEmpty ? "" : " " + place)")
        }
        return total
    }

    /// The product of non-negative factors, or nil when it overflows `Int`.
    public static func checkedProduct<S: Sequence<Int>>(_ factors: S) -> Int? {
        var total = 1
        for factor in factors {
            let (next, overflow) = total.multipliedReportingOverflow(by: factor)
            if overflow { return nil }
            total = next
        }
        return total
    }

    /// A sum of non-negative terms, or nil when it overflows `Int`.
    public static func checkedSum<S: Sequence<Int>>(_ terms: S) -> Int? {
        var total = 0
        for term in terms {
            let (next, overflow) = total.addingReportingOverflow(term)
            if overflow { return nil }
            total = next
        }
        return total
    }

    private static func outside(_ name: String, _ range: ClosedRange<Int>, got: String) -> Violation {
        Violation("\(name) must be a whole number from \(grouped(range.lowerBound)) to \(grouped(range.upperBound)), got \(got)")
    }

    /// A number as a user would type it back: whole numbers without a fraction.
    static func text(_ x: Double) -> String { Tensor.format(x) }

    /// 1000000 as "1,000,000", so that a limit reads at a glance.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }
}
