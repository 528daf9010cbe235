import CCSTestSupport
@testable import CrossCountry
import Testing

/// The `code` model's value tables (`CodeValueTable`): however often tables retire and positions
/// move on to new ones, every step costs what it costs in one table that keeps everything — and
/// what the generated C executes — while the tables alive stay within a bound set by the capacity
/// and the live positions, which one table keeping everything passes.
@Suite struct CodeValueTableTests {
    /// `code` with tables that retire after `capacity` entries.
    static func code(capacity: Int) -> CostModel {
        .following("code") { numeric throws(GraphError) in CodeAlgebra(numeric, tableCapacity: capacity) }
    }

    static func algebra(_ game: EliminationGame) -> CodeAlgebra { game.sharing as! CodeAlgebra }

    /// On random scalar programs, with tables of 64 entries (a position moves on nearly every
    /// step): each step costs what `costOfEliminating` predicted and what one table that never
    /// retires charges, and the total is what the C executes beyond the fixed operations, read
    /// back from its text. On tensor programs, the same against the table that never retires.
    @Test func retiringTablesChangesNoCost() throws {
        var generator = RandomPrograms(seed: 23)
        var retirements = 0
        for k in 0..<RandomGraphs.count(60) {
            let g = generator.make(scalarOnly: k % 2 == 0).graph
            let small = try EliminationGame(g, model: Self.code(capacity: 64))
            let whole = try EliminationGame(g, model: Self.code(capacity: .max))
            for (name, order) in CostModelTests.orders(small, seed: UInt64(k)) {
                let label = "program \(k), \(name) \(order)"
                let steps = CostModelTests.played(small, order, label)
                #expect(steps == (try whole.cost(of: order)).steps, "\(label)")
                if k % 2 == 0 {
                    let r = try CodeModelComparison(g, order)
                    let fixed = CostModel.fixedOperations(of: g)
                    let executed = r.c.multiplications + r.c.additions - fixed.multiplications - fixed.additions
                    #expect(steps.reduce(0, +) == Double(executed), "\(label): C \(r.c)")
                }
            }
            retirements += Self.algebra(small).generation
        }
        #expect(retirements > 0, "the small tables never retired")
    }

    /// A seeded annealing search does the same work and finds the same order at the same cost
    /// whether or not its positions move between tables on the way (its snapshots compare
    /// positions, which in different tables never count as the same).
    @Test func searchFindsTheSameOrder() throws {
        var generator = RandomPrograms(seed: 29)
        for k in 0..<RandomGraphs.count(3) {
            let g = generator.make().graph
            let options = SearchOptions(method: .annealing, seed: UInt64(k + 1), chains: 2, rounds: 2)
            let small = try EliminationGame(g, model: Self.code(capacity: 64)).search(options)
            let whole = try EliminationGame(g, model: Self.code(capacity: .max)).search(options)
            #expect(small.order == whole.order && small.cost == whole.cost, "program \(k)")
            #expect(small.cost == (try EliminationGame(g, model: .code).playedCost(small.order)), "program \(k)")
        }
    }

    /// A long sequence of plays, trials rolled back, copies and resets over four positions: with
    /// tables of `capacity` entries the tables alive never hold more than twice the capacity plus
    /// what the positions carry: their live edges and computed values), each step costs what a
    /// fresh play charges — and one table that never retires grows past that bound.
    static let capacity = 256

    /// A random scalar program of `vertices` operations on four inputs, each on one or two
    /// earlier values (one of the last two), with three outputs: every edge carries a value, and most reach an output.
    static func scalarProgram(vertices: Int, seed: UInt64) throws -> NumericGraph {
        var rng = SplitMix64(seed: seed)
        let b = GraphBuilder(name: "scalar")
        var values = try (0..<4).map { try b.input("x\($0)", Tensor(0.3 + 0.2 * Double($0))) }
        for _ in 0..<vertices {
            let x = values[values.count - 1 - Int(rng.next() % 2)], y = values[Int(rng.next() % UInt64(values.count))]
            let primitive = [Primitive.mul, .add, .sub, .sin, .cos][Int(rng.next() % 5)]
            values.append(try b.apply(primitive, primitive == .sin || primitive == .cos ? [x] : [x, y]))
        }
        for value in values.suffix(3) { try b.markOutput(value) }
        return try b.build()
    }

    @Test func tablesStayBounded() throws {
        let g = try Self.scalarProgram(vertices: 40, seed: 31)
        func run(capacity: Int) throws -> (largest: Int, bound: Int) {
            let game = try EliminationGame(g, model: Self.code(capacity: capacity))
            let oracle = try EliminationGame(g, model: .code)
            var rng = SplitMix64(seed: 3)
            var states = (0..<4).map { _ in game.start() }
            var largest = 0, bound = Int.min
            for round in 0..<10_000 {
                let k = Int(rng.next() % 4)
                switch rng.next() % 8 {
                case 0: states[k].reset()
                case 1:
                    let other = states[Int(rng.next() % 4)]
                    states[k].assign(from: other)
                case 2:
                    let remaining = game.eliminable.filter { !states[k].isEliminated($0) }
                    guard !remaining.isEmpty else { break }
                    states[k].startTrial()
                    for v in remaining.shuffled(using: &rng).prefix(3) { states[k].eliminate(v) }
                    states[k].rollBack()
                default:
                    let remaining = game.eliminable.filter { !states[k].isEliminated($0) }
                    guard let v = remaining.randomElement(using: &rng) else {
                        states[k].reset()
                        break
                    }
                    var replay = oracle.start()
                    for u in states[k].eliminated { replay.eliminate(u) }
                    #expect(states[k].eliminate(v) == replay.eliminate(v), "round \(round): v\(v)")
                }
                let carried = states.reduce(0) { total, s in
                    total + s.computed.count + (0..<game.vertexCount).reduce(0) { $0 + s.attributes.predecessorCount($1) }
                }
                let tables = Self.algebra(game).liveTables
                largest = max(largest, tables.entries)
                bound = max(bound, tables.entries - 2 * (Self.capacity + carried))
                #expect(tables.count <= states.count + 1, "round \(round): \(tables.count) tables alive")
            }
            return (largest, bound)
        }
        let bounded = try run(capacity: Self.capacity)
        #expect(bounded.bound <= 0, "the tables passed 2 × (capacity + carried) by \(bounded.bound) entries")
        let unbounded = try run(capacity: .max)
        #expect(unbounded.bound > 0, "one table that keeps everything stayed within the bound (\(unbounded.largest) entries)")
    }
}
