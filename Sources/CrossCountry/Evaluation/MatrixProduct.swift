import CBLAS

/// A strided matrix view into a batch-innermost buffer: entry (i, j) of point b lives at
/// `base[(offset + i·rowStride + j·columnStride)·batch + b]`.
struct MatrixView: Hashable, Sendable {
    var offset: Int
    var rowStride: Int
    var columnStride: Int
}

/// C (+)= A·B on strided views, for every point of a batch: the one matrix-product kernel, used by
/// `dot_general`'s primal and by every dense or block product of the elimination. A single point
/// with unit-stride operands goes to BLAS; batches run a loop with the batch innermost.
struct MatrixProduct: Sendable {
    var m: Int
    var k: Int
    var n: Int
    var a: MatrixView
    var b: MatrixView
    var c: MatrixView
    var accumulate: Bool
    /// How many products run, the t-th with every view's offset moved by t times its step (the
    /// blocks of a block-diagonal partial; a step of 0 repeats a shared block).
    var repeats = 1
    var steps = (a: 0, b: 0, c: 0)

    /// The multiplications one point costs.
    var multiplications: Int { repeats * m * k * n }

    @inline(__always)
    func run(_ base: UnsafeMutablePointer<Double>, batch: Int) {
        if repeats == 1 { return runOne(base, batch: batch) }
        var one = self
        one.repeats = 1
        for _ in 0..<repeats {
            one.runOne(base, batch: batch)
            one.a.offset += steps.a
            one.b.offset += steps.b
            one.c.offset += steps.c
        }
    }

    @inline(__always)
    private func runOne(_ base: UnsafeMutablePointer<Double>, batch: Int) {
        if batch == 1 {
            if m * k * n >= 512, runBLAS(base) { return }
            runSingle(base)
        } else {
            runBatched(base, batch: batch)
        }
    }

    private func runSingle(_ base: UnsafeMutablePointer<Double>) {
        let a = base + self.a.offset, b = base + self.b.offset, c = base + self.c.offset
        let ar = self.a.rowStride, ac = self.a.columnStride, br = self.b.rowStride, bc = self.b.columnStride
        let cr = self.c.rowStride, cc = self.c.columnStride
        // Each sum starts from C's entry when accumulating, as the batched loop adds term by term,
        // so that a plan gives the same bits at every batch size (and generated code does too).
        for i in 0..<m {
            for j in 0..<n {
                var sum = accumulate ? c[i * cr + j * cc] : 0
                for l in 0..<k { sum += a[i * ar + l * ac] * b[l * br + j * bc] }
                c[i * cr + j * cc] = sum
            }
        }
    }

    private func runBatched(_ base: UnsafeMutablePointer<Double>, batch: Int) {
        let ar = self.a.rowStride * batch, ac = self.a.columnStride * batch
        let br = self.b.rowStride * batch, bc = self.b.columnStride * batch
        let cr = self.c.rowStride * batch, cc = self.c.columnStride * batch
        let a = base + self.a.offset * batch, b = base + self.b.offset * batch, c = base + self.c.offset * batch
        for i in 0..<m {
            for j in 0..<n {
                let out = c + i * cr + j * cc
                if !accumulate { out.update(repeating: 0, count: batch) }
                for l in 0..<k {
                    let x = a + i * ar + l * ac, y = b + l * br + j * bc
                    for p in 0..<batch { out[p] += x[p] * y[p] }
                }
            }
        }
    }

    /// Row-major BLAS needs unit column stride in C and a unit stride in each of A and B; returns
    /// false when the views do not fit.
    private func runBLAS(_ base: UnsafeMutablePointer<Double>) -> Bool {
        guard c.columnStride == 1, c.rowStride >= n,
              let (transA, lda) = Self.blasLayout(a, rows: m, columns: k),
              let (transB, ldb) = Self.blasLayout(b, rows: k, columns: n) else { return false }
        cblas_dgemm(CblasRowMajor, transA, transB, Int32(m), Int32(n), Int32(k), 1,
                    base + a.offset, Int32(lda), base + b.offset, Int32(ldb),
                    accumulate ? 1 : 0, base + c.offset, Int32(c.rowStride))
        return true
    }

    private static func blasLayout(_ view: MatrixView, rows: Int, columns: Int) -> (CBLAS_TRANSPOSE, Int)? {
        if view.columnStride == 1 && view.rowStride >= columns { return (CblasNoTrans, view.rowStride) }
        if view.rowStride == 1 && view.columnStride >= rows { return (CblasTrans, view.columnStride) }
        return nil
    }
}
