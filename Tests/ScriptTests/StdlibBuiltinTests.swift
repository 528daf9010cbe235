import CrossCountry
import Foundation
import Testing
@testable import Script

/// The builtins the stdlib's task scripts and paper table use: modules, spread calls, contractions
/// over any axes, nested Jacobians, finite differences and the comparison of Jacobians and graphs.
@Suite struct StdlibBuiltinTests {
    /// A fresh folder holding the given files.
    static func folder(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ccs-use-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return url
    }

    @Test func useRunsAFileAndGivesItsDefinitionsAsFields() throws {
        let dir = try Self.folder([
            "main.ccs": "let m = use(\"lib.ccs\")\nm.double(m.base)\nm.base\n",
            "lib.ccs": "let base = 21\nfn double(x) = 2 * x\nbase + 1000\nprint(\"loaded\")\n",
        ])
        let main = dir.appendingPathComponent("main.ccs").path
        // The relative path is taken from the using file's folder, not the working directory.
        let (text, error) = run(try String(contentsOfFile: main, encoding: .utf8), name: main)
        #expect(error == nil)
        #expect(text == "loaded\n42\n21\n", "a used file prints, but its shown values are not shown")
        #expect(output("let m = use(\"\(dir.path)/lib.ccs\"); type(m)") == "loaded\n\"a module\"")
    }

    @Test func useReportsMissingFilesCyclesAndErrorsInTheUsedFile() throws {
        let dir = try Self.folder([
            "self.ccs": "let me = use(\"self.ccs\")\n",
            "broken.ccs": "let a = 1\nlet b = a +\n",
            "failing.ccs": "fn f(x) = x / \"s\"\nf(1)\n",
        ])
        #expect(firstError("use(\"\(dir.path)/none.ccs\")")?.hasSuffix("none.ccs': no such file") == true)
        let cycle = run("use(\"\(dir.path)/self.ccs\")").error
        #expect(cycle?.message.contains("uses itself") == true)
        let broken = try #require(run("use(\"\(dir.path)/broken.ccs\")").error)
        #expect(broken.phase == .runtime)
        #expect(broken.diagnostics[0].range?.file.name.hasSuffix("broken.ccs") == true)
        #expect(broken.diagnostics[0].range?.line == 2)
        let failing = try #require(run("use(\"\(dir.path)/failing.ccs\")").error)
        #expect(failing.message == "cannot apply '/' to a number and a string")
        #expect(failing.diagnostics[0].traceback.map(\.function) == ["f", "use"])
    }

    @Test func applySpreadsItsLastArgument() {
        #expect(output("apply(fn(a, b, c) = a * 100 + b * 10 + c, 1, (2, 3))") == "123")
        #expect(output("apply(max, [4, 9])") == "9")
        #expect(output("let g = apply(graph, fn(x, y) = x * y, (2, 3)); g.vertices") == "1")
        #expect(firstError("apply(sin, 1)") == "1:12: the last argument of apply is spread into arguments, so it must be a tuple, list or vector, got a number")
        #expect(firstError("apply(sin)") == "1:1: apply needs the arguments to spread as its last argument, a tuple, list or vector")
    }

    @Test func tensordotContractsAnyPairOfAxesInOneVertex() {
        #expect(output("tensordot([[1, 2], [3, 4]], [[5, 6], [7, 8]], (0, 0))") == "[[26  30]\n [38  44]]")
        #expect(output("tensordot([[1, 2], [3, 4]], [[5, 6], [7, 8]], (1, 1))") == "[[17  23]\n [39  53]]")
        #expect(output("tensordot([1, 2], [[1, 2, 3], [4, 5, 6]], (0, 0))") == "[9, 12, 15]")
        #expect(output("vertices(graph(fn(A, B) = tensordot(A, B, (0, 1)), [[1, 2]], [[1], [2]]))")
            == "vertex    op           shape  reads\nv1 (out)  dot_general  (2,2)  x1 x2")
        #expect(firstError("tensordot([1, 2], [1, 2, 3], (0, 0))")?.hasPrefix("1:1: shape mismatch in tensordot") == true)
        #expect(firstError("tensordot([1, 2], [1, 2], 0)") == "1:27: axes is a pair of whole numbers (i, j): axis i of a meets axis j of b")
    }

    @Test func jacobiansNestInsideTraces() throws {
        // A Hessian: the Jacobian of the gradient, traced and then eliminated.
        let hessian = output("fn f(x, y) = x^3 * sin(y)\ndense(jacobian(jacobian(f, order: reverse))(0.5, 2))")
        let x = 0.5, y = 2.0
        let expected = [6 * x * sin(y), 3 * x * x * cos(y), 3 * x * x * cos(y), -x * x * x * sin(y)]
        #expect(hessian == Display.text(.tensor(try Tensor(shape: .matrix(2, 2), scalars: expected))))
        // Three levels: the third derivative of sin.
        #expect(output("dense(jacobian(jacobian(jacobian(sin)))(0.3))[0, 0]") == Display.number(-cos(0.3)))
        // The traced gradient is a function of the point: its graph evaluated elsewhere is the gradient there.
        let session = Session(write: { _ in })
        _ = session.run("fn f(x, y) = exp(x * y) / (1 + y^2)\nlet g = graph(jacobian(f, order: markowitz), 0.3, 0.7)", name: "t")
        guard case let .graph(g)? = session.value(of: "g"), let numeric = g.numeric else {
            Issue.record("no traced gradient")
            return
        }
        #expect(numeric.graph.outputCount == 2)
        let (a, b) = (1.1, -0.4)
        let gradient = try numeric.evaluate(at: [Tensor(a), Tensor(b)]).map { $0.scalars[0] }
        let e = exp(a * b), d = 1 + b * b
        #expect(abs(gradient[0] - b * e / d) < 1e-12)
        #expect(abs(gradient[1] - (a * e / d - 2 * b * e / (d * d))) < 1e-12)
    }

    @Test func nestedJacobiansExplainWhatTheyCannotDo() {
        #expect(firstError("graph(fn(v) = jacobian(fn(w) = sum(w^2))(v), [1, 2])")
            == "1:15: jacobian: nested differentiation needs a scalar graph; input w has shape (2)")
        #expect(firstError("graph(fn(x) = jacobian(fn(t) = sum(stack([t, t]) * t))(x), 1)")?
            .contains("nested differentiation needs a scalar graph") == true)
        #expect(firstError("graph(fn(x) = jacobian(fn(t) = t^2, order: [5])(x), 1)")
            == "1:15: jacobian: vertex 5 does not exist; the graph has vertices 1…1")
    }

    @Test func finiteDifferencesHoldStopGradientsAndExtrapolate() {
        // The derivative treats stop_gradient(x) as a constant, and so do finite differences.
        #expect(output("dense(finite_differences(fn(x) = x * stop_gradient(x), 3))") == "[[3]]")
        #expect(output("dense(jacobian(fn(x) = x * stop_gradient(x))(3))") == "[[3]]")
        // Ridders' extrapolation: exp at 10 (derivative 22026.47…) to about 1e-13 relative.
        #expect(output("let d = dense(finite_differences(exp, 10))[0, 0]; abs(d - exp(10)) / exp(10) < 1e-11") == "true")
        #expect(firstError("finite_differences(sin, 1, step: 0)") == "1:34: the step of finite differences must be positive")
    }

    @Test func jacobianErrorComparesEntriesFiniteInBoth() {
        #expect(output("abs(jacobian_error((1, [2, 4]), (1, [2, 4.004])).error - 0.004 / 4.004) < 1e-15") == "true")
        #expect(output("jacobian_error([1, 0 / 0, 1e-9], [1, 3, 0])")
            == "difference(error: \(Display.number(1e-9 / 3e-3)), compared: 2, entries: 3, one_sided: 1)")
        #expect(output("let f = fn(x, y) = (x * y, y); jacobian_error(jacobian(f)(2, 3), finite_differences(f, 2, 3)).error < 1e-12") == "true")
        #expect(firstError("jacobian_error([1, 2], [[1, 2]])")
            == "1:1: jacobian_error compares values of one structure and shape, got a vector of shape (2) and a matrix of shape (1,2)")
    }

    @Test func reportsTablesNumbersAndGraphDifferences() {
        #expect(output("table([\"a\", \"b\"], [[1, \"x\"], (22, \"yy\")])") == "a   b\n1   x\n22  yy")
        #expect(firstError("table([\"a\"], [[1, 2]])") == "1:14: every row needs 1 values, one per column, got a vector")
        #expect(output("format(2.234e-11, 2)") == "\"2.2e-11\"")
        #expect(output("graph_differences(load_graph(\"RoeFlux_1d\"), load_graph(\"RoeFlux_1d\"))") == "[]")
        #expect(output("len(graph_differences(graph(fn(x) = sin(x), 1), graph(fn(x) = cos(x), 1)))") == "1")
        #expect(output("load_graph(\"RoeFlux_3d\").best_published") == "799")
        #expect(output("graph(fn(x) = sin(x), 1).best_published") == "")
    }
}
