import CrossCountry
import Foundation

/// An exported Jacobian (`export_c`) built into a program by the system C compiler, which reads
/// point-major inputs and prints its Jacobians and outputs through the header's two functions; and
/// the interpreter's numbers in the export's layout, its oracle.
public struct ExportHarness {
    public let source: JacobianSource
    let binary: String

    /// Writes the export of (graph, order) and a main beside it into `folder` as `base`, and builds
    /// them with `flags`; nil with the compiler's message when the build fails.
    public static func build(_ graph: NumericGraph, order: [Int], folder: String, base: String,
                             flags: [String]) throws -> Result<ExportHarness, BuildFailure> {
        let source = try JacobianSource(graph, order: order, form: .export(graph.graph.name))
        try source.write(base: "\(folder)/\(base)")
        let name = source.name ?? ""
        let (nin, njac, nout) = (source.inputCount, source.jacobianCount, source.outputCount)
        let main = """
            #include <stdio.h>
            #include <stdlib.h>
            #include "\(base).h"
            int main(int argc, char **argv) {
                long n = atol(argv[1]);
                double *x = malloc(sizeof(double) * n * \(nin)), *j = malloc(sizeof(double) * n * \(njac)), *y = malloc(sizeof(double) * n * \(nout));
                for (long i = 0; i < n * \(nin); i++) if (scanf("%lf", &x[i]) != 1) return 2;
                \(name)_jacobian(x, j, n);
                \(name)_outputs(x, y, n);
                for (long i = 0; i < n * \(njac); i++) printf("%a\\n", j[i]);
                for (long i = 0; i < n * \(nout); i++) printf("%a\\n", y[i]);
                return 0;
            }
            """
        let binary = "\(folder)/\(base)-main-\(flags.joined().filter(\.isLetter))"
        try main.write(toFile: "\(folder)/\(base)-main.c", atomically: true, encoding: .utf8)
        let (status, output) = try run("/usr/bin/cc", flags + ["-Wall", "-o", binary, "\(folder)/\(base)-main.c", "\(folder)/\(base).c", "-lm"])
        guard status == 0 else { return .failure(BuildFailure(message: "\(flags): \(output)")) }
        return .success(ExportHarness(source: source, binary: binary))
    }

    /// Why a build failed: the flags and the compiler's output.
    public struct BuildFailure: Error, CustomStringConvertible {
        public let description: String
        init(message: String) { description = message }
    }

    /// The program's Jacobians and outputs at n point-major points.
    public func run(_ x: [Double], points n: Int) throws -> (jacobian: [Double], outputs: [Double])? {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("in-\(UUID().uuidString)")
        try x.map { String(format: "%a", $0) }.joined(separator: "\n").write(to: input, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: input) }
        let (status, printed) = try Self.run("/bin/sh", ["-c", "\(binary) \(n) < \(input.path)"])
        let values = printed.split(separator: "\n").compactMap { Double(String($0)) }
        let njac = n * source.jacobianCount
        guard status == 0, values.count == njac + n * source.outputCount else { return nil }
        return (Array(values[..<njac]), Array(values[njac...]))
    }

    /// Runs the export at n seeded points of `graph` (laid out point-major) against the
    /// interpreter's numbers for `order`: nil when they agree within `tolerance`, else what differs.
    public func mismatch(_ graph: NumericGraph, order: [Int], points n: Int, tolerance: Double) throws -> String? {
        let innermost = NativeComparison.points(graph, batch: n, seed: UInt64(n)), nin = source.inputCount
        let x = (0..<n).flatMap { p in (0..<nin).map { innermost[$0 * n + p] } }
        guard let computed = try run(x, points: n) else { return "the program failed or printed too few numbers" }
        return Self.mismatch(computed, try Self.interpreted(graph, order: order, x, points: n), points: n, tolerance: tolerance)
    }

    /// The interpreter's Jacobians and outputs at n point-major points, laid out as the export's.
    public static func interpreted(_ graph: NumericGraph, order: [Int], _ x: [Double], points n: Int) throws -> (jacobian: [Double], outputs: [Double]) {
        let interpreter = try JacobianPlan(graph, order: order, batchSize: max(n, 2), backend: .interpreter)
        let size = interpreter.batchSize, nin = interpreter.inputCount, nout = interpreter.outputCount
        var xi = [Double](repeating: 0, count: nin * size)
        for p in 0..<size { for i in 0..<nin { xi[i * size + p] = x[min(p, n - 1) * nin + i] } }
        var jacobian = [Double](repeating: 0, count: interpreter.jacobianCount * size)
        var outputs = [Double](repeating: 0, count: nout * size)
        try xi.withUnsafeBufferPointer { i in
            try jacobian.withUnsafeMutableBufferPointer { j in
                try outputs.withUnsafeMutableBufferPointer { o in try interpreter.evaluate(inputs: i, jacobian: j, outputs: o) }
            }
        }
        // Point p, entry (row, column) of the export against the plan's blocks.
        let g = graph.graph, njac = interpreter.jacobianCount
        var expected = [Double](repeating: 0, count: n * njac), row = 0
        for (o, output) in g.outputs.enumerated() {
            var column = 0
            for (i, input) in g.inputs.enumerated() {
                let rows = g.vertices[output - 1].shape.count, columns = input.shape.count
                for a in 0..<rows {
                    for b in 0..<columns {
                        for p in 0..<n {
                            expected[p * njac + (row + a) * nin + column + b] = jacobian[(interpreter.jacobianOffsets[o][i] + a * columns + b) * size + p]
                        }
                    }
                }
                column += columns
            }
            row += g.vertices[output - 1].shape.count
        }
        return (expected, (0..<n).flatMap { p in (0..<nout).map { outputs[$0 * size + p] } })
    }

    /// The first difference between the export's and the interpreter's point-major numbers (as
    /// `NativeComparison.mismatch` compares them).
    public static func mismatch(_ export: (jacobian: [Double], outputs: [Double]), _ expected: (jacobian: [Double], outputs: [Double]),
                                points n: Int, tolerance: Double) -> String? {
        func batchInnermost(_ v: [Double]) -> [Double] {
            let width = v.count / n
            return (0..<width).flatMap { e in (0..<n).map { v[$0 * width + e] } }
        }
        return NativeComparison.mismatch(batchInnermost(export.jacobian), batchInnermost(expected.jacobian), batch: n, tolerance: tolerance)
            ?? NativeComparison.mismatch(batchInnermost(export.outputs), batchInnermost(expected.outputs), batch: n, tolerance: tolerance)
    }

    /// Runs a program; its status and its standard output and error together.
    public static func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
