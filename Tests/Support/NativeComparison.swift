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
}
