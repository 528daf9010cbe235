import Foundation
import Testing
@testable import Agent
import CrossCountry

/// The network's C softmax kernel (cloned per vector width) against two oracles: the softmax
/// computed in Double from the definition, and — bit for bit — the same arithmetic written out
/// in Swift one entry at a time (eight partial maxima and sums combined pairwise, the C library's
/// exp replaced by the network's), which is how the shipped policies' results were computed.
@Suite struct SoftmaxKernelTests {
    static func reference(_ row: [Float]) -> [Float] {
        var top = [Float](repeating: row[0], count: 8)
        var c = 0
        while c + 8 <= row.count {
            for j in 0..<8 { top[j] = max(top[j], row[c + j]) }
            c += 8
        }
        var m = max(max(max(top[0], top[1]), max(top[2], top[3])), max(max(top[4], top[5]), max(top[6], top[7])))
        while c < row.count { m = max(m, row[c]); c += 1 }
        let e = row.map { Float.fastExp($0 - m) }
        var part = [Float](repeating: 0, count: 8)
        c = 0
        while c + 8 <= e.count {
            for j in 0..<8 { part[j] += e[c + j] }
            c += 8
        }
        var total = (part[0] + part[1]) + (part[2] + part[3]) + (part[4] + part[5]) + (part[6] + part[7])
        while c < e.count { total += e[c]; c += 1 }
        let inv = 1 / total
        return e.map { $0 * inv }
    }

    @Test(arguments: [1, 3, 8, 13, 64, 100])
    func rowsMatchTheDefinitionAndTheEntrywiseArithmetic(cols: Int) {
        var random = SplitMix64(seed: UInt64(cols))
        let rows = 5
        var block = (0..<rows * cols).map { _ in Float(Double(random.next() % 20_001) / 1_000 - 10) }
        let rowsBefore = (0..<rows).map { Array(block[$0 * cols..<($0 + 1) * cols]) }
        block.withUnsafeMutableBufferPointer { Float.softmaxRows($0.baseAddress!, rows: rows, cols: cols) }
        for (r, row) in rowsBefore.enumerated() {
            let got = Array(block[r * cols..<(r + 1) * cols])
            #expect(got == Self.reference(row), "cols \(cols), row \(r)")
            let m = row.map(Double.init).max()!
            let e = row.map { Foundation.exp(Double($0) - m) }
            let total = e.reduce(0, +)
            for (g, x) in zip(got, e) { #expect(Swift.abs(Double(g) - x / total) <= 1e-6, "cols \(cols), row \(r)") }
        }
        var doubles = rowsBefore.flatMap { $0.map(Double.init) }
        doubles.withUnsafeMutableBufferPointer { Double.softmaxRows($0.baseAddress!, rows: rows, cols: cols) }
        for r in 0..<rows {
            let row = rowsBefore[r].map(Double.init), m = row.max()!
            let total = row.reduce(0) { $0 + Foundation.exp($1 - m) }
            for c in 0..<cols { #expect(Swift.abs(doubles[r * cols + c] - Foundation.exp(row[c] - m) / total) <= 1e-15, "cols \(cols)") }
        }
    }
}
