@testable import CrossCountry
import Foundation
import Testing

/// A plan's cache key (`PlanKey`) is computed without generating C, so it must name everything the
/// C depends on: whatever changes the source changes the key, and two plans with one key have one
/// source.
struct PlanKeyTests {
    /// Keys need no compiler: a toolchain that is never run.
    static let toolchain = NativeToolchain(compiler: "/usr/bin/cc", flags: ["-O3"], vectorMath: false, identity: "test")

    static func key(_ graph: NumericGraph, _ order: [Int], _ versions: JacobianSource.Versions = .point) -> String {
        PlanKey.library(graph, order: order, versions: versions, toolchain: toolchain)
    }

    /// The library source a plan compiles.
    static func source(_ graph: NumericGraph, _ order: [Int], _ versions: JacobianSource.Versions = .point) throws -> String {
        try JacobianSource.forCompiling(try PlanCompiler(graph, order: order), order: order, versions: versions, monitor: .unlimited).text
    }

    /// h(x) = sin(x) with the derivative `scale`·cos(x): a custom function whose name and value stay
    /// while its derivative changes.
    static func custom(scale: Double) throws -> CustomFunction {
        func program(_ body: (GraphBuilder, Operand) throws -> Operand) throws -> ElementwiseProgram {
            let b = GraphBuilder(name: "h")
            try b.markOutput(try body(b, try b.input("x", Tensor(0.5))))
            return try ElementwiseProgram(elementwiseTrace: try b.build(), of: "h")
        }
        return try CustomFunction(name: "h", primal: try program { b, x in try b.apply(.sin, [x]) },
                                  derivative: try program { b, x in try b.apply(.mul, [try b.apply(.cos, [x]), .constant(Tensor(scale))]) })
    }

    /// (h(x·c)^n + y, exp(y)·x) traced at (x, y), named `name`, with the outputs as chosen.
    static func graph(name: String = "k", point: (Double, Double) = (0.7, 1.3), c: Double = 0.5, n: Int = 2, scale: Double = 1,
                      outputs: [Int] = [0, 1]) throws -> NumericGraph {
        let b = GraphBuilder(name: name)
        let x = try b.input("x", Tensor(point.0)), y = try b.input("y", Tensor(point.1))
        let h = try b.apply(.custom(try custom(scale: scale)), [try b.apply(.mul, [x, .constant(Tensor(c))])])
        let results = [try b.apply(.add, [try b.apply(.integerPow(n), [h]), y]), try b.apply(.mul, [try b.apply(.exp, [y]), x])]
        for k in outputs { try b.markOutput(results[k]) }
        return try b.build()
    }

    @Test func whateverChangesTheSourceChangesTheKey() throws {
        let base = try Self.graph()
        let order = try EliminationGame(base.graph).reverseOrder
        let (key, source) = (Self.key(base, order), try Self.source(base, order))

        // The same plan traced again, and traced at another point: one key, one source.
        #expect(Self.key(try Self.graph(), order) == key)
        let elsewhere = try Self.graph(point: (-2, 0.25))
        #expect(try Self.source(elsewhere, order) == source, "the source does not depend on the trace point")
        #expect(Self.key(elsewhere, order) == key)

        let variants: [(String, NumericGraph, [Int])] = [
            ("the graph's name", try Self.graph(name: "k2"), order),
            ("a constant by one ulp", try Self.graph(c: 0.5.nextUp), order),
            ("a primitive's parameter", try Self.graph(n: 3), order),
            ("a custom derivative's program", try Self.graph(scale: 2), order),
            ("the outputs", try Self.graph(outputs: [1, 0]), order),
            ("the order", base, try EliminationGame(base.graph).forwardOrder),
        ]
        for (what, graph, order) in variants {
            #expect(try Self.source(graph, order) != source, "\(what) changes the source")
            #expect(Self.key(graph, order) != key, "\(what) changes the key")
        }
        // So do the functions the library has, and the toolchain.
        #expect(try Self.source(base, order, .lanes) != source)
        #expect(Self.key(base, order, .lanes) != key)
        let other = NativeToolchain(compiler: "/usr/bin/cc", flags: ["-O2"], vectorMath: false, identity: "test")
        #expect(PlanKey.library(base, order: order, versions: .point, toolchain: other) != key)
    }

    /// Random programs covering every primitive and shape: no key stands for two sources.
    @Test func randomProgramsWithOneKeyHaveOneSource() throws {
        var generator = RandomPrograms(seed: 11)
        var sources: [String: String] = [:]
        for k in 0..<150 {
            let graph = generator.make(scalarOnly: k % 3 == 0).graph
            let game = try EliminationGame(graph.graph)
            for (order, versions) in [(game.forwardOrder, JacobianSource.Versions.point), (game.reverseOrder, .lanes)] {
                let source = try Self.source(graph, order, versions)
                let earlier = sources.updateValue(source, forKey: Self.key(graph, order, versions))
                #expect(earlier == nil || earlier == source, "program \(k): one key, two sources")
            }
        }
        #expect(sources.count > 150, "the programs differ")
    }
}
