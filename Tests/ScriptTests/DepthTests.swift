@testable import Script
import Testing

/// Every pass over a program — parsing, names, evaluation — and every value is bounded in depth,
/// flat chains included: past a bound, a located error, never a stack overflow.
@Suite struct DepthTests {
    /// Chains of `n` operators of each kind, each a tree n + 1 levels tall.
    static func chains(_ n: Int) -> [(kind: String, source: String, value: String)] {
        [
            ("+", "1" + String(repeating: "+1", count: n), "\(n + 1)"),
            ("*", "2" + String(repeating: "*1", count: n), "2"),
            ("and", "true" + String(repeating: " and true", count: n), "true"),
            ("string +", "\"a\"" + String(repeating: "+\"\"", count: n), "\"a\""),
            ("calls", "fn f() = f\nf" + String(repeating: "()", count: n), "fn f()"),
            ("slices", "let x = [1, 2]\nx" + String(repeating: "[0:1]", count: n), "[1]"),
        ]
    }

    @Test func theTallestTreeRuns() {
        for chain in Self.chains(Parser.maximumHeight - 1) {
            #expect(output(chain.source) == chain.value, "\(chain.kind)")
        }
    }

    @Test func aTallerOneIsALocatedCompileError() {
        for chain in Self.chains(Parser.maximumHeight) + Self.chains(200_000) {
            let (_, error) = run(chain.source)
            #expect(error?.phase == .compile, "\(chain.kind)")
            #expect(error?.message.hasPrefix("the expression is nested too deeply: more than 2000 levels") == true, "\(chain.kind)")
            #expect(error?.diagnostics.first?.range != nil)
        }
    }

    /// Constructs the parser reaches by recursion are bounded by their nesting.
    @Test(arguments: [
        ("parentheses", String(repeating: "(", count: 250) + "1" + String(repeating: ")", count: 250)),
        ("lists", String(repeating: "[", count: 250) + "1" + String(repeating: "]", count: 250)),
        ("blocks", String(repeating: "{", count: 250) + "1" + String(repeating: "}", count: 250)),
        ("powers", "2" + String(repeating: "^2", count: 250)),
        ("negations", String(repeating: "-", count: 250) + "1"),
        ("nots", String(repeating: "not ", count: 250) + "true"),
        ("else if", "let x = 1\n" + String(repeating: "if x == 0 { 0 } else ", count: 250) + "{ 1 }"),
        ("patterns", "let " + String(repeating: "(", count: 250) + "x" + String(repeating: ",)", count: 250) + " = 1"),
        ("functions", String(repeating: "fn() = ", count: 250) + "1"),
    ])
    func recursiveConstructsAreBoundedByNesting(kind: String, source: String) {
        #expect(firstError(source)?.contains("the expression is nested too deeply (more than 200 levels)") == true, "\(kind)")
        #expect(output(String(repeating: "(", count: 150) + "1" + String(repeating: ")", count: 150)) == "1")
    }

    /// Each limit holds alone; together — a recursion 1,990 calls deep whose body nests 100 levels —
    /// they once overflowed the stack. Evaluation now stops where the cell's stack is spent.
    @Test func recursionAndNestingTogetherEndInAnError() {
        let body = String(repeating: "(1+", count: 100) + "f(n-1)" + String(repeating: ")", count: 100)
        let (_, error) = run("fn f(n) = if n == 0 { 0 } else { \(body) }\nf(1990)")
        #expect(error?.phase == .runtime)
        #expect(error?.message.hasPrefix("the program nests too deeply: its stack is spent") == true, "\(String(describing: error))")
        #expect(error?.diagnostics.first?.traceback.isEmpty == false)
        // The same function at a depth the stack holds runs.
        #expect(output("fn f(n) = if n == 0 { 0 } else { \(body) }\nf(20)") == "2000")
    }

    @Test func valuesNestAtMostAThousandDeep() {
        #expect(firstError("let x = ()\nfor i in 0..5000 { x = [x] }") == "2:24: the value would nest tuples and lists more than 1000 deep")
        #expect(firstError("let x = ()\nfor i in 0..5000 { x = (x, 1) }") == "2:24: the value would nest tuples and lists more than 1000 deep")
        #expect(firstError("let x = ()\nfor i in 0..5000 { x = map(fn(y) = x, [1]) }")?.hasSuffix("more than 1000 deep") == true)
        #expect(output("let x = ()\nfor i in 0..999 { x = [x] }\nlen(str(x))") == "\(2 * 999 + 2)")
    }

    /// A cell of more source than the limit is refused before it is split into tokens.
    @Test func hugeSourcesAreRefused() {
        let source = String(repeating: "\u{0}", count: Session.longestSource + 1)
        #expect(Session.isIncomplete(source) == false)
        #expect(firstError(source) == "t.ccs holds 8388609 bytes of source; ccs reads at most 8 MB at once")
    }

    /// A loop doubling a string stops at the limit, not at the end of memory.
    @Test func stringsStopAtTheirLimit() {
        #expect(firstError("let s = \"ab\"\nfor i in 0..64 { s = s + s }")
            == "2:22: the string would hold 134217728 bytes; ccs holds at most 67108864 in one string")
    }

    @Test func longLinesAreCutAroundTheCaret() {
        let line = String(repeating: "a+", count: 150) + "nope" + String(repeating: "+a", count: 150)
        let (_, error) = run("let a = 1\n" + line)
        let text = error?.description ?? ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "t.ccs:2:301: error: unknown name 'nope'")
        #expect(lines.count >= 3)
        let excerpt = String(lines[1]), caret = String(lines[2])
        #expect(excerpt.hasPrefix("…") && excerpt.hasSuffix("…"))
        #expect(excerpt.count == Diagnostic.excerptWidth + 2)
        // The caret still points at the name, now within the window.
        let at = caret.firstIndex(of: "^").map { caret.distance(from: caret.startIndex, to: $0) } ?? -1
        #expect(String(Array(excerpt)[at..<(at + 4)]) == "nope")
        #expect(caret.hasSuffix("^~~~"))
    }

    @Test func longMessagesAreCutInTheMiddle() {
        let name = String(repeating: "q", count: 100_000)
        let message = firstError(name) ?? ""
        #expect(message.hasPrefix("1:1: unknown name 'qqq"))
        #expect(message.count < Diagnostic.longestMessage + 10)
        #expect(message.contains(" … "))
    }
}
