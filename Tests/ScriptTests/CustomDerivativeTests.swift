import CrossCountry
import Foundation
import Testing
@testable import Script

/// Functions with derivatives of their own (`fn f(x) = … with derivative(x) = …`, JAX's custom_jvp):
/// checked against derivatives computed by hand.
@Suite struct CustomDerivativeTests {
    static let spike = "fn spike(x) = where(x > 0, 1, 0) with derivative(x) = 1 / (1 + abs(x))^2\n"

    /// The numbers of a shown value.
    func numbers(_ name: String, after source: String) throws -> [Double] {
        switch try value(name, after: source) {
        case let .number(x): return [x]
        case let .tensor(t): return t.scalars
        case let other: Issue.record("not numeric: \(other)"); return []
        }
    }

    @Test func theValueIsTheBodyAsWritten() {
        #expect(output(Self.spike + "spike(0.5)") == "1")
        #expect(output(Self.spike + "spike([-1, 0, 2])") == "[0, 0, 1]")
    }

    @Test func aCallTracesAsOneVertex() throws {
        let g = try tracedGraph(Self.spike + "let g = graph(fn(v) = spike(v * 2 - 1) * 3, 0.2)")
        #expect(listing(g) == ["mul x1", "sub v1", "custom_jvp_call v2", "mul v3"])
    }

    /// A leaky integrate-and-fire step: u = 0.9·v + i, s = spike(u − 1), v' = u·(1 − s). With the
    /// surrogate σ(x) = 1/(1 + |x|)², by hand: ∂s/∂v = 0.9σ, ∂s/∂i = σ, ∂v'/∂v = 0.9(1 − s) − 0.9uσ,
    /// ∂v'/∂i = (1 − s) − uσ.
    @Test(arguments: ["forward", "reverse", "markowitz"])
    func aSpikingNeuronStepHasTheSurrogateJacobian(order: String) throws {
        let source = Self.spike + """
            fn neuron(v, i) {
              let u = 0.9 * v + i
              let s = spike(u - 1)
              (s, u * (1 - s))
            }
            let J = dense(jacobian(neuron, order: \(order))([0.5, 1.2], [0.3, 0.1]))
            """
        let j = try numbers("J", after: source)
        var expected = [Double](repeating: 0, count: 16)
        for (e, (v, i)) in zip([0.5, 1.2], [0.3, 0.1]).enumerated() {
            let u = 0.9 * v + i, s: Double = u - 1 > 0 ? 1 : 0, sigma = 1 / pow(1 + abs(u - 1), 2)
            // Rows: s0, s1, v'0, v'1; columns: v0, v1, i0, i1.
            expected[e * 4 + e] = 0.9 * sigma
            expected[e * 4 + 2 + e] = sigma
            expected[(2 + e) * 4 + e] = 0.9 * (1 - s) - 0.9 * u * sigma
            expected[(2 + e) * 4 + 2 + e] = (1 - s) - u * sigma
        }
        #expect(j.count == 16)
        for (got, want) in zip(j, expected) { #expect(abs(got - want) < 1e-12, "\(got) vs \(want)") }
    }

    /// The generated C inlines the value's and the derivative's programs: its Jacobian is the
    /// interpreter's, on vectors (the batched loops) and on a function of two parameters.
    @Test func theCompiledJacobianEqualsTheInterpreters() throws {
        let source = Self.spike + """
            fn soft(x, y) = x * y with derivative(x, y) = (y * spike(x), x + 1)
            fn f(v, w) = (sum(spike(v * w - 0.5) * v), soft(v, w) + spike(w))
            let N = dense(jacobian(f, backend: "native")([0.2, 0.9, 1.4], [1.5, -0.3, 0.7]))
            let I = dense(jacobian(f, backend: "interpreter")([0.2, 0.9, 1.4], [1.5, -0.3, 0.7]))
            """
        let native = try numbers("N", after: source), interpreted = try numbers("I", after: source)
        #expect(native.count == 24 && native.contains { $0 != 0 })
        for (a, b) in zip(native, interpreted) { #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "\(a) vs \(b)") }
    }

    @Test func severalParametersGiveOnePartialEach() throws {
        let source = """
            fn soft(x, y) = x * y
              with derivative(x, y) = (y, x + 1)
            let J = dense(jacobian(fn(a) = soft(a, a^2))(3))
            """
        // d/da soft(a, a²) = y + (x + 1)·2a = 9 + 4·6.
        #expect(try numbers("J", after: source) == [33])
    }

    /// h(a) = spike(a²): h' = 2a·σ(a²) = 2a(1 + a²)⁻², h'' = 2(1 + a²)⁻² − 8a²(1 + a²)⁻³,
    /// h''' = −24a(1 + a²)⁻³ + 48a³(1 + a²)⁻⁴ — the custom derivative differentiated as written.
    @Test func customDerivativesNestTwice() throws {
        let a = 0.5, q = 1 + a * a
        let source = Self.spike + """
            fn h1(a) = jacobian(fn(b) = spike(b * b))(a)[0, 0]
            fn h2(a) = jacobian(h1)(a)[0, 0]
            let d1 = h1(0.5)
            let d2 = h2(0.5)
            let d3 = dense(jacobian(h2)(0.5))
            """
        #expect(abs(try numbers("d1", after: source)[0] - 2 * a / (q * q)) < 1e-12)
        #expect(abs(try numbers("d2", after: source)[0] - (2 / (q * q) - 8 * a * a / pow(q, 3))) < 1e-12)
        #expect(abs(try numbers("d3", after: source)[0] - (-24 * a / pow(q, 3) + 48 * pow(a, 3) / pow(q, 4))) < 1e-12)
    }

    @Test func aDerivativeMayCallAnotherCustomFunction() throws {
        // outer' = 3·spike(x)-as-a-value; differentiating outer' again meets spike's surrogate.
        let source = Self.spike + """
            fn outer(x) = x^3 with derivative(x) = 3 * spike(x) + x
            let d1 = dense(jacobian(outer)(0.5))
            let d2 = jacobian(fn(a) = jacobian(outer)(a)[0, 0])(0.5)[0, 0]
            """
        #expect(try numbers("d1", after: source) == [3.5])
        #expect(abs(try numbers("d2", after: source)[0] - (3 / (1.5 * 1.5) + 1)) < 1e-12)
    }

    /// Finite differences see a custom vertex as its declared linearization at the point, so they
    /// agree with the elimination wherever the rest of the program is smooth.
    @Test func finiteDifferencesFollowTheDeclaredDerivative() throws {
        let source = Self.spike + """
            fn f(v, w) = (sin(v) * spike(v * w - 0.2) + exp(w), spike(stack([v, w, v * w])) * w)
            let J = dense(jacobian(f)(0.7, -0.4))
            let F = dense(finite_differences(f, 0.7, -0.4))
            """
        let j = try numbers("J", after: source), f = try numbers("F", after: source)
        #expect(j.count == 8 && f.count == 8)
        #expect(j.contains { $0 != 0 && abs($0) != 1 })
        for (a, b) in zip(j, f) { #expect(abs(a - b) < 1e-7, "\(a) vs \(b)") }
    }

    /// The vertex costs as any elementwise vertex: the graph with `sin` in its place costs the same.
    @Test func costsAreThoseOfAnElementwiseVertex() throws {
        for order in ["forward", "reverse", "markowitz"] {
            let custom = try numbers("c", after: Self.spike + """
                let g = graph(fn(x, W) = sum(spike(W @ x) * x), [1, 2], [[1, 2], [3, 4]])
                let c = cost(g, \(order))
                """)
            let plain = try numbers("c", after: """
                let g = graph(fn(x, W) = sum(sin(W @ x) * x), [1, 2], [[1, 2], [3, 4]])
                let c = cost(g, \(order))
                """)
            #expect(custom == plain && custom[0] > 0, "\(order)")
        }
    }

    @Test func mistakesAreLocated() {
        #expect(firstError("fn f(x) = x with derivative(y) = 1")
            == "1:13: the derivative's parameters must be those of 'f': (x)")
        #expect(firstError("fn f(x) = sum(x) with derivative(x) = 1\ngraph(f, [1, 2])")
            == "1:11: f: a function with a custom derivative is elementwise, but it calls reduce_sum")
        #expect(firstError("fn f(x, y) = x with derivative(x, y) = 1\ngraph(f, 1, 2)")
            == "1:40: its derivative must be a tuple of 2 partials, one per parameter, got a number")
        #expect(firstError("fn f(x) = x[0] with derivative(x) = 1\ngraph(f, [1, 2])")?.contains("is elementwise, but it calls slice") == true)
    }

    @Test func withAndDerivativeStayOrdinaryNames() {
        #expect(output("let with = 2\nlet derivative = 3\nwith * derivative") == "6")
    }
}
