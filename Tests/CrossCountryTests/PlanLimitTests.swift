import CCSTestSupport
@testable import CrossCountry
import Foundation
import Testing

/// Plans of real program size: building one holds to a memory limit, stops on a raised flag, and
/// native code too large for straight-line C becomes a table kernel that compiles quickly.
struct PlanLimitTests {
    static func chain(iterations: Int) throws -> NumericGraph { try ChainGraph.traced(iterations: iterations) }

    @Test func aPlanPastTheMemoryLimitFailsWithAMessageAndFitsUnderTheDefault() throws {
        let g = try Self.chain(iterations: 500)
        let order = try EliminationGame(g.graph).markowitzOrder()
        #expect(throws: Never.self) { try JacobianPlan(g, order: order, backend: .interpreter) }
        do {
            _ = try JacobianPlan(g, order: order, backend: .interpreter, maxMemory: 100_000)
            Issue.record("a 2,000-vertex plan fit in 100 kB")
        } catch {
            guard case let .memory(needed, limit, _) = error else { throw error }
            #expect(limit == 100_000 && needed > limit)
            #expect(error.description.contains("the plan of chain500 (2002 vertices"), "\(error)")
            #expect(error.description.contains("more than the memory limit of 100 kB (raise it with --max-memory"), "\(error)")
        }
        // The batch multiplies the arena: a limit the plan of one point fits is too small for 4,096 points.
        let one = try JacobianPlan(g, order: order, backend: .interpreter, maxMemory: 20_000_000)
        #expect(one.backend == .interpreter)
        #expect(throws: EvaluationError.self) { try JacobianPlan(g, order: order, batchSize: 4_096, backend: .interpreter, maxMemory: 20_000_000) }
    }

    @Test func anExportPastTheMemoryLimitFailsWithAMessage() throws {
        let g = try Self.chain(iterations: 200)
        let order = try EliminationGame(g.graph).markowitzOrder()
        #expect(throws: Never.self) { try JacobianSource(g, order: order, form: .export("chain")) }
        #expect {
            _ = try JacobianSource(g, order: order, form: .export("chain"), maxMemory: 1_000_000)
        } throws: { error in
            guard case let .memory(_, limit, what) = error as? EvaluationError else { return false }
            return limit == 1_000_000 && what.hasPrefix("the ")
        }
    }

    @Test func aRaisedStopEndsThePlanBeforeItsFirstStep() throws {
        let g = try Self.chain(iterations: 500)
        let order = try EliminationGame(g.graph).markowitzOrder()
        let stop = StopFlag()
        stop.raise()
        #expect(throws: EvaluationError.interrupted) { try JacobianPlan(g, order: order, backend: .native, stop: stop) }
        #expect(throws: EvaluationError.interrupted) { try JacobianSource(g, order: order, form: .library, stop: stop) }
    }

    /// The 10,000-vertex chain's plan is far past what straight-line C compiles in reasonable time:
    /// it becomes a table kernel (a few dozen routines and a program of their arguments), which
    /// compiles quickly and computes what the interpreter does.
    @Test func aPlanTooLargeForStraightLineCodeCompilesAsATable() throws {
        let g = try Self.chain(iterations: 2_500)
        let order = try EliminationGame(g.graph).markowitzOrder()
        let compiler = try PlanCompiler(g, order: order)
        let kernel = try JacobianKernel.make(compiler, pointMajor: false, context: CKernelContext(), statementLimit: KernelBuilder.compileBudget)
        #expect(kernel is TableKernel)
        let source = try JacobianSource(compiler, order: order, form: .library)
        #expect(source.text.contains("ccs_routines_lanes") && source.text.utf8.count < 2_000_000)
        let native = try JacobianPlan(g, order: order, backend: .native)
        #expect(native.backend == .native, "\(native.nativeNote ?? "")")
        let interpreted = try JacobianPlan(g, order: order, backend: .interpreter)
        let a = try native.jacobian(at: g.inputValues).blocks.flatMap { $0.flatMap(\.values) }
        let b = try interpreted.jacobian(at: g.inputValues).blocks.flatMap { $0.flatMap(\.values) }
        #expect(a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 * max(abs($1), 1e-300) }, "\(a) \(b)")
        // Exported, the table writes each point's row-major Jacobian, vectors of points and a tail.
        let folder = NSTemporaryDirectory() + "ccs-table-export-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let built = try ExportHarness.build(g, order: order, folder: folder, base: "chain", flags: ["-O2", "-march=native"])
        guard case let .success(export) = built else { Issue.record("\(built)"); return }
        #expect(export.source.text.contains("ccs_routines_lanes"))
        for n in [1, 11] {
            let problem = try export.mismatch(g, order: order, points: n, tolerance: 1e-12)
            #expect(problem == nil, "n \(n): \(problem ?? "")")
        }
    }

    /// Progress is for phases that run over a second: a quick plan reports nothing, a phase
    /// polled after a second reports where it is.
    @Test func progressComesOnlyFromPhasesLongerThanASecond() throws {
        let reports = ReportLog()
        let g = try Self.chain(iterations: 50)
        _ = try JacobianPlan(g, order: try EliminationGame(g.graph).markowitzOrder(), backend: .interpreter) { reports.append($0) }
        #expect(reports.all.isEmpty)
        let compiled = try JacobianSource(g, order: try EliminationGame(g.graph).markowitzOrder(), form: .library) { reports.append($0) }
        #expect(!compiled.text.isEmpty && reports.all.isEmpty)
        let monitor = PlanMonitor(report: { reports.append($0) })
        monitor.begin(.plan, total: 10)
        try monitor.poll(1)
        Thread.sleep(forTimeInterval: 1.05)
        try monitor.poll(7)
        try monitor.poll(8)
        #expect(reports.all.count == 1 && reports.all.first?.done == 7 && reports.all.first?.total == 10, "\(reports.all)")
        #expect((reports.all.first?.seconds ?? 0) >= 1)
        let slow = PlanProgress(phase: .generation, done: 3, total: 10, seconds: 2.5)
        #expect(slow.description == "generating C · instruction 3 of 10 · 2 s")
        #expect(PlanProgress(phase: .compilation, done: 0, total: 0, seconds: 12.9).description == "compiling C · 12 s")
    }
}

/// Progress reports a test collects.
final class ReportLog: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [PlanProgress] = []
    func append(_ report: PlanProgress) { lock.withLock { reports.append(report) } }
    var all: [PlanProgress] { lock.withLock { reports } }
}
