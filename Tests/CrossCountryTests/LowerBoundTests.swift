@testable import CrossCountry
import Testing

/// The lower bound never exceeds the true optimum — from the start and from positions part-way
/// through the game — on random scalar and tensor-typed graphs solved by brute force.
@Suite struct LowerBoundTests {
    @Test(arguments: [false, true])
    func neverAboveTheOptimum(tensor: Bool) throws {
        var tight = 0, positive = 0
        for seed in UInt64(1)...150 {
            let graph = RandomGraphs.make(seed: seed &* 7919 &+ (tensor ? 1 : 0), eliminable: 3 + Int(seed % 5), tensor: tensor)
            let game = try EliminationGame(graph)
            var bound = LowerBound(game: game)
            let optimum = BruteForce.optimum(game)
            let value = bound.value(for: game.start())
            #expect(value <= optimum, "seed \(seed): bound \(value) > optimum \(optimum)")
            if value == optimum { tight += 1 }
            if value > 0 { positive += 1 }
            // Part-way: after the first two vertices of the reverse order.
            var state = game.start()
            for v in game.reverseOrder.prefix(2) { state.eliminate(v) }
            let rest = BruteForce.optimum(from: state)
            let partial = bound.value(for: state)
            #expect(partial <= rest, "seed \(seed): bound \(partial) > optimum \(rest) after two steps")
        }
        // The bound is not vacuous: often positive, and on scalar graphs usually tight.
        #expect(positive > 100)
        if !tensor { #expect(tight > 75) }
    }
}
