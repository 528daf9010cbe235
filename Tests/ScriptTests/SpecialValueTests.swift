import CrossCountry
import Foundation
import Testing
@testable import Script

/// `inf`, `nan`, `pi`, `e`, `is_nan`, `is_inf`, and NaN/Inf flowing through Jacobians as JAX's do:
/// each case of Tests/Fixtures/jax/special-values.json holds the Jacobian JAX computed (its
/// generating script is beside it), and every elimination order must give the same entries — the
/// same NaN positions, the same infinities, the same finite values.
@Suite struct SpecialValueTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var source: String
        var point: [[Double]]
        var shapes: [[Int]]
        var jacobian: [[Double]]
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        let url = JacobianTests.root.appendingPathComponent("Tests/Fixtures/jax/special-values.json")
        guard let data = try? Data(contentsOf: url),
              let items = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        func number(_ any: Any) -> Double {
            switch any as? String {
            case "nan": return .nan
            case "inf": return .infinity
            case "-inf": return -.infinity
            default: return (any as? NSNumber)?.doubleValue ?? 12345
            }
        }
        return items.map { item in
            Case(name: item["name"] as? String ?? "?", source: item["source"] as? String ?? "",
                 point: (item["point"] as? [[Any]] ?? []).map { $0.map(number) },
                 shapes: item["shapes"] as? [[Int]] ?? [],
                 jacobian: (item["jacobian"] as? [[Any]] ?? []).map { $0.map(number) })
        }
    }()

    /// A number as `.ccs` spells it.
    static func literal(_ x: Double) -> String {
        x.isNaN ? "nan" : x.isInfinite ? (x > 0 ? "inf" : "-inf") : "\(x)"
    }

    @Test func theFixtureHoldsEveryCase() {
        #expect(Self.cases.count >= 10)
    }

    @Test(arguments: cases)
    func jacobiansMatchJAX(_ c: Case) throws {
        let point = zip(c.point, c.shapes).map { values, shape in
            shape.isEmpty ? Self.literal(values[0]) : "[" + values.map(Self.literal).joined(separator: ", ") + "]"
        }.joined(separator: ", ")
        for order in ["forward", "reverse", "markowitz"] {
            let j = try value("J", after: "let f = \(c.source)\nlet J = dense(jacobian(f, order: \(order))(\(point)))")
            let entries: [Double]
            switch j {
            case let .tensor(t): entries = t.scalars
            case let .number(x): entries = [x]
            default: Issue.record("\(c.name): not a matrix: \(j)"); return
            }
            let expected = c.jacobian.flatMap { $0 }
            #expect(entries.count == expected.count, "\(c.name) \(order)")
            for (k, (got, want)) in zip(entries, expected).enumerated() {
                let same = got.isNaN ? want.isNaN : (want.isInfinite ? got == want : Swift.abs(got - want) <= 1e-12 * Swift.max(1, Swift.abs(want)))
                #expect(same, "\(c.name) \(order): entry \(k) is \(got), JAX gives \(want)")
            }
        }
    }

    @Test func constantsAndPredicates() {
        #expect(output("[inf, -inf, nan, pi, e]") == "[inf, -inf, nan, 3.14159, 2.71828]")
        #expect(output("cos(pi) + log(e)") == "0")
        #expect(output("is_nan([1, nan, inf, -inf])") == "[0, 1, 0, 0]")
        #expect(output("is_inf([1, nan, inf, -inf])") == "[0, 0, 1, 1]")
        #expect(output("max([1, -inf]) + min([nan, 2])").contains("nan"))
        #expect(output("1 / 0 == inf") == "true")
    }

    @Test func predicatesTraceAsJAXDoes() throws {
        // jnp.isinf(x) is `abs` then `eq` with the literal inf; jnp.isnan(x) is `ne x x`.
        #expect(listing(try tracedGraph("let g = graph(fn(x) = is_inf(x) + is_nan(x) + x, 1.0)"))
            == ["abs x1", "eq", "ne", "add v2 v3", "add v4 x1"])
    }
}
