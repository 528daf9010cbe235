import CBLAS
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

    /// 2^t with t = x·log2(e): t is rounded to the nearest integer n by the 1.5·2²³ trick (no
    /// conversions that could trap, so loops vectorise), 2^n is built in the exponent bits, and
    /// 2^(t−n) comes from a degree-5 fit on [−½, ½].
    @inline(__always) public static func fastExp(_ x: Float) -> Float {
        let t = Swift.min(Swift.max(x * 1.442_695_04, -126), 126)
        let shifter: Float = 12_582_912
        let r = t + shifter
        let n = r - shifter
        let f = t - n
        var p: Float = 1.326_697_5e-3
        p = p * f + 9.675_464_6e-3
        p = p * f + 5.550_742_6e-2
        p = p * f + 2.402_212_2e-1
        p = p * f + 6.931_469_5e-1
        p = p * f + 1.000_000_07
        let exponent = (r.bitPattern &- shifter.bitPattern &+ 127) &<< 23
        return p * Float(bitPattern: exponent)
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
}

/// OpenBLAS runs single-threaded: ccs parallelises across games itself, and BLAS threads would
/// oversubscribe the cores (and make results depend on thread timing).
enum BLASThreads {
    static let configured: Void = { openblas_set_num_threads(1) }()
}
