import CrossCountry
@testable import Script

/// Runs source in a fresh session and returns what a user would see: shown values and printed
/// text, one string, and the error if the run stopped.
func run(_ source: String, name: String = "t.ccs") -> (output: String, error: ScriptError?) {
    var output = ""
    let session = Session(write: { output += $0 })
    session.show = { output += Display.text($0) + "\n" }
    let result = session.run(source, name: name)
    return (output, result.error)
}

/// The shown output of a source that must run without error.
func output(_ source: String) -> String {
    let (text, error) = run(source)
    if let error { return "unexpected error: \(error)" }
    return text.hasSuffix("\n") ? String(text.dropLast()) : text
}

/// The first diagnostic of a source that must fail, as `line:col: message`.
func firstError(_ source: String) -> String? {
    guard let error = run(source).error, let first = error.diagnostics.first else { return nil }
    guard let range = first.range else { return first.message }
    return "\(range.line):\(range.column): \(first.message)"
}
