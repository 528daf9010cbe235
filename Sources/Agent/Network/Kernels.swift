/// The network's elementwise and row-wise building blocks with their backward passes, over raw
/// row-major buffers (the matrix products go to BLAS through `NetScalar.gemm`).
enum Kernels {
    static let layerNormEpsilon = 1e-5

    /// y = gain ⊙ (x − mean)/σ + bias per row; keeps x̂ and 1/σ for the backward pass.
    static func layerNorm<T: NetScalar>(
        _ x: UnsafePointer<T>, rows: Int, cols: Int, gain: UnsafePointer<T>, bias: UnsafePointer<T>,
        out y: UnsafeMutablePointer<T>, normalized xhat: UnsafeMutablePointer<T>, inverseDeviation rstd: UnsafeMutablePointer<T>
    ) {
        let n = T(cols), eps = T(layerNormEpsilon)
        for r in 0..<rows {
            let row = x + r * cols
            var mean: T = 0
            for c in 0..<cols { mean += row[c] }
            mean /= n
            var variance: T = 0
            for c in 0..<cols { let t = row[c] - mean; variance += t * t }
            let inv = 1 / (variance / n + eps).squareRoot()
            rstd[r] = inv
            let xr = xhat + r * cols, yr = y + r * cols
            for c in 0..<cols {
                let t = (row[c] - mean) * inv
                xr[c] = t
                yr[c] = gain[c] * t + bias[c]
            }
        }
    }

    /// Adds the gradient with respect to the LayerNorm's input to `dx`, and accumulates the gain
    /// and bias gradients.
    static func layerNormBackward<T: NetScalar>(
        _ dy: UnsafePointer<T>, rows: Int, cols: Int, normalized xhat: UnsafePointer<T>, inverseDeviation rstd: UnsafePointer<T>,
        gain: UnsafePointer<T>, addInto dx: UnsafeMutablePointer<T>, gainGradient: UnsafeMutablePointer<T>, biasGradient: UnsafeMutablePointer<T>
    ) {
        let n = T(cols)
        for r in 0..<rows {
            let dyr = dy + r * cols, xr = xhat + r * cols, dxr = dx + r * cols
            var meanG: T = 0, meanGX: T = 0
            for c in 0..<cols {
                let g = dyr[c] * gain[c]
                meanG += g
                meanGX += g * xr[c]
                gainGradient[c] += dyr[c] * xr[c]
                biasGradient[c] += dyr[c]
            }
            meanG /= n
            meanGX /= n
            let inv = rstd[r]
            for c in 0..<cols {
                dxr[c] += inv * (dyr[c] * gain[c] - meanG - xr[c] * meanGX)
            }
        }
    }

    @inline(__always)
    static func sigmoid<T: NetScalar>(_ x: T) -> T { 1 / (1 + T.fastExp(-x)) }

    /// z = u·σ(u) (swish/SiLU).
    static func swish<T: NetScalar>(_ u: UnsafePointer<T>, _ z: UnsafeMutablePointer<T>, count: Int) {
        for i in 0..<count { z[i] = u[i] * sigmoid(u[i]) }
    }

    /// du = dz·(σ(u) + u·σ(u)(1 − σ(u))).
    static func swishBackward<T: NetScalar>(_ u: UnsafePointer<T>, _ dz: UnsafePointer<T>, _ du: UnsafeMutablePointer<T>, count: Int) {
        for i in 0..<count {
            let s = sigmoid(u[i])
            du[i] = dz[i] * (s + u[i] * s * (1 - s))
        }
    }

    /// Adds a bias row to every row.
    static func addBias<T: NetScalar>(_ y: UnsafeMutablePointer<T>, rows: Int, cols: Int, _ bias: UnsafePointer<T>) {
        for r in 0..<rows {
            let yr = y + r * cols
            for c in 0..<cols { yr[c] += bias[c] }
        }
    }

    /// Accumulates the column sums of dy (the gradient of a bias added to every row).
    static func addColumnSums<T: NetScalar>(_ dy: UnsafePointer<T>, rows: Int, cols: Int, into g: UnsafeMutablePointer<T>) {
        for r in 0..<rows {
            let dr = dy + r * cols
            for c in 0..<cols { g[c] += dr[c] }
        }
    }

    /// Turns dP into dS for rows of a softmax P: dS = P ⊙ (dP − rowsum(dP ⊙ P)), scaled.
    static func softmaxRowsBackward<T: NetScalar>(_ p: UnsafePointer<T>, _ d: UnsafeMutablePointer<T>, rows: Int, cols: Int, scale: T) {
        for r in 0..<rows {
            let pr = p + r * cols, dr = d + r * cols
            var dot: T = 0
            for c in 0..<cols { dot += pr[c] * dr[c] }
            for c in 0..<cols { dr[c] = scale * pr[c] * (dr[c] - dot) }
        }
    }
}
