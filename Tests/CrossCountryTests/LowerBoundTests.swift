@testable import CrossCountry
import Testing

/// The lower bound (floors, pair and chain terms) never exceeds the true optimum — from the start
/// and from positions part-way through the game — on random scalar and tensor-typed graphs solved
/// by brute force.
@Suite struct LowerBoundTests {
    @Test(arguments: [false, true])
    func neverAboveTheOptimum(tensor: Bool) throws {
        var tight = 0, positive = 0, strengthened = 0, chained = 0
        let count = RandomGraphs.count(150)
        for seed in UInt64(1)...UInt64(count) {
            let graph = RandomGraphs.make(seed: seed &* 7919 &+ (tensor ? 1 : 0), eliminable: 3 + Int(seed % 7), tensor: tensor)
            let game = try EliminationGame(graph)
            var bound = try #require(LowerBound(game: game))
            let optimum = BruteForce.optimum(game)
            let value = bound.value(for: game.start())
            var floor = [Int](repeating: 0, count: game.vertexCount + 1)
            if value > bound.floorSum(for: game.start(), into: &floor) { strengthened += 1 }
            var used = [Bool](repeating: false, count: game.vertexCount + 1)
            if bound.chainGains(game.start(), floor: floor, used: &used) > 0 { chained += 1 }
            #expect(Double(value) <= optimum, "seed \(seed): bound \(value) > optimum \(optimum)")
            if Double(value) == optimum { tight += 1 }
            if value > 0 { positive += 1 }
            // Part-way: after a random part of a random order.
            var rng = SplitMix64(seed: seed)
            var state = game.start()
            let steps = Int(rng.next() % UInt64(game.eliminable.count))
            for v in game.eliminable.shuffled(using: &rng).prefix(steps) { state.eliminate(v) }
            let rest = BruteForce.optimum(from: state)
            let partial = bound.value(for: state)
            #expect(Double(partial) <= rest, "seed \(seed): bound \(partial) > optimum \(rest) after \(steps) steps")
        }
        // The bound is not vacuous: often positive, and on scalar graphs usually tight.
        #expect(positive > count * 2 / 3)
        if !tensor { #expect(tight > count / 2) }
        // The pair and chain terms take part, so the check above covers them too.
        #expect(strengthened > count / 50)
        if tensor { #expect(chained > count / 5) }
    }
}
