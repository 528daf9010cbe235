import CrossCountry
import Testing
@testable import Script

/// `broadcast(x, shape, dims: …)` with JAX's broadcast_in_dim semantics beside the trailing-axis rule.
@Suite struct BroadcastTests {
    @Test func dimsPlaceOperandAxes() {
        #expect(output("broadcast([1, 2, 3], (3, 2), dims: (0,))") == "[[1  1]\n [2  2]\n [3  3]]")
        #expect(output("broadcast([1, 2, 3], (2, 3), dims: (1,))") == output("broadcast([1, 2, 3], (2, 3))"))
        #expect(output("broadcast(5, (2, 2), dims: ())") == "[[5  5]\n [5  5]]")
        #expect(output("broadcast([[1], [2]], (2, 3), dims: (0, 1))") == "[[1  1  1]\n [2  2  2]]")
        #expect(output("shape(broadcast([1, 2, 3, 4], (4, 1), dims: (0,)))") == "(4, 1)")
    }

    @Test func aLeadingAxisBroadcastTracesAsOneVertex() throws {
        let g = try tracedGraph("let g = graph(fn(x) = broadcast(x, (4, 1), dims: (0,)) * 2, [1, 2, 3, 4])")
        #expect(listing(g) == ["broadcast_in_dim x1", "mul v1"])
        #expect(g.vertices[0].shape == .matrix(4, 1))
    }

    @Test func itsJacobianMatchesFiniteDifferences() throws {
        let source = """
            fn f(x, y) = sum(broadcast(x, (3, 2), dims: (0,)) * broadcast(y, (3, 2), dims: (1,)) * [[1, 2], [3, 4], [5, 6]], axis: 0)
            let J = dense(jacobian(f)([1, 2, 3], [0.5, -1]))
            let F = dense(finite_differences(f, [1, 2, 3], [0.5, -1]))
            """
        guard case let .tensor(j) = try value("J", after: source), case let .tensor(f) = try value("F", after: source) else {
            Issue.record("not matrices")
            return
        }
        #expect(j.shape == .matrix(2, 5))
        // By hand: ∂f_c/∂x_r = y_c·W[r][c], ∂f_c/∂y_c = Σ_r x_r·W[r][c].
        #expect(j.scalars == [0.5, 1.5, 2.5, 22, 0, -2, -4, -6, 0, 28])
        for (a, b) in zip(j.scalars, f.scalars) { #expect(Swift.abs(a - b) < 1e-8) }
    }

    @Test func shapeErrorsPointAtDims() {
        #expect(firstError("broadcast([1, 2, 3], (3, 2), dims: (1,))")
            == "1:36: cannot broadcast shape (3) to (3,2) with dims [1]: axis 0 has 3 elements, result axis 1 has 2")
        #expect(firstError("broadcast([1, 2, 3], (3, 2), dims: (0, 1))")
            == "1:36: cannot broadcast shape (3) to (3,2) with dims [0, 1]: needs one result axis per operand axis: 2 for shape (3)")
        #expect(firstError("broadcast([[1, 2], [3, 4]], (2, 2), dims: (1, 0))")
            == "1:43: cannot broadcast shape (2,2) to (2,2) with dims [1, 0]: result axes [1, 0] must be increasing and below 2")
        #expect(firstError("broadcast([1, 2], (2, 2), dims: \"a\")")?.hasPrefix("1:33: a broadcast's dims is a tuple") == true)
    }
}
