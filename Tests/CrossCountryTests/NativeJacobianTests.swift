import CCSTestSupport
@testable import CrossCountry
import Foundation
import Synchronization
import Testing

/// Generated C against the interpreter, its oracle: the same plans on the same points, at batch
/// sizes that exercise the one-point path (1), a partial vector (7), many full vectors (512) and
/// vectors with a tail (13).
@Suite(.serialized) struct NativeJacobianTests {
    static let batches = [1, 7, 512, 13]

    /// A private cache folder for the tests' libraries (reused between runs of the suite).
    static func cache() throws -> NativeCache {
        try NativeCache.open(["XDG_CACHE_HOME": NSTemporaryDirectory() + "ccs-tests-\(geteuid())"])
    }

    /// The interpreter's Jacobians and outputs at a batch of points, by its batched loops: at one
    /// point large matrix products go to BLAS, which sums in its own order, so one point is
    /// evaluated as the first of two equal points.
    static func interpreted(_ graph: NumericGraph, _ order: [Int], _ x: [Double], batch: Int) throws -> ([Double], [Double]) {
        let size = max(batch, 2)
        let input = batch == 1 ? x.flatMap { [$0, $0] } : x
        let plan = try JacobianPlan(graph, order: order, batchSize: size, backend: .interpreter)
        var jacobian = [Double](repeating: 0, count: plan.jacobianCount * size)
        var outputs = [Double](repeating: 0, count: plan.outputCount * size)
        try input.withUnsafeBufferPointer { i in
            try jacobian.withUnsafeMutableBufferPointer { j in
                try outputs.withUnsafeMutableBufferPointer { o in try plan.evaluate(inputs: i, jacobian: j, outputs: o) }
            }
        }
        guard batch == 1 else { return (jacobian, outputs) }
        return (stride(from: 0, to: jacobian.count, by: 2).map { jacobian[$0] }, stride(from: 0, to: outputs.count, by: 2).map { outputs[$0] })
    }

    /// The orders the acceptance names: forward, reverse, minimal Markowitz and a searched one.
    static func orders(_ graph: NumericGraph, seed: UInt64) throws -> [[Int]] {
        let game = try EliminationGame(graph.graph)
        let searched = try game.search(SearchOptions(seconds: 1, method: .annealing, seed: seed, chains: 1, rounds: 1)).order
        return [game.forwardOrder, game.reverseOrder, game.markowitzOrder(), searched]
    }

    /// The toolchain of the environment with floating point as the interpreter's: no fused
    /// multiply-add contraction, scalar libm everywhere, and no compile-time evaluation of math
    /// functions (GCC folds sin, asinh, … of a constant exactly, where libm may be an ulp off).
    /// Generated code then performs the interpreter's operations in the interpreter's order and
    /// must give the same numbers.
    static func strictToolchain() throws -> NativeToolchain {
        var environment = ProcessInfo.processInfo.environment
        environment["CCS_CFLAGS"] = (NativeToolchain.defaultFlags + ["-ffp-contract=off", "-fno-builtin"]).joined(separator: " ")
        environment["CCS_LIBMVEC"] = "0"
        return try NativeToolchain.fromEnvironment(environment)
    }

    /// 1,000 random programs (every primitive, scalars, vectors, matrices, broadcasting, repeated
    /// operands) × forward, reverse, Markowitz and a searched order, compiled a few hundred plans
    /// to a library. With the default flags a sum that cancels can differ from the interpreter's in
    /// its last digits by as much as the terms' rounding, unbounded relative to the small result, so
    /// the exactness of the generated operations is checked with the strict toolchain; the default
    /// flags are checked on the stdlib tasks.
    @Test func randomProgramsGiveTheInterpretersNumbersAtEveryBatchSize() throws {
        let count = ProcessInfo.processInfo.environment["CCS_NATIVE_PROGRAMS"].flatMap(Int.init) ?? 1000
        var generator = RandomPrograms(seed: 22)
        var cases: [(graph: NumericGraph, order: [Int])] = []
        for k in 0..<count {
            let program = generator.make(scalarOnly: k % 3 == 0)
            for order in try Self.orders(program.graph, seed: UInt64(k)) { cases.append((program.graph, order)) }
        }
        let toolchain = try Self.strictToolchain()
        let cache = try Self.cache()
        // A few hundred plans to a library, compiled two at a time (one per core). One library in
        // three turns every instruction that computes into a loop and cuts the straight-line code
        // every few operations, and one runs every plan as a table kernel, so that loops, workspace
        // stores, parts and shared routines are checked on every primitive too. Every other library
        // has only the vector functions, so that batches of every size run on padded vectors.
        let chunks = stride(from: 0, to: cases.count, by: 500).map { $0..<min($0 + 500, cases.count) }
        let sources = try chunks.enumerated().map { k, chunk in
            let compilers = try cases[chunk].map { try PlanCompiler($0.graph, order: $0.order) }
            let versions: JacobianSource.Versions = k % 2 == 0 ? .both : .lanes
            switch k % 3 {
            case 0: return try JacobianSource.library(compilers, versions: versions)
            case 1: return try JacobianSource.library(compilers, loopThreshold: 0, partSize: 8, versions: versions)
            default: return try JacobianSource.library(compilers, tables: true, versions: versions)
            }
        }
        let libraries = Mutex([Result<NativeLibrary, NativeError>?](repeating: nil, count: sources.count))
        DispatchQueue.concurrentPerform(iterations: sources.count) { k in
            let result = Result { () throws(NativeError) in try cache.library(source: sources[k], toolchain: toolchain, timeout: 600).0 }
            libraries.withLock { $0[k] = result }
        }
        var checked = 0
        for (k, chunk) in chunks.enumerated() {
            let library = try #require(libraries.withLock { $0[k] }).get()
            for (j, c) in cases[chunk].enumerated() {
                let index = chunk.lowerBound + j
                let entry = try library.entry("ccs_evaluate_\(j)")
                for batch in Self.batches {
                    let x = NativeComparison.points(c.graph, batch: batch, seed: UInt64(index))
                    let (expected, expectedOutputs) = try Self.interpreted(c.graph, c.order, x, batch: batch)
                    var jacobian = [Double](repeating: .nan, count: expected.count)
                    var outputs = [Double](repeating: .nan, count: expectedOutputs.count)
                    entry(x, &jacobian, &outputs, batch)
                    let problem = NativeComparison.mismatch(jacobian, expected, batch: batch, tolerance: 0)
                        ?? NativeComparison.mismatch(outputs, expectedOutputs, batch: batch, tolerance: 0)
                    #expect(problem == nil, "program \(index / 4) \(c.graph.operations.map(\.primitive)), order \(c.order), batch \(batch): \(problem ?? "")")
                    if problem != nil { return }
                    checked += 1
                }
            }
        }
        #expect(checked == cases.count * Self.batches.count)
    }
}
