import CCSTestSupport
import CrossCountry
import Foundation
import Synchronization
import Testing

/// Every stdlib task's Jacobian compiled to native code with the default flags (fused multiply-add,
/// glibc's vector math) against the interpreter, for forward, reverse, Markowitz and a searched
/// order, at batch sizes 1, 7, 512 and 13. (g's point gives NaN primal values — a negative base to
/// a fractional power — which must reach the same Jacobian entries as in the interpreter, through
/// partials such as d(1^y)/dy = 0.)
@Suite(.serialized) struct NativeTaskTests {
    static let batches = [1, 7, 512, 13]

    struct Case: Sendable {
        let task: PaperTask
        let graph: NumericGraph
        let order: [Int]
        let name: String
    }

    static func cases() throws -> [Case] {
        try PaperTask.all.flatMap { task -> [Case] in
            let graph = try task.traced()
            let game = try EliminationGame(graph.graph)
            let searched = try game.search(SearchOptions(seconds: 2, method: .annealing, seed: 1, chains: 1, rounds: 1)).order
            return [("forward", game.forwardOrder), ("reverse", game.reverseOrder), ("markowitz", game.markowitzOrder()), ("searched", searched)]
                .map { Case(task: task, graph: graph, order: $1, name: $0) }
        }
    }

    static func evaluate(_ plan: JacobianPlan, _ x: [Double]) throws -> [Double] {
        var jacobian = [Double](repeating: .nan, count: plan.jacobianCount * plan.batchSize)
        try plan.evaluate(inputs: x, jacobian: &jacobian)
        return jacobian
    }

    @Test func everyTaskAndOrderMatchesTheInterpreterNatively() throws {
        let cases = try Self.cases()
        // Compile every plan first, two at a time (one per core): its one-point library (batches
        // of fewer than eight points) and its vector library (the others).
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: cases.count * 2) { k in
            let c = cases[k / 2]
            guard let plan = try? JacobianPlan(c.graph, order: c.order, batchSize: k % 2 == 0 ? 1 : 8, backend: .native),
                  plan.backend == .native else {
                failures.withLock { $0.append("\(c.task.name) \(c.name): not native") }
                return
            }
            _ = plan
        }
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
        for c in cases {
            for batch in Self.batches {
                let native = try JacobianPlan(c.graph, order: c.order, batchSize: batch, backend: .native)
                #expect(native.backend == .native, "\(c.task.name) \(c.name): \(native.nativeNote ?? "")")
                #expect(native.compileSeconds == nil, "the library compiled above is loaded from the cache")
                let interpreter = try JacobianPlan(c.graph, order: c.order, batchSize: batch, backend: .interpreter)
                let x = NativeComparison.points(c.graph, batch: batch, seed: UInt64(batch))
                let problem = NativeComparison.mismatch(try Self.evaluate(native, x), try Self.evaluate(interpreter, x),
                                                         batch: batch, tolerance: 1e-10)
                #expect(problem == nil, "\(c.task.name) \(c.name) batch \(batch): \(problem ?? "")")
            }
        }
    }

    /// The vector functions of RoeFlux_3d and g are long enough to compile at -O1 in a plan's
    /// vector library (`JacobianSource.longVectorFunction`), so the comparisons above check that
    /// code too; the shorter ones of the other scalar tasks keep -O3.
    @Test func longVectorFunctionsAreAmongTheTasksChecked() throws {
        for name in ["RoeFlux_3d", "g", "RoeFlux_1d", "RobotArm_6DOF"] {
            let graph = try PaperTask.named(name).traced()
            let order = try EliminationGame(graph.graph).markowitzOrder()
            let source = try JacobianSource(graph, order: order, form: .library, versions: .lanes).text
            let lowered = source.contains("#pragma GCC optimize (\"O1\")\n#endif\nstatic void ccs_lanes(")
            #expect(lowered == ["RoeFlux_3d", "g"].contains(name), "\(name)")
        }
    }

    /// The exported C of every scalar task (blocks of constant Jacobian entries, rows written
    /// straight from the vectors, tails) built with `-O3 -march=native` gives the interpreter's
    /// numbers through its declared functions, at a vector with a tail and at many vectors.
    @Test func everyScalarTaskExportsCThatMatchesTheInterpreter() throws {
        let folder = NSTemporaryDirectory() + "ccs-task-export-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for task in PaperTask.all {
            let graph = try task.traced()
            guard graph.graph.inputs.allSatisfy(\.shape.isScalar) else { continue }
            let game = try EliminationGame(graph.graph)
            for (name, order) in [("forward", game.forwardOrder), ("reverse", game.reverseOrder), ("markowitz", game.markowitzOrder())] {
                let built = try ExportHarness.build(graph, order: order, folder: folder, base: "\(task.name)_\(name)", flags: ["-O3", "-march=native"])
                guard case let .success(export) = built else {
                    Issue.record("\(task.name) \(name): \(built)")
                    continue
                }
                for n in [13, 512] {
                    let problem = try export.mismatch(graph, order: order, points: n, tolerance: 1e-10)
                    #expect(problem == nil, "\(task.name) \(name) n \(n): \(problem ?? "")")
                }
            }
        }
    }
}
