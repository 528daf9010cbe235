import CCSTestSupport
@testable import CrossCountry
import Foundation
import Testing

/// Plans of real program size: building one holds to a memory limit, stops on a raised flag, and
/// native code too large to compile in reasonable time is refused before it is generated in full,
/// leaving the interpreter plan and a one-line note.
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

    /// The 10,000-vertex chain's code would take the C compiler many minutes: it is refused while
    /// being generated, and the plan answers in the interpreter, equal to an interpreter plan.
    @Test func codeTooLargeToCompileRunsInTheInterpreterWithANote() throws {
        let g = try Self.chain(iterations: 2_500)
        let order = try EliminationGame(g.graph).markowitzOrder()
        let native = try JacobianPlan(g, order: order, backend: .native)
        #expect(native.backend == .interpreter)
        #expect(native.compileSeconds == nil)
        let note = try #require(native.nativeNote)
        #expect(note.contains("more than the C compiler handles in about a minute") && !note.contains("\n"), "\(note)")
        let interpreted = try JacobianPlan(g, order: order, backend: .interpreter)
        #expect(try native.jacobian(at: g.inputValues).blocks == interpreted.jacobian(at: g.inputValues).blocks)
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
