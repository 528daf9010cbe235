/// The REPL's colours: ANSI escapes on a terminal, none when `NO_COLOR` is set, `TERM` is `dumb`,
/// or the output is not a terminal.
public struct Style: Sendable {
    public let colours: Bool

    public init(colours: Bool) { self.colours = colours }

    /// The style for an output: colours only on a terminal, and only when the environment allows.
    public static func detect(isTerminal: Bool, environment: [String: String]) -> Style {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return Style(colours: isTerminal && !noColor && environment["TERM"] != "dumb")
    }

    private func paint(_ text: String, _ code: String) -> String { colours ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    // Prompts end in a plain space: libedit drops a colour sequence at the very end of a prompt.

    /// `In [n]: `
    func inPrompt(_ number: Int) -> String { paint("In [", "32") + paint("\(number)", "1;32") + paint("]:", "32") + " " }

    /// `   ...: `, as wide as the `In [n]: ` prompt before it.
    func continuationPrompt(_ number: Int) -> String {
        let width = "In [\(number)]: ".count
        return String(repeating: " ", count: width - 5) + paint("...:", "32") + " "
    }

    /// `Out[n]: `
    func outPrefix(_ number: Int) -> String { paint("Out[", "31") + paint("\(number)", "1;31") + paint("]:", "31") + " " }

    /// A diagnostic: its first line in red.
    func error(_ text: String) -> String {
        guard colours else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[0] = paint(lines[0], "1;31")
        return lines.joined(separator: "\n")
    }

    /// Secondary text: timings, notes, the banner.
    func note(_ text: String) -> String { paint(text, "2") }

    /// A heading in `:help`.
    func heading(_ text: String) -> String { paint(text, "1") }
}
