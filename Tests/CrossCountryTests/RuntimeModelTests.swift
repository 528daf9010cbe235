@testable import CrossCountry
import Foundation
import Testing

/// The `runtime` model at fixed prices (nothing is timed, so every result is exact), against
/// hand-counted steps, the `code` model it prices, and its own linearity in the prices; and the
/// calibration's cache: written whole, read back, rebuilt when corrupt, a clear error without a
/// compiler.
@Suite struct RuntimeModelTests {
    static func table(_ seed: UInt64) -> RuntimeTable {
        var rng = SplitMix64(seed: seed)
        var table = RuntimeTable.uniform(0)
        for field in RuntimeTable.fields { table[keyPath: field.path] = Double(Int.random(in: 1...9, using: &rng)) / 4 }
        return table
    }

    /// One straight-line product formed fresh costs a multiplication; added onto a computed edge,
    /// one fused multiply-add.
    @Test func aStepCostsItsOperationsAtTheirPrices() throws {
        var prices = RuntimeTable.uniform(100)
        (prices.multiply, prices.add, prices.fused) = (3, 5, 7)
        for (onto, expected) in [(true, 7.0), (false, 3.0)] {
            let b = GraphBuilder(name: "f")
            let x = try b.input("x", Tensor(0.5)), y = try b.input("y", Tensor(2))
            let s = try b.apply(.sin, [x])
            try b.markOutput(try b.apply(.mul, [s, onto ? x : y]))
            let g = try b.build()
            #expect(try EliminationGame(g, model: .runtime(prices)).cost(of: [1]).total == expected)
            #expect(try EliminationGame(g, model: .code).cost(of: [1]).total == (onto ? 2 : 1))
        }
    }

    /// Priced at 1 per multiplication and addition and 2 per fused pair, `runtime` is `code`, on
    /// scalar and tensor programs alike; its steps add up to its total, each as predicted; and its
    /// cost is linear in the prices.
    @Test func theModelIsTheCodeModelAtItsPricesAndAddsUp() throws {
        var unit = RuntimeTable.uniform(1)
        unit.fused = 2
        var generator = RandomPrograms(seed: 31)
        for k in 0..<RandomGraphs.count(60) {
            let g = generator.make(scalarOnly: k % 2 == 0).graph
            let code = try EliminationGame(g, model: .code)
            let (a, b) = (Self.table(UInt64(2 * k)), Self.table(UInt64(2 * k + 1)))
            var sum = a
            for field in RuntimeTable.fields { sum[keyPath: field.path] += b[keyPath: field.path] }
            let games = try [unit, a, b, sum].map { try EliminationGame(g, model: .runtime($0)) }
            for (name, order) in CostModelTests.orders(code, seed: UInt64(k)) {
                let label = "program \(k), \(name)"
                #expect(try games[0].cost(of: order) == code.cost(of: order), "\(label)")
                let steps = CostModelTests.played(games[1], order, label)
                let cost = try games[1].cost(of: order)
                #expect(cost.steps == steps && cost.total == steps.reduce(0, +), "\(label)")
                let (ca, cb, cs) = (cost.total, try games[2].cost(of: order).total, try games[3].cost(of: order).total)
                #expect(abs(cs - (ca + cb)) <= 1e-9 * max(cs, 1), "\(label): \(cs) ≠ \(ca) + \(cb)")
            }
        }
    }

    /// A large product is a loop, which folds nothing: priced per multiplication at its loop's price.
    @Test func aLargeProductIsPricedAsItsLoop() throws {
        let n = 17
        var prices = RuntimeTable.uniform(0)
        prices.loopMatrix = 1
        let b = GraphBuilder(name: "matrix")
        let w = try b.input("W", try Tensor(shape: .matrix(n, n), scalars: (0..<(n * n)).map { Double($0 % 7) / 10 }))
        let x = try b.input("x", try Tensor(shape: .vector(n), scalars: (0..<n).map { Double($0) / 10 }))
        let h = try b.apply(.tanh, [try b.apply(.dot(lhs: 1, rhs: 0), [w, x])])
        try b.markOutput(try b.apply(.dot(lhs: 1, rhs: 0), [w, h]))
        let g = try b.build()
        // Straight-line code with the products as loops, not a table kernel (priced otherwise).
        #expect(!JacobianKernel.runsAsTable(g))
        // v1 = W·x, v2 = tanh(v1), v3 = W·v2: eliminating v2 first multiplies W (17×17) by the
        // diagonal of tanh' — index triples, free at these prices; then v1 multiplies the 17×17
        // result by ∂v1/∂W (blocks) and by W: matrix products, whose sums are free too.
        let game = try EliminationGame(g, model: .runtime(prices))
        let cost = try game.cost(of: [2, 1])
        #expect(cost.steps[0] == 0)
        #expect(cost.steps[1] == Double(try g.exactCost(of: [2, 1]).steps[1]))
    }

    // MARK: Calibration

    /// A private cache folder and the compiler the other native tests use.
    static func environment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = NSTemporaryDirectory() + "ccs-runtime-tests-\(getpid())"
        return environment
    }

    @Test func calibrationIsCachedWholeAndRebuiltWhenCorrupt() throws {
        let environment = Self.environment()
        defer { try? FileManager.default.removeItem(atPath: environment["XDG_CACHE_HOME"]!) }
        guard (try? NativeToolchain.fromEnvironment(environment)) != nil else { return }
        let table = try RuntimeCalibration.table(environment: environment)
        for field in RuntimeTable.fields {
            let value = table[keyPath: field.path]
            #expect(value.isFinite && value > 0, "\(field.name) = \(value)")
        }
        let path = RuntimeCalibration.tablePath(try .fromEnvironment(environment), try .open(environment))
        #expect(RuntimeCalibration.cached(at: path) == table)
        #expect(RuntimeCalibration.isCalibrated(environment: environment))
        // A file cut short or with a wrong number is no table; the calibration writes a whole one again.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for broken in [String(text.prefix(text.count / 2)), text.replacingOccurrences(of: "add ", with: "add x"), "ccs-runtime 0\n" + text.dropFirst(14)] {
            try broken.write(toFile: path, atomically: true, encoding: .utf8)
            #expect(RuntimeCalibration.cached(at: path) == nil, "\(broken)")
        }
        let again = try RuntimeCalibration.recalibrate(environment: environment)
        #expect(RuntimeCalibration.cached(at: path) == again)
    }

    @Test func noCompilerIsAClearError() {
        var environment = Self.environment()
        environment["CCS_CC"] = "/nonexistent/cc"
        #expect(throws: NativeError.noCompiler("no C compiler: CCS_CC=/nonexistent/cc does not exist")) {
            try RuntimeCalibration.table(environment: environment)
        }
        #expect(!RuntimeCalibration.isCalibrated(environment: environment))
    }
}
