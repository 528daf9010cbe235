@testable import CrossCountry
import Testing

/// The timer moves its buffers between slices (so that figures do not depend on one placement in
/// memory): wherever they are placed, the inputs are the timer's points and the Jacobian is the one
/// computed where they started.
@Suite struct JacobianTimerTests {
    @Test func aPlacedTimerComputesTheSameJacobian() throws {
        let b = GraphBuilder(name: "f")
        let x = try b.input("x", Tensor(0.5)), y = try b.input("y", Tensor(2))
        try b.markOutput(try b.apply(.mul, [try b.apply(.sin, [x]), try b.apply(.exp, [y])]))
        try b.markOutput(try b.apply(.div, [x, y]))
        let g = try b.build()
        let plan = try JacobianPlan(g, order: g.graph.eliminableVertices, batchSize: 16, backend: .interpreter)
        var timer = JacobianTimer(plan)
        _ = timer.secondsPerPoint(for: 0)
        let home = Array(timer.buffers.jacobian)
        #expect(home.count == 4 * 16 && home.allSatisfy(\.isFinite))
        var rng = SplitMix64(seed: 9)
        var places = Set<Int>()
        for _ in 0..<20 {
            timer.place(using: &rng)
            places.insert(timer.buffers.inputs.baseAddress! - timer.buffers.inputSpace.baseAddress!)
            #expect(Array(timer.buffers.inputs) == timer.buffers.values)
            timer.buffers.jacobian.update(repeating: .nan)
            _ = timer.secondsPerPoint(for: 0)
            #expect(Array(timer.buffers.jacobian) == home)
        }
        // The buffers did move (20 draws of 4,096 lines all alike would be no placement at all).
        #expect(places.count > 1 && places.allSatisfy { $0 % 8 == 0 })
    }
}
