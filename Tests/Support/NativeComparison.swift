import CrossCountry

/// Compares Jacobians of generated code with the interpreter's (shared by the engine's and the
/// stdlib's tests).
public enum NativeComparison {
    /// The first difference between two batch-innermost arrays, point by point: NaN and infinities
    /// where the interpreter has them, elsewhere within `tolerance` times the largest finite entry
    /// of the point (fused multiply-adds and vector math round differently, so entries that cancel
    /// are compared normwise; 0 asks for the same numbers).
    public static func mismatch(_ native: [Double], _ interpreted: [Double], batch: Int, tolerance: Double) -> String? {
        let entries = interpreted.count / batch
        for p in 0..<batch {
            let scale = max((0..<entries).map { interpreted[$0 * batch + p] }.filter(\.isFinite).map(abs).max() ?? 0, 1e-300)
            for e in 0..<entries {
                let a = native[e * batch + p], b = interpreted[e * batch + p]
                if b.isNaN { if a.isNaN { continue } else { return "point \(p) entry \(e): \(a), interpreter NaN" } }
                if b.isInfinite { if a == b { continue } else { return "point \(p) entry \(e): \(a), interpreter \(b)" } }
                if !(abs(a - b) <= tolerance * scale) { return "point \(p) entry \(e): \(a), interpreter \(b) (scale \(scale))" }
            }
        }
        return nil
    }

    /// Random points within 2 % of the graph's trace point, batch-innermost (the first is the
    /// trace point itself).
    public static func points(_ graph: NumericGraph, batch: Int, seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed)
        let values = graph.inputValues.flatMap(\.scalars)
        var x = [Double](repeating: 0, count: values.count * batch)
        for (e, v) in values.enumerated() {
            for p in 0..<batch { x[e * batch + p] = p == 0 ? v : v * (1 + 0.02 * Double.random(in: -1...1, using: &rng)) }
        }
        return x
    }
}
