import Testing
@testable import Script

/// One wrong program and exactly what ccs must say about it.
struct WrongProgram: Sendable, CustomTestStringConvertible {
    var source: String
    /// `line:col: message` of the first diagnostic.
    var expected: String
    var phase: ScriptError.Phase
    /// A note the diagnostic must carry, when it matters.
    var note: String? = nil

    var testDescription: String { source.replacingOccurrences(of: "\n", with: "⏎") }
}

private let g = "load_graph(\"RoeFlux_1d\")"

/// Malformed and wrong programs: syntax at the end of input and mid-line, unknown names, arity,
/// named arguments, types, orders, models, runtime failures deep in calls.
let wrongPrograms: [WrongProgram] = [
    .init(source: "let x = (1 + 2", expected: "1:15: expected ')', found end of input", phase: .compile, note: "'(' opened here"),
    .init(source: "let x = 1 +", expected: "1:12: expected an expression, found end of input", phase: .compile),
    .init(source: "fn f(x) {\n  x + 1\n", expected: "2:8: expected '}', found end of input", phase: .compile, note: "'{' opened here"),
    .init(source: "let = 3", expected: "1:5: expected a name after 'let', found '='", phase: .compile),
    .init(source: "let x 3", expected: "1:7: expected '=' after 'let x', found number 3", phase: .compile),
    .init(source: "let x = 1 2", expected: "1:11: expected a newline or ';' after the statement, found number 2", phase: .compile),
    .init(source: "f(1, 2", expected: "1:7: expected ',' or ')' after an argument, found end of input", phase: .compile),
    .init(source: "let v = [1, 2\nlet w = 3", expected: "2:1: expected ',' or ']' in the list, found 'let'", phase: .compile,
          note: "'[' opened here"),
    .init(source: "let x = = 2", expected: "1:9: '=' is not an expression; to compare, write '=='", phase: .compile),
    .init(source: "let x = 1\nif x = 1 { 2 }", expected: "2:6: '=' is not a comparison; write '=='", phase: .compile),
    .init(source: "1 < 2 < 3", expected: "1:7: comparisons do not chain; write (a < b) and (b < c)", phase: .compile),
    .init(source: "fn f(a, a) = a", expected: "1:9: duplicate parameter 'a'", phase: .compile),
    .init(source: "fn f(a = 1, b) = a", expected: "1:13: parameter 'b' needs a default value, as the parameters before it have one",
          phase: .compile),
    .init(source: "fn f(x) x", expected: "1:9: expected '=' or '{' after the parameters of 'f', found identifier 'x'", phase: .compile),
    .init(source: "print(sep: 1, 2)", expected: "1:15: a positional argument cannot follow a named argument", phase: .compile),
    .init(source: "let s = \"abc", expected: "1:9: unterminated string", phase: .compile),
    .init(source: "\"a\\qb\"", expected: "1:3: invalid escape '\\q' in a string", phase: .compile),
    .init(source: "let y = 1e", expected: "1:9: malformed number '1e': the exponent has no digits", phase: .compile),
    .init(source: "let z = 3 $ 4", expected: "1:11: unexpected character '$'", phase: .compile),
    .init(source: "true && false", expected: "1:6: unexpected character '&'; write 'and' / 'or'", phase: .compile),
    .init(source: "for i 0..3 { i }", expected: "1:7: expected 'in' after the loop variable, found number 0", phase: .compile),
    .init(source: "if true 1", expected: "1:9: expected '{' after the condition of 'if', found number 1", phase: .compile),
    .init(source: "let a = (1, 2))", expected: "1:15: expected a newline or ';' after the statement, found ')'", phase: .compile),
    .init(source: "let x = 1 }", expected: "1:11: expected a newline or ';' after the statement, found '}'", phase: .compile),
    .init(source: "f(x:)", expected: "1:5: expected an expression, found ')'", phase: .compile),
    .init(source: "foo + 1", expected: "1:1: unknown name 'foo'", phase: .compile),
    .init(source: "let total = 1\ntotl + 1", expected: "2:1: unknown name 'totl'", phase: .compile, note: "did you mean 'total'?"),
    .init(source: "print(later)\nlet later = 2", expected: "1:7: 'later' is used before it is defined", phase: .compile),
    .init(source: "markowitz = 3", expected: "1:1: cannot assign to the builtin 'markowitz'; write 'let markowitz = …' to define your own",
          phase: .compile),
    .init(source: "counter = 3", expected: "1:1: cannot assign to 'counter': it is not defined; write 'let counter = …' to define it",
          phase: .compile),
    .init(source: "fn f(x) = x\nf(1, 2)", expected: "2:6: 'f' takes 1 argument, but 2 were given", phase: .runtime),
    .init(source: "fn f(x, y) = x\nf(1)", expected: "2:1: missing argument 'y' in the call to 'f'", phase: .runtime),
    .init(source: "fn f(x) = x\nf(y: 2)", expected: "2:3: 'f' has no parameter named 'y'", phase: .runtime,
          note: "the parameters of 'f' are x"),
    .init(source: "fn f(x) = x\nf(1, x: 2)", expected: "2:6: argument 'x' is given twice", phase: .runtime),
    .init(source: "cost(\(g), markowitz, modle: paper)", expected: "1:43: 'cost' has no parameter named 'modle'", phase: .runtime,
          note: "did you mean 'model'?"),
    .init(source: "len(3)", expected: "1:5: a number has no length", phase: .runtime),
    .init(source: "3(4)", expected: "1:1: a number cannot be called", phase: .runtime),
    .init(source: "\"a\" + 1", expected: "1:1: cannot add a number to a string; convert it with str(…)", phase: .runtime),
    .init(source: "(1, 2)[5]", expected: "1:8: index 5 is out of range for a tuple of 2 items", phase: .runtime),
    .init(source: "let (a, b) = (1, 2, 3)", expected: "1:5: cannot unpack a tuple of 3 into 2 names", phase: .runtime),
    .init(source: "if 1 { 2 }", expected: "1:4: the condition of 'if' must be true or false, got a number", phase: .runtime),
    .init(source: "load_graph(\"nonexistent.json\")", expected: "1:12: nonexistent.json: no such file, and no paper graph of that name",
          phase: .runtime),
    .init(source: "cost(\(g), [1, 2, 2])", expected: "1:32: invalid order: vertex 2 appears twice, at positions 2 and 3", phase: .runtime),
    .init(source: "cost(\(g), [5, 1000])", expected: "1:32: invalid order: vertex 1000 does not exist; the graph has vertices 1…101",
          phase: .runtime),
    .init(source: "cost(\(g), [97])", expected: "1:32: invalid order: vertex 97 is an output; outputs are never eliminated", phase: .runtime),
    .init(source: "cost(\(g), 3)",
          expected: "1:32: argument 'order' of 'cost' must be an order (forward, reverse, markowitz, greedy(model) or a list of vertex numbers), got a number",
          phase: .runtime),
    .init(source: "cost(\(g), forward, model: 3)",
          expected: "1:48: argument 'model' of 'cost' must be a cost model (paper, exact, code, runtime, memory, or a function of (ins, outs)), got a number",
          phase: .runtime),
    .init(source: "fn bad(ins, outs) = \"free\"\ncost(\(g), forward, model: bad)",
          expected: "1:21: the cost model 'bad' must return a number, but returns a string", phase: .runtime),
    .init(source: "fn f(n) = f(n + 1)\nf(1)",
          expected: "1:11: too many nested calls (more than 2000); does a recursion miss its base case?", phase: .runtime),
    .init(source: "0..2.5", expected: "1:4: a range bound must be a whole number from -1,099,511,627,776 to 1,099,511,627,776, got 2.5", phase: .runtime),
    .init(source: "(1, 2).x", expected: "1:1: a tuple of 2 has no fields", phase: .runtime),
    .init(source: "[1, 2, 3] + [1, 2]",
          expected: "1:1: shape mismatch in '+': the left operand has shape (3) and the right operand (2); they do not broadcast: axis 0 has 3 and 2 elements",
          phase: .runtime),
    .init(source: "let v = [1, 2, 3]\nv / [[1, 2], [3, 4]]",
          expected: "2:1: shape mismatch in '/': the left operand has shape (3) and the right operand (2,2); they do not broadcast: axis 1 has 3 and 2 elements",
          phase: .runtime),
    .init(source: "[[1, 2], [3, 4]] @ [1, 2, 3]",
          expected: "1:1: shape mismatch in '@': the left operand has shape (2,2) and the right operand (3); '@' pairs axis 1 of the left operand (2 elements) with axis 0 of the right operand (3 elements)",
          phase: .runtime),
    .init(source: "[1, 2] @ [[1, 2, 3]]",
          expected: "1:1: shape mismatch in '@': the left operand has shape (2) and the right operand (1,3); '@' pairs axis 0 of the left operand (2 elements) with axis 0 of the right operand (1 element)",
          phase: .runtime),
    .init(source: "where([1, 0], [1, 2, 3], 0)",
          expected: "1:1: shape mismatch in where: the first argument has shape (2), the second argument (3) and the third argument (); they do not broadcast: axis 0 has 2 and 3 elements",
          phase: .runtime),
    .init(source: "load_graph(\"Propane\")", expected: "1:12: Propane: no such file, and no paper graph of that name", phase: .runtime,
          note: "did you mean 'PropaneCombustion' (a shipped graph)?"),
    .init(source: "load_graph(\"paper-jiont\")", expected: "1:12: paper-jiont: no such file, and no paper graph of that name", phase: .runtime,
          note: "did you mean 'paper-joint' (a shipped policy)?"),
    .init(source: "load(\"paper-jiont\")", expected: "1:6: paper-jiont: no such file, and no shipped graph or policy of that name",
          phase: .runtime, note: "did you mean 'paper-joint' (a shipped policy)?"),
    .init(source: "load(\"RoeFlux1d\")", expected: "1:6: RoeFlux1d: no such file, and no shipped graph or policy of that name",
          phase: .runtime, note: "did you mean 'RoeFlux_1d' (a shipped graph)?"),
    .init(source: "2 @ [1, 2]", expected: "1:1: '@' multiplies vectors and matrices; use '*' to scale by a number", phase: .runtime),
    .init(source: "sum([1, 2], axis: 1)", expected: "1:19: axis 1 does not exist for a value of rank 1", phase: .runtime),
    .init(source: "reshape([1, 2, 3], (2, 2))", expected: "1:1: reshape: cannot reshape 3 elements (3) to (2,2)", phase: .runtime),
    .init(source: "zeros(2, 2, 2)",
          expected: "1:1: shape [2, 2, 2] has rank 3; ccs supports scalars, vectors and matrices (rank ≤ 2)", phase: .runtime),
    .init(source: "fn f(x) = if x > 0 { x } else { 0 }\ngraph(f, 1)",
          expected: "1:14: cannot branch on a traced value: the condition depends on the inputs of the function being traced",
          phase: .runtime, note: "use where(condition, a, b) to choose between values elementwise"),
    .init(source: "fn f(x) = x > 0 and x < 1\ngraph(f, 1)",
          expected: "1:11: cannot branch on a traced value: the condition depends on the inputs of the function being traced",
          phase: .runtime),
    .init(source: "graph(fn(x) = \"s\", 1)",
          expected: "1:1: a traced function must return numbers, vectors or matrices (or a tuple of them), got a string", phase: .runtime),
    .init(source: "graph(fn(x) = x, \"a\")", expected: "1:18: graph traces at numbers, vectors or matrices, got a string", phase: .runtime),
    .init(source: "[1, 2][0:0]", expected: "1:8: the slice 0:0 of a vector of 2 items is empty", phase: .runtime),
    .init(source: "[1, 2][1, 1]", expected: "1:1: a vector takes at most 1 index, got 2", phase: .runtime),
    .init(source: "sin(\"a\")", expected: "1:5: argument 'x' of 'sin' must be a number, vector or matrix, got a string", phase: .runtime),
    .init(source: "min(1, \"a\")", expected: "1:8: min takes numbers, vectors or matrices, got a string", phase: .runtime),
    .init(source: "zeros(100000, 100000)",
          expected: "1:1: a (100000,100000) tensor would hold 10,000,000,000 elements; ccs holds at most 50,000,000 in one value", phase: .runtime),
    .init(source: "ones(100000) * reshape(ones(100000), (100000, 1))",
          expected: "1:1: '*': a (100000,100000) tensor would hold 10,000,000,000 elements; ccs holds at most 50,000,000 in one value", phase: .runtime),
    .init(source: "jacobian(fn(v) = v * 2)(ones(10000))",
          expected: "1:1: the Jacobian would hold 100,000,000 entries; ccs holds at most 50,000,000 in one value", phase: .runtime),
    .init(source: "max([1, 2], 3, axis: 0)", expected: "1:22: max(a, b, …) is elementwise and takes no axis", phase: .runtime),
    .init(source: "jacobian(fn(x) = sin(x), order: [5])(1)",
          expected: "1:33: invalid order: vertex 5 does not exist; the graph has vertices 1…1", phase: .runtime),
    .init(source: "jacobian(fn(x) = sin(x), order: 3)(1)", expected: "1:33: argument 'order' of 'jacobian' must be an order, got a number",
          phase: .runtime),
    .init(source: "jacobian(fn(x) = x)(\"a\")",
          expected: "1:21: a Jacobian is evaluated at numbers, vectors or matrices, got a string", phase: .runtime),
    .init(source: "cost(\(g), forward, model: exact)",
          expected: "1:48: the exact model needs a traced graph (graph(f, …)); a loaded graph has no values", phase: .runtime),
    .init(source: "jacobian(fn(x) = sin(x))(1)[1, 0]", expected: "1:29: index 1 is out of range for a Jacobian of 1 output",
          phase: .runtime),
    .init(source: "search(\(g), method: \"fastest\")",
          expected: "1:42: unknown search method 'fastest'; the methods are auto, heuristics, beam, annealing, exact", phase: .runtime),
]

@Suite struct DiagnosticTableTests {
    @Test(arguments: wrongPrograms)
    func reportsExactlyWhatIsWrong(_ program: WrongProgram) throws {
        let error = try #require(run(program.source).error, "the program must fail")
        let first = try #require(error.diagnostics.first)
        let range = try #require(first.range)
        #expect("\(range.line):\(range.column): \(first.message)" == program.expected)
        #expect(error.phase == program.phase)
        if let note = program.note { #expect(first.notes.map(\.message).contains(note)) }
        // The rendering names the file and shows the source line with a caret under the column.
        let lines = first.description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "t.ccs:\(program.expected.prefix { $0 != " " }) error: \(first.message)")
        #expect(lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) } == range.column - 1)
    }

    @Test func thereAreAtLeastThirtyWrongPrograms() {
        #expect(wrongPrograms.count >= 30)
    }

    @Test func runtimeErrorsCarryATracebackThroughCalls() throws {
        let error = try #require(run("fn g(x) = x / \"a\"\nfn h(y) = g(y + 1)\nh(2)").error)
        let text = error.description
        #expect(text == """
        t.ccs:1:11: error: cannot apply '/' to a number and a string
        fn g(x) = x / "a"
                  ^~~~~~~
          in g, called at t.ccs:2:11
          in h, called at t.ccs:3:1
        """)
    }

    @Test func panicModeReportsTheFirstProblemAndRecovers() throws {
        let error = try #require(run("let a = (1 +\nlet b = 2 3\nlet c = )\nlet d = 4").error)
        #expect(error.diagnostics.map { "\($0.range!.line):\($0.range!.column)" } == ["2:1", "3:9"])
        #expect(error.isIncomplete == false)
    }

    @Test func incompleteInputIsToldApartFromErrors() {
        for text in ["fn f(x) {", "let x = (1 +", "let x =", "[1, 2,", "f(1,\n 2", "if x > 0 {\n 1\n} else {", "1 +"] {
            #expect(Session.isIncomplete(text), "\(text)")
        }
        for text in ["let x = 1", "1 + )", "\"abc", "let = 2", "fn f(x) = x", "if x { 1 }", "f(1, 2))", ""] {
            #expect(!Session.isIncomplete(text), "\(text)")
        }
    }
}
