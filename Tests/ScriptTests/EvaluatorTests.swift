import Foundation
import Testing
@testable import Script

@Suite struct EvaluatorTests {
    @Test func precedenceFollowsTheUsualRules() {
        #expect(output("1 + 2 * 3") == "7")
        #expect(output("2 ^ 3 ^ 2") == "512")
        #expect(output("-2 ^ 2") == "-4")
        #expect(output("2 ^ -1") == "0.5")
        #expect(output("(1 + 2) * 3") == "9")
        #expect(output("10 - 4 - 3") == "3")
        #expect(output("12 / 3 / 2") == "2")
        #expect(output("1 + 2 == 3 and not 2 > 3") == "true")
        #expect(output("false or 1 < 2") == "true")
        #expect(output("-3 * -2") == "6")
    }

    @Test func logicalOperatorsShortCircuit() {
        #expect(output("false and error(\"never\")") == "false")
        #expect(output("true or error(\"never\")") == "true")
    }

    @Test func functionsClosuresAndRecursion() {
        #expect(output("fn fact(n) = if n <= 1 { 1 } else { n * fact(n - 1) }\nfact(10)") == "3628800")
        #expect(output("fn adder(k) = fn(x) = x + k\nlet add3 = adder(3)\nadd3(4)") == "7")
        #expect(output("fn even(n) = if n == 0 { true } else { odd(n - 1) }\nfn odd(n) = if n == 0 { false } else { even(n - 1) }\neven(10)") == "true")
        #expect(output("fn f(a, b = 2, c = a + b) = (a, b, c)\nf(1)\nf(1, c: 9)\nf(b: 5, a: 1)") == "(1, 2, 3)\n(1, 2, 9)\n(1, 5, 6)")
        #expect(output("let scale = 2\nfn twice(x) = x * scale\ntwice(21)") == "42")
    }

    @Test func blockBodiesAndTheirValue() {
        let source = """
        fn flux(a, b) {
          let s = a + b
          let d = a - b
          (s, d)
        }
        flux(3, 1)
        fn silent(x) { x; }
        silent(1)
        """
        #expect(output(source) == "(4, 2)")
    }

    @Test func loopsAccumulateAndCollect() {
        #expect(output("let s = 0\nfor i in 0..5 { s = s + i }\ns") == "10")
        #expect(output("for i in 1..4 { i ^ 2 }") == "[1, 4, 9]")
        #expect(output("for (a, b) in [(1, 2), (3, 4)] { a * b }") == "[2, 12]")
        #expect(output("let fs = for i in 0..3 { fn() = i }\nmap(fn(f) = f(), fs)") == "[0, 1, 2]")
        #expect(output("len(5..2)") == "0")
    }

    @Test func ifElseIsAnExpression() {
        #expect(output("let x = 3\nlet sign = if x > 0 { 1 } else if x < 0 { -1 } else { 0 }\nsign") == "1")
        #expect(output("if false { 1 }") == "")
        #expect(output("if 1 > 2 {\n  1\n}\nelse {\n  2\n}") == "2")
    }

    @Test func tuplesListsStringsAndIndexing() {
        #expect(output("let (a, (b, _)) = (1, (2, 3))\na + b") == "3")
        #expect(output("let t = (1, \"a\", true)\nt[1]\nt[-1]") == "\"a\"\ntrue")
        #expect(output("[forward, reverse][1]") == "reverse")
        #expect(output("\"cost \" + str(3)") == "\"cost 3\"")
        #expect(output("\"abcdef\"[1:3]") == "\"bc\"")
        #expect(output("len((1, 2, 3))") == "3")
        #expect(output("(1,)") == "(1,)")
        #expect(output("()") == "")
    }

    @Test func printWritesAsItGoes() {
        #expect(output("print(\"a\", 1, (2, \"b\"))\n3") == "a 1 (2, \"b\")\n3")
    }

    @Test func semicolonsSeparateAndSilence() {
        #expect(output("let a = 1; a + 1; a + 2") == "3")
        #expect(output("1 + 1;") == "")
    }

    @Test func numbersPrintShortestRoundTrip() {
        #expect(output("0.1 + 0.2") == "0.30000000000000004")
        #expect(output("1e20") == "1e+20")
        #expect(output("1 / 0") == "inf")
        #expect(output("2_000") == "2000")
    }

    @Test func deepRecursionIsAnErrorNotACrash() {
        let (_, error) = run("fn f(n) = f(n + 1)\nf(0)")
        #expect(error?.message.hasPrefix("too many nested calls") == true)
        #expect(output("fn depth(n) = if n == 0 { 0 } else { 1 + depth(n - 1) }\ndepth(1500)") == "1500")
    }

    @Test func definitionsSurviveAnErrorInALaterCell() {
        let session = Session(write: { _ in })
        _ = session.run("let a = 2\nfn f(x) = x * a", name: "In[1]")
        let failed = session.run("let b = 3\nf(\"x\")", name: "In[2]")
        #expect(failed.error?.phase == .runtime)
        let result = session.run("f(b)", name: "In[3]")
        #expect(result.error == nil)
        if case let .number(x)? = result.values.first { #expect(x == 6) } else { Issue.record("no value") }
    }

    @Test func namesMayBeUnicodeLetters() {
        #expect(output("let γ = 0.5\nfn ρ(u0) = (γ - 1) * u0\nρ(2)") == "-1")
    }

    @Test func anInterruptedSearchKeepsItsBestOrder() throws {
        let session = Session(write: { _ in })
        _ = session.run("let g = load_graph(\"RoeFlux_3d\")", name: "In[1]")
        let stop = session.stop
        let start = ContinuousClock.now
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { stop.raise() }
        let result = session.run("let o = search(g, seconds: 60)\ncost(g, o)", name: "In[2]")
        #expect(ContinuousClock.now - start < .seconds(20))
        #expect(result.error?.isInterrupted == true)
        guard case let .order(order)? = session.value(of: "o") else { Issue.record("no order kept"); return }
        #expect(order.name.hasPrefix("search: cost "))
        #expect(session.run("cost(g, o) <= cost(g, markowitz)", name: "In[3]").values.first.map { Display.text($0) } == "true")
    }

    @Test func stopFlagInterruptsALongLoop() {
        let session = Session(write: { _ in })
        let stop = session.stop
        var seen = 0
        session.define("tick", .function(Function(name: "tick", parameters: [], body: .native { _ throws(ScriptError) in
            seen += 1
            if seen == 100 { stop.raise() }
            return .nothing
        })))
        let result = session.run("for i in 0..1000000000 { tick() }", name: "In[1]")
        #expect(result.error?.isInterrupted == true)
        #expect(seen == 100)
        #expect(session.run("1", name: "In[2]").error == nil)
    }
}
