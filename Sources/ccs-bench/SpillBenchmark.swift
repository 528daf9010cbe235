import CrossCountry
import Foundation

/// How many vector values the C compiler keeps on the stack in the generated vector kernels: per
/// task and order, the library source a plan of 512 points compiles, compiled to assembly with the
/// plan's compiler and flags, and the vector (`zmm`/`ymm`) instructions counted, all of them and
/// those with an operand on the stack (spills and their reloads).
enum SpillBenchmark {
    static func run() throws {
        let toolchain = try NativeToolchain.fromEnvironment()
        let folder = NSTemporaryDirectory() + "ccs-bench-spills-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var rows: [[String]] = []
        let graphs = try JacobianBenchmark.traced(["RoeFlux_1d", "RobotArm_6DOF", "HumanHeartDipole", "PropaneCombustion"])
            + [try BenchGraphs.perceptron()]
        for g in graphs {
            let game = try EliminationGame(g.graph)
            for (name, order) in [("forward", game.forwardOrder), ("reverse", game.reverseOrder), ("Markowitz", game.markowitzOrder())] {
                let source = try JacobianSource(g, order: order, form: .library, versions: .lanes)
                let (vector, stack) = try count(source.text, toolchain, folder: folder)
                rows.append([g.graph.name, name, "\(source.counts.total)", "\(vector)", "\(stack)"])
            }
        }
        print(TextTable(header: ["graph", "order", "operations/point", "vector instructions", "with a stack operand"], rows: rows).text)
    }

    /// The vector instructions of a source's assembly, and those reading or writing the stack.
    static func count(_ source: String, _ toolchain: NativeToolchain, folder: String) throws -> (vector: Int, stack: Int) {
        let c = folder + "/kernel.c", s = folder + "/kernel.s"
        try source.write(toFile: c, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: toolchain.compiler)
        process.arguments = toolchain.flags + toolchain.extras + ["-fPIC", "-S", "-o", s, c]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("\(toolchain.compiler) failed on the generated source") }
        var vector = 0, stack = 0
        for line in try String(contentsOfFile: s, encoding: .utf8).split(separator: "\n") where line.hasPrefix("\t") {
            guard line.contains("%zmm") || line.contains("%ymm") else { continue }
            vector += 1
            if line.contains("(%rsp)") || line.contains("(%rbp)") { stack += 1 }
        }
        return (vector, stack)
    }
}
