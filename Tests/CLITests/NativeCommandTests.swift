import Foundation
import Testing

/// Compiled Jacobians from the command line: `ccs export` writes C that compiles on its own and
/// agrees with `ccs -e`'s interpreter; without a working C compiler a script still gets its
/// Jacobian, with one note on standard error saying why it ran in the interpreter.
@Suite(.serialized) struct NativeCommandTests {
    static let script = """
        fn f(x, y) = (x * sin(y), exp(x) / y, x * y)
        let j = jacobian(f, order: reverse)
        j(1, 2)
        """

    /// A fresh cache, so that the run compiles (or fails to) instead of loading a library.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        ["XDG_CACHE_HOME": NSTemporaryDirectory() + "ccs-cli-cache-\(UUID().uuidString)"].merging(extra) { $1 }
    }

    @Test func aScriptsJacobianCompilesAndSaysSo() throws {
        let native = try CLI.run(["-e", Self.script], environment: Self.environment())
        #expect(native.status == 0, "\(native.error)")
        #expect(native.error.contains("ccs: note: jacobian(f): compiled natively in"), "\(native.error)")
        let interpreted = try CLI.run(["-e", Self.script.replacingOccurrences(of: "order: reverse", with: "order: reverse, backend: \"interpreter\"")],
                                      environment: Self.environment())
        #expect(interpreted.status == 0, "\(interpreted.error)")
        #expect(interpreted.error.isEmpty, "\(interpreted.error)")
        #expect(native.output == interpreted.output)
        #expect(native.output.contains("0.909297"), "\(native.output)")
    }

    @Test(arguments: [["CCS_CC": "/nonexistent/cc"], ["CCS_CFLAGS": "-O2 --no-such-flag"]])
    func withoutAWorkingCompilerTheInterpreterAnswersWithANote(_ broken: [String: String]) throws {
        let result = try CLI.run(["-e", Self.script], environment: Self.environment(broken))
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("0.909297"), "\(result.output)")
        let notes = result.error.split(separator: "\n")
        #expect(notes.count == 1 && notes[0].hasPrefix("ccs: note: jacobian(f): ") && notes[0].contains("interpreting"), "\(result.error)")
    }

    /// `ccs export` of a stdlib task by its function name: the C and header compile as C99 with the
    /// system compiler, and a driver's Jacobian at the task's point equals what `ccs -e` prints.
    @Test func exportWritesCThatCompilesAndAgreesWithTheInterpreter() throws {
        let folder = NSTemporaryDirectory() + "ccs-export-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let export = try CLI.run(["export", "stdlib/tasks/HumanHeartDipole.ccs", "--graph", "HumanHeartDipole", "--order", "reverse",
                                  "--out", folder + "/hhd"])
        #expect(export.status == 0, "\(export.error)")
        #expect(export.output.contains("HumanHeartDipole_jacobian"), "\(export.output)")
        let header = try String(contentsOfFile: folder + "/hhd.h", encoding: .utf8)
        #expect(header.contains("void HumanHeartDipole_jacobian(const double *x, double *jac, long n)"), "\(header)")

        // 8 inputs at 0.15, 8 outputs: print the 64 entries row by row.
        let driver = """
            #include <stdio.h>
            #include "hhd.h"
            int main(void) {
                double x[8], jac[64];
                for (int i = 0; i < 8; i++) x[i] = 0.15;
                HumanHeartDipole_jacobian(x, jac, 1);
                for (int i = 0; i < 64; i++) printf("%.17g\\n", jac[i]);
                return 0;
            }
            """
        try driver.write(toFile: folder + "/main.c", atomically: true, encoding: .utf8)
        let compile = try CLI.run(["-std=c99", "-O2", "-o", folder + "/main", folder + "/main.c", folder + "/hhd.c", "-lm"], executable: "/usr/bin/cc")
        #expect(compile.status == 0, "\(compile.error)")
        let run = try CLI.run([], executable: folder + "/main")
        let native = run.output.split(separator: "\n").compactMap { Double($0) }
        #expect(native.count == 64)

        let reference = try CLI.run(["-e", """
            let t = use("stdlib/tasks/HumanHeartDipole.ccs")
            let j = jacobian(t.traced, order: reverse)
            for o in 0..8 { for i in 0..8 { print(j[o, i]) } }
            """])
        #expect(reference.status == 0, "\(reference.error)")
        let interpreted = reference.output.split(separator: "\n").compactMap { Double($0) }
        #expect(interpreted.count == 64, "\(reference.output)")
        for (a, b) in zip(native, interpreted) {
            #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "\(a) vs \(b)")
        }
    }

    /// `--model` chooses what `--order search` minimizes: under `code` the search's order costs no
    /// more generated operations than forward mode's (the search starts from the heuristics), and
    /// the note names the model. Beside any other order a model would change nothing, so it is an
    /// error rather than ignored.
    @Test func exportSearchesUnderTheModelGiven() throws {
        let folder = NSTemporaryDirectory() + "ccs-export-model-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let export = try CLI.run(["export", "stdlib/tasks/RoeFlux_1d.ccs", "--graph", "RoeFlux_1d", "--order", "search",
                                  "--seconds", "0.5", "--model", "code", "--out", folder + "/roe"])
        #expect(export.status == 0, "\(export.error)")
        let note = try #require(export.error.split(separator: "\n").first { $0.hasPrefix("note: searched under code: cost ") }, "\(export.error)")
        let searched = try #require(Double(note.split(separator: " ").last ?? ""), "\(note)")
        let forward = try CLI.run(["-e", """
            let t = use("stdlib/tasks/RoeFlux_1d.ccs")
            print(cost(t.traced, forward, model: code))
            """])
        let forwardCost = try #require(Double(forward.output.trimmingCharacters(in: .whitespacesAndNewlines)), "\(forward.output)\(forward.error)")
        #expect(searched <= forwardCost, "searched \(searched), forward \(forwardCost)")

        let beside = try CLI.run(["export", "stdlib/tasks/RoeFlux_1d.ccs", "--graph", "RoeFlux_1d", "--order", "reverse",
                                  "--model", "code", "--out", folder + "/rev"])
        #expect(beside.status == 64, "\(beside.output)\(beside.error)")
        #expect(beside.error.contains("--model sets what --order search minimizes"), "\(beside.error)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/rev.c"))

        // A model that prices a step below zero is reported once, as the language reports it.
        try "fn m(ins, outs) = len(ins) - 5\n".write(toFile: folder + "/negative.ccs", atomically: true, encoding: .utf8)
        let negative = try CLI.run(["export", "stdlib/tasks/RoeFlux_1d.ccs", "--graph", "RoeFlux_1d", "--order", "search",
                                    "--seconds", "0.3", "--model", folder + "/negative.ccs:m", "--out", folder + "/neg"])
        #expect(negative.status == 1, "\(negative.error)")
        #expect(negative.error.contains("ccs: error: the cost model 'm' must give a finite number at least 0"), "\(negative.error)")
        #expect(!negative.error.contains("ExitCode"), "\(negative.error)")
        let missing = try CLI.run(["export", "stdlib/tasks/RoeFlux_1d.ccs", "--graph", "RoeFlux_1d", "--order", "search",
                                   "--model", folder + "/missing.ccs:m", "--out", folder + "/neg"])
        #expect(missing.status == 1 && missing.error.hasPrefix("ccs: error: cannot read"), "\(missing.error)")
        #expect(!missing.error.contains("error: ccs: error"), "\(missing.error)")
    }
}
