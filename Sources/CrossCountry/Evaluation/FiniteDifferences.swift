/// Central finite differences of a traced function's outputs: the oracle a Jacobian from elimination
/// is checked against. Each derivative is Ridders' extrapolation of central quotients: the step starts
/// at h = step·|x| (step when x is 0) and shrinks by 1.4 up to ten times; a Neville tableau
/// extrapolates the quotients to step zero, and each entry keeps the estimate whose error estimate is
/// smallest — large steps where roundoff would dominate, small ones where curvature does.
/// `stop_gradient` vertices hold their values at the trace point, since the derivative treats them
/// as constants.
public enum FiniteDifferences {
    /// blocks[o][i] = ∂output_o/∂input_i at the graph's trace point, shaped like `Jacobian`'s blocks.
    public static func jacobian(_ graph: NumericGraph, step: Double) throws(EvaluationError) -> [[JacobianBlock]] {
        let g = graph.graph, point = graph.inputValues
        let outputShapes = g.outputs.map { g.vertices[$0 - 1].shape }
        let outputOffsets = outputShapes.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        var values = outputShapes.map { o in g.inputs.map { [Double](repeating: 0, count: o.count * $0.shape.count) } }
        for (i, input) in g.inputs.enumerated() {
            let width = input.shape.count
            for e in 0..<width {
                let x = point[i].scalars[e]
                let derivative = try ridders(start: x == 0 ? step : step * Swift.abs(x)) { (h: Double) throws(EvaluationError) in
                    var plus = point, minus = point
                    var scalars = point[i].scalars
                    scalars[e] = x + h
                    plus[i] = Tensor(uncheckedShape: point[i].shape, scalars: scalars)
                    scalars[e] = x - h
                    minus[i] = Tensor(uncheckedShape: point[i].shape, scalars: scalars)
                    let up = try graph.evaluate(at: plus, holdingStopGradients: true).flatMap(\.scalars)
                    let down = try graph.evaluate(at: minus, holdingStopGradients: true).flatMap(\.scalars)
                    return zip(up, down).map { ($0 - $1) / (2 * h) }
                }
                for o in outputShapes.indices {
                    for j in 0..<outputShapes[o].count { values[o][i][j * width + e] = derivative[outputOffsets[o] + j] }
                }
            }
        }
        return outputShapes.indices.map { o in
            g.inputs.indices.map { i in
                JacobianBlock(outputShape: outputShapes[o], inputShape: g.inputs[i].shape, values: values[o][i])
            }
        }
    }

    /// Ridders' method for a vector of quotients: the extrapolation of `quotient(h)` to h = 0, per
    /// entry the estimate with the smallest error estimate, stopping an entry once its error grows.
    static func ridders(start: Double, _ quotient: (Double) throws(EvaluationError) -> [Double]) throws(EvaluationError) -> [Double] {
        let shrink = 1.4, shrink2 = shrink * shrink, rounds = 10, safety = 2.0
        var h = start
        var tableau: [[[Double]]] = [[try quotient(h)]]
        let count = tableau[0][0].count
        var best = tableau[0][0]
        var error = [Double](repeating: .infinity, count: count)
        var done = [Bool](repeating: false, count: count)
        for round in 1..<rounds where done.contains(false) {
            h /= shrink
            var column = [try quotient(h)]
            var factor = shrink2
            for order in 1...round {
                let previous = tableau[round - 1][order - 1]
                column.append((0..<count).map { (column[order - 1][$0] * factor - previous[$0]) / (factor - 1) })
                factor *= shrink2
                for k in 0..<count where !done[k] {
                    let estimate = Swift.max(Swift.abs(column[order][k] - column[order - 1][k]), Swift.abs(column[order][k] - previous[k]))
                    if estimate <= error[k] {
                        error[k] = estimate
                        best[k] = column[order][k]
                    }
                }
            }
            for k in 0..<count where !done[k] && Swift.abs(column[round][k] - tableau[round - 1][round - 1][k]) >= safety * error[k] {
                done[k] = true
            }
            tableau.append(column)
        }
        return best
    }
}
