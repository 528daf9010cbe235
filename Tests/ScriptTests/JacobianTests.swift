import CrossCountry
import Foundation
import Testing
@testable import Script

/// A `.ccs` function and a point to differentiate it at.
struct Differentiable: Sendable, CustomTestStringConvertible {
    var name: String
    /// Source defining the function `name` (or a path under the package root, read at test time).
    var source: String
    var point: String

    var testDescription: String { name }
}

let differentiables: [Differentiable] = [
    .init(name: "flux", source: "stdlib/examples/flux.ccs", point: "0.01, 0.02, 0.02, 0.01, 0.03, 0.03"),
    .init(name: "f", source: "stdlib/examples/jacobians.ccs", point: "0.3, 1.2, -0.7"),
    .init(name: "net", source: "stdlib/examples/jacobians.ccs", point: "W1, b1, W2, x"),
    .init(name: "scalars", source: """
        fn scalars(a, b, c) {
          let s = atan2(a, b) * pow(c, 1.5) + max(a, b) - min(b, c)
          (s^3 / (1 + a^2), log1p(b * c) + erf(a) + logistic(c), sqrt(abs(a - c)) * asinh(b))
        }
        """, point: "0.3, 0.8, 1.7"),
    .init(name: "matrices", source: """
        fn matrices(A, B, v) {
          let C = A @ transpose(B) + 0.5 * A[0:2, 0:2]
          let w = concat([C[0], v[1:3]]) * sum(B, axis: 0)[0]
          (sum(exp(C) * C, axis: 1), where(w > 1, w^2, -w) + mean(v), sum(cos(B @ v)))
        }
        """, point: "[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], [[1.0, -0.5, 0.25], [0.3, 0.2, -0.1]], [0.7, 1.3, -0.4]"),
    .init(name: "mlp", source: """
        fn mlp(x, W1, b1, W2, b2) = cross_entropy(tanh(W2 @ relu(W1 @ x + b1) + b2), [0.1, 0.7, 0.2])
        """, point: "[1, -1, 0.5, 2], [[0.1, 0.2, -0.3, 0.4], [0.5, -0.6, 0.7, 0.8], [-0.9, 1.0, 0.1, 0.2]], [0.1, -0.2, 0.3], [[0.3, -0.2, 0.1], [0.4, 0.5, -0.6], [0.7, 0.8, 0.9]], [0.01, 0.02, 0.03]"),
]

@Suite struct JacobianTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func session(for function: Differentiable) throws -> Session {
        var source = function.source
        if source.hasSuffix(".ccs") { source = try String(contentsOf: root.appendingPathComponent(source), encoding: .utf8) }
        let session = Session(write: { _ in })
        if let error = session.run(source, name: function.name).error { throw error }
        return session
    }

    static func jacobian(_ session: Session, _ expression: String) throws -> JacobianValue {
        let result = session.run(expression, name: "t.ccs")
        if let error = result.error { throw error }
        guard case let .jacobian(j)? = result.values.last else { throw ScriptError.runtime("not a Jacobian", at: nil) }
        return j
    }

    @Test(arguments: differentiables)
    func eliminationInEveryBaselineOrderMatchesFiniteDifferences(_ function: Differentiable) throws {
        let session = try Self.session(for: function)
        let reference = try Self.jacobian(session, "finite_differences(\(function.name), \(function.point))").dense
        #expect(reference.scalars.contains { $0 != 0 }, "a Jacobian of zeros proves nothing")
        for order in ["forward", "reverse", "markowitz"] {
            let eliminated = try Self.jacobian(session, "jacobian(\(function.name), order: \(order))(\(function.point))").dense
            #expect(eliminated.shape == reference.shape)
            let scale = max(1, reference.scalars.map(abs).max() ?? 0)
            let error = zip(eliminated.scalars, reference.scalars).map { abs($0 - $1) }.max() ?? .infinity
            #expect(error <= 1e-6 * scale, "\(function.name), \(order): off by \(error)")
        }
    }

    @Test func aWrongDerivativeWouldBeCaught() throws {
        // The comparison above is not vacuous: finite differences see a perturbed function differ.
        let session = Session(write: { _ in })
        _ = session.run("fn f(x) = sin(x)\nfn g(x) = sin(x) + 1e-3 * x", name: "t")
        let a = try Self.jacobian(session, "jacobian(f)(0.4)").dense.scalars[0]
        let b = try Self.jacobian(session, "finite_differences(g, 0.4)").dense.scalars[0]
        #expect(abs(a - cos(0.4)) < 1e-12)
        #expect(abs(a - b) > 1e-4)
    }

    /// `max_memory:` holds a plan and an export to a limit, with a message at the order argument.
    @Test func aPlanOrExportPastMaxMemoryIsALocatedError() throws {
        let chain = "fn f(x) { let s = x; for i in 0..200 { s = sin(s) * x + cos(s) }; sum(s * s) }\n"
        let plan = try #require(firstError(chain + "jacobian(f, backend: \"interpreter\", max_memory: 0.0001)(ones(5))"))
        #expect(plan.hasPrefix("2:"), "\(plan)")
        #expect(plan.contains("jacobian: the plan of f") && plan.contains("more than the memory limit of 100 kB"), "\(plan)")
        #expect(!output(chain + "jacobian(f, backend: \"interpreter\", max_memory: 1)(ones(5))").contains("error"))
        let export = try #require(firstError(chain + "export_c(f, markowitz, \"/tmp/never\", ones(5), max_memory: 0.001)"))
        #expect(export.contains("export_c: the ") && export.contains("more than the memory limit of 1 MB"), "\(export)")
        #expect(firstError(chain + "jacobian(f, max_memory: -1)") != nil)
    }

    @Test func theJacobianFunctionTracesOncePerArgumentShapes() throws {
        var printed = ""
        let session = Session(write: { printed += $0 })
        let result = session.run("""
            fn f(x) {
              print("tracing")
              sum(x^2)
            }
            let J = jacobian(f, order: reverse)
            J([1, 2])
            J([3, 4])
            J([1, 2, 3])
            """, name: "t")
        #expect(result.error == nil)
        #expect(printed == "tracing\ntracing\n")
        #expect(result.values.map { Display.inline($0, quoted: true) } == [
            "Jacobian (1 output × 1 input)", "Jacobian (1 output × 1 input)", "Jacobian (1 output × 1 input)",
        ])
        if case let .jacobian(j) = result.values[1] { #expect(j.blocks[0][0].values == [6, 8]) }
    }

    @Test func exactCostsAreTheInterpretersMultiplications() throws {
        let session = try Self.session(for: differentiables[2])
        let result = session.run("""
            let g = graph(net, W1, b1, W2, x)
            (cost(g, reverse, model: exact), jacobian(net, order: reverse)(W1, b1, W2, x).multiplications)
            """, name: "t")
        guard case let .tuple(pair)? = result.values.last else { Issue.record("\(String(describing: result.error))"); return }
        #expect(Operators.equal(pair[0], pair[1]))
        // On a scalar graph the exact model and the paper's agree.
        let flux = try Self.session(for: differentiables[0])
        let costs = flux.run("compare(g, [forward, reverse, markowitz], model: [paper, exact])", name: "t")
        guard case let .table(table)? = costs.values.last else { Issue.record("no table"); return }
        for row in table.rows { #expect(Operators.equal(row[1], row[2])) }
        #expect(table.rows.map { Display.inline($0[1], quoted: false) } == ["620", "364", "407"])
    }

    @Test func aJacobianInsideATraceIsDifferentiableAgain() throws {
        let session = Session(write: { _ in })
        let result = session.run("""
            fn f(x, y) = x^2 * y + sin(x * y)
            fn gradient(x, y) {
              let J = jacobian(f, order: reverse)(x, y)
              (J[0, 0], J[0, 1])
            }
            jacobian(gradient, order: markowitz)(0.5, 2)
            finite_differences(gradient, 0.5, 2)
            """, name: "t")
        #expect(result.error == nil, "\(String(describing: result.error))")
        guard result.values.count == 2, case let .jacobian(hessian) = result.values[0], case let .jacobian(reference) = result.values[1]
        else { Issue.record("no Hessian"); return }
        let (x, y) = (0.5, 2.0)
        let exact = [2 * y - y * y * sin(x * y), 2 * x + cos(x * y) - x * y * sin(x * y),
                     2 * x + cos(x * y) - x * y * sin(x * y), -x * x * sin(x * y)]
        for (a, b) in zip(hessian.dense.scalars, exact) { #expect(abs(a - b) < 1e-12) }
        for (a, b) in zip(reference.dense.scalars, exact) { #expect(abs(a - b) < 1e-6) }
        #expect(firstError("graph(fn(v) = jacobian(fn(w) = sum(w^2))(v), [1, 2])")
                == "1:15: jacobian: nested differentiation needs a scalar graph; input w has shape (2)")
    }
}
