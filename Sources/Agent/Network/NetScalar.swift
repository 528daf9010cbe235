import CBLAS
import CNetKernels
import Foundation

/// A floating-point type the policy/value network computes in: `Float` for training and play,
/// `Double` for finite-difference gradient checks. Matrix products go to OpenBLAS.
public protocol NetScalar: BinaryFloatingPoint, Sendable {
    /// Row-major C = alpha·op(A)·op(B) + beta·C, with op(A) m×k and op(B) k×n.
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Self,
        _ a: UnsafePointer<Self>, lda: Int, _ b: UnsafePointer<Self>, ldb: Int,
        beta: Self, _ c: UnsafeMutablePointer<Self>, ldc: Int)
    /// exp for the network's inner loops: exact for Double; for Float a branch-free polynomial
    /// (relative error below 1e-7, inputs clamped to ±87) that the compiler can vectorise.
    static func fastExp(_ x: Self) -> Self
    /// Softmax of each row of a row-major rows×cols block, in place (C kernels cloned per vector
    /// width; partial sums in one order on every machine).
    static func softmaxRows(_ s: UnsafeMutablePointer<Self>, rows: Int, cols: Int)
}

extension Float: NetScalar {
    @inline(__always)
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
        beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0 && n > 0 else { return }
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// The C kernels' exp (`ccs_fast_expf`), so that Swift's loops and theirs give the same bits.
    @inline(__always) public static func fastExp(_ x: Float) -> Float { ccs_fast_expf(x) }

    public static func softmaxRows(_ s: UnsafeMutablePointer<Float>, rows: Int, cols: Int) {
        ccs_softmax_rows_f32(s, rows, cols)
    }
}

extension Double: NetScalar {
    @inline(__always)
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
        _ a: UnsafePointer<Double>, lda: Int, _ b: UnsafePointer<Double>, ldb: Int,
        beta: Double, _ c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        guard m > 0 && n > 0 else { return }
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
    @inline(__always) public static func fastExp(_ x: Double) -> Double { Foundation.exp(x) }

    public static func softmaxRows(_ s: UnsafeMutablePointer<Double>, rows: Int, cols: Int) {
        ccs_softmax_rows_f64(s, rows, cols)
    }
}

/// OpenBLAS runs single-threaded: ccs parallelises across games itself, and BLAS threads would
/// oversubscribe the cores (and make results depend on thread timing).
enum BLASThreads {
    static let configured: Void = { openblas_set_num_threads(1) }()
}
