import CrossCountry
import Foundation
import Script

/// The language under fuzzing: an input is a `.ccs` source run in a fresh session that writes no
/// files, as `ccs run` would — parsed, names resolved, evaluated, every value shown and every error
/// rendered — and asked, as the REPL asks, whether it is complete. Work the stop flag can end is cut
/// after a second, so that a slow but legitimate input is not taken for a hang.
enum ScriptHarness {
    static let timeLimit = 1.0

    static func run(_ bytes: [UInt8]) {
        let source = String(decoding: bytes, as: UTF8.self)
        _ = Session.isIncomplete(source)
        let session = Session(write: { _ in })
        session.allowsFileWrites = false
        session.show = { value in _ = Display.text(value) }
        let deadline = DispatchWorkItem { [stop = session.stop] in stop.raise() }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit, execute: deadline)
        let result = session.run(source, name: "fuzz.ccs")
        deadline.cancel()
        if let error = result.error { _ = error.description }
        session.reset()
    }

    /// Keywords, operators, builtins and literals worth splicing.
    static var dictionary: [String] {
        let symbols = ["(", ")", "[", "]", "{", "}", ",", ":", ";", "=", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*",
                       "/", "^", "@", "..", ".", "\n", "#", "\"", "_"]
        let literals = ["0", "1", "-1", "2.5", "1e300", "-1e300", "1e18", "9223372036854775807", "-9223372036854775809",
                        "1099511627776", "0..3", "[1, 2]", "[[1, 2], [3, 4]]", "(1, 2)", "()", "\"RoeFlux_1d\"",
                        "\"PropaneCombustion\"", "\"paper-joint\"", "fn(x) = x", "fn f(x) = ", "let x = ", "for i in ",
                        "if true { 1 } else { 2 }", "seconds: ", "rounds: ", "games: ", "minutes: ", "search: ",
                        "seed: ", "axis: ", "order: ", "model: ", "step: "]
        let names = Session.builtins.map(\.name) + Session.keywords
        return (symbols + literals + names).map(dictionaryEntry)
    }

    /// The prelude, which is written in the language but is no file of stdlib/.
    static var seeds: [(name: String, bytes: [UInt8])] { [("prelude.ccs", Array(Session.preludeSource.utf8))] }
}
