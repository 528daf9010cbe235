import CCSTestSupport
@testable import CrossCountry
import Foundation
import Testing

/// Building native code: the compiler and its failures, the cache and what it refuses to load,
/// exported C compiled on its own, names a user controls, and the operation counts.
@Suite(.serialized) struct NativeBuildTests {
    /// A fresh private cache folder.
    static func freshCache() throws -> NativeCache {
        let folder = NSTemporaryDirectory() + "ccs-cache-test-\(UUID().uuidString)"
        return try NativeCache.open(["XDG_CACHE_HOME": folder])
    }

    /// f(x, y) = (sin(x·y) + x, exp(y) / x): small, with calls, constants and a repeated operand.
    static func graph(named name: String = "f", inputs: (String, String) = ("x", "y")) throws -> NumericGraph {
        let b = GraphBuilder(name: name)
        let x = try b.input(inputs.0, Tensor(0.7)), y = try b.input(inputs.1, Tensor(1.3))
        let s = try b.apply(.sin, [try b.apply(.mul, [x, y])])
        try b.markOutput(try b.apply(.add, [s, x]))
        try b.markOutput(try b.apply(.div, [try b.apply(.exp, [y]), x]))
        return try b.build()
    }

    @Test func sha256MatchesTheStandardsVectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // Fed in pieces that straddle blocks, and as a sequence without contiguous storage.
        var pieces = SHA256()
        for range in [0..<1, 1..<63, 63..<64, 64..<129, 129..<1000, 1000..<million.count] { pieces.update(million[range]) }
        #expect(pieces.finishHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(SHA256.hex(long.lazy.map { $0 }) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func aMissingCompilerOrABrokenFlagIsAOneLineReasonNotACrash() throws {
        #expect(throws: NativeError.noCompiler("no C compiler: CCS_CC=/nonexistent does not exist")) {
            try NativeToolchain.fromEnvironment(["CCS_CC": "/nonexistent", "PATH": "/usr/bin:/bin"])
        }
        let broken = try NativeToolchain.fromEnvironment(["CCS_CFLAGS": "-O3 -fno-such-flag-at-all", "PATH": "/usr/bin:/bin"])
        let graph = try Self.graph()
        let source = try JacobianSource(graph, order: try EliminationGame(graph.graph).forwardOrder, form: .library)
        do {
            _ = try Self.freshCache().library(source: source.text, toolchain: broken)
            Issue.record("a broken flag compiled")
        } catch let error as NativeError {
            guard case let .compileFailed(message) = error else { Issue.record("\(error)"); return }
            #expect(message.contains("no-such-flag"), "\(message)")
            #expect(!message.contains("\n"))
        }
    }

    /// Past its size limit the cache drops the libraries used least recently, never the one just
    /// built, and the files of builds that stopped long ago.
    @Test func theCacheStaysWithinItsLimit() throws {
        let folder = NSTemporaryDirectory() + "ccs-cache-limit-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cache = try NativeCache.open(["XDG_CACHE_HOME": folder, "CCS_NATIVE_CACHE_MB": "0.03"])
        #expect(cache.limit == 31_457)
        let toolchain = try NativeToolchain.fromEnvironment()
        let graph = try Self.graph()
        let game = try EliminationGame(graph.graph)
        let stale = "\(cache.directory)/\(String(repeating: "0", count: 64)).123.456.c", table = "\(cache.directory)/runtime-0.table"
        var old = [timeval(tv_sec: 1_000_000, tv_usec: 0), timeval(tv_sec: 1_000_000, tv_usec: 0)]
        for path in [stale, table] {
            #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
            utimes(path, &old)
        }
        var keys: [String] = []
        for order in [game.forwardOrder, game.reverseOrder, game.markowitzOrder()] {
            let source = try JacobianSource(graph, order: order, form: .library).text
            keys.append(NativeCache.key(source: source, toolchain: toolchain))
            #expect(try cache.library(source: source, toolchain: toolchain).compileSeconds != nil)
            // The newest library stays; the folder holds at most the limit beyond it.
            #expect(FileManager.default.fileExists(atPath: "\(cache.directory)/\(keys.last!).so"))
        }
        let sizes = try FileManager.default.contentsOfDirectory(atPath: cache.directory).map { name -> Int in
            var status = stat()
            return lstat("\(cache.directory)/\(name)", &status) == 0 ? Int(status.st_size) : 0
        }
        let newest = try #require(FileManager.default.contents(atPath: "\(cache.directory)/\(keys.last!).so")).count
        #expect(sizes.reduce(0, +) <= cache.limit + newest + 1024)
        #expect(!FileManager.default.fileExists(atPath: stale), "a stopped build's source is removed")
        #expect(FileManager.default.fileExists(atPath: table), "files that are no build's stay")
        let surviving = keys.filter { FileManager.default.fileExists(atPath: "\(cache.directory)/\($0).so") }
        #expect(surviving.count < keys.count, "libraries of \(newest) bytes each cannot all stay within \(cache.limit)")
    }

    @Test func theCacheIsPrivateAndLoadsOnlyWhatMatchesItsRecord() throws {
        let cache = try Self.freshCache()
        var status = stat()
        #expect(stat(cache.directory, &status) == 0 && status.st_mode & 0o777 == 0o700)
        let toolchain = try NativeToolchain.fromEnvironment()
        let graph = try Self.graph()
        let source = try JacobianSource(graph, order: try EliminationGame(graph.graph).reverseOrder, form: .library).text
        let key = NativeCache.key(source: source, toolchain: toolchain)
        let library = "\(cache.directory)/\(key).so", record = "\(cache.directory)/\(key).record"
        #expect(try cache.library(source: source, toolchain: toolchain).compileSeconds != nil, "first build compiles")
        #expect(try cache.library(source: source, toolchain: toolchain).compileSeconds == nil, "second build loads")
        #expect(stat(library, &status) == 0 && status.st_mode & 0o077 == 0)

        // Corrupted: one byte changed.
        var bytes = try #require(FileManager.default.contents(atPath: library))
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: library))
        #expect(try cache.library(source: source, toolchain: toolchain).compileSeconds != nil, "a corrupted library is rebuilt")

        // Writable by others.
        chmod(library, 0o666)
        #expect(try cache.library(source: source, toolchain: toolchain).compileSeconds != nil, "a library others can write is rebuilt")

        // A record that does not match.
        try "ccs-native 1\nkey \(key)\nlibrary 00\n".write(toFile: record, atomically: true, encoding: .utf8)
        #expect(try cache.library(source: source, toolchain: toolchain).compileSeconds != nil, "a wrong record is rebuilt")

        // Written by someone else (only a privileged test run can give a file away).
        if geteuid() == 0 {
            chown(library, 4242, 4242)
            #expect(try cache.library(source: source, toolchain: toolchain).compileSeconds != nil, "another user's library is rebuilt")
            #expect(stat(library, &status) == 0 && status.st_uid == geteuid())
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cache.directory).filter { !$0.hasPrefix(key) || $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "temporaries are removed: \(leftovers)")
    }

    /// A plan's library is found by the plan's key: a hit loads it with the operation counts its
    /// record keeps and generates no C; a library or record that does not match — corrupted, from
    /// an older format, with unreadable counts — is generated and compiled again, not loaded.
    @Test func aCachedPlanLoadsWithoutGeneratingItsSource() throws {
        let cache = try Self.freshCache()
        defer { try? FileManager.default.removeItem(atPath: cache.directory) }
        let toolchain = try NativeToolchain.fromEnvironment()
        let graph = try Self.graph()
        let order = try EliminationGame(graph.graph).reverseOrder
        let compiler = try PlanCompiler(graph, order: order)
        let counts = try JacobianSource(graph, order: order, form: .library).counts
        /// Whether making the plan's library generated C, and whether it compiled it.
        func make() throws -> (generated: Bool, compiled: Bool) {
            var generation: Double?
            let found = try cache.library(of: compiler, order: order, versions: .point, toolchain: toolchain, monitor: .unlimited,
                                          generationSeconds: &generation)
            #expect(found.counts == counts)
            // The library loaded computes this plan's Jacobian (the interpreter's, with its layout).
            let interpreter = try JacobianPlan(graph, order: order, backend: .interpreter)
            var x = [Double](repeating: 0, count: interpreter.inputCount)
            for (i, value) in graph.inputValues.enumerated() {
                for (e, v) in value.scalars.enumerated() { x[interpreter.inputOffsets[i] + e] = v }
            }
            var expected = [Double](repeating: 0, count: interpreter.jacobianCount), computed = expected
            try interpreter.evaluate(inputs: x, jacobian: &expected)
            let evaluate = try found.library.entry()
            x.withUnsafeBufferPointer { x in computed.withUnsafeMutableBufferPointer { j in evaluate(x.baseAddress, j.baseAddress, nil, 1) } }
            #expect(zip(computed, expected).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) }, "\(computed) \(expected)")
            return (generation != nil, found.compileSeconds != nil)
        }
        #expect(try make() == (true, true), "the first plan generates and compiles")
        #expect(try make() == (false, false), "a cached plan generates no C")

        let key = PlanKey.library(graph, order: order, versions: .point, toolchain: toolchain)
        let library = "\(cache.directory)/\(key).so", record = "\(cache.directory)/\(key).record"
        var bytes = try #require(FileManager.default.contents(atPath: library))
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: library))
        #expect(try make() == (true, true), "a corrupted library is rebuilt")

        let text = try String(contentsOfFile: record, encoding: .utf8)
        for tampered in [text.replacingOccurrences(of: "ccs-native 2", with: "ccs-native 1"),
                         text.replacingOccurrences(of: "\nnote \(counts.record)\n", with: "\nnote 1 2 3\n"),
                         text.replacingOccurrences(of: "\nnote \(counts.record)\n", with: "\n")] {
            #expect(tampered != text)
            try tampered.write(toFile: record, atomically: true, encoding: .utf8)
            #expect(try make() == (true, true), "a record that does not match is rebuilt: \(tampered)")
            #expect(try make() == (false, false))
        }
    }

    /// A graph named to break out of a comment, inputs with quotes, a newline and non-ASCII: the C
    /// must stay what ccs means, and compile.
    @Test func namesAUserControlsNeverReachTheSourceUnescaped() throws {
        let graph = try Self.graph(named: "*/ abort(); /*", inputs: ("x\"; system(\"rm\"); //", "ü\ny"))
        let source = try JacobianSource(graph, order: try EliminationGame(graph.graph).forwardOrder, form: .export(graph.graph.name))
        #expect(source.name == "abort")
        for text in [source.text, try #require(source.header)] {
            let code = Self.withoutComments(text)
            #expect(!code.contains("abort("))
            #expect(!code.contains("system("))
            #expect(!text.contains("ü"))
        }
        #expect(CText.identifier("3 ways") == "f_3_ways")
        #expect(CText.identifier("double") == "f_double")
        #expect(CText.identifier("") == "f_")
        #expect(CText.comment("a */ b /* c\nd") == "a *  b /  c?d")
    }

    /// The exported C, compiled by itself with the system compiler as strict C99 (and with GCC's
    /// vectors, and scalar only), gives the interpreter's Jacobians and outputs through the declared
    /// signatures at 1, 7, 512 and 13 points.
    @Test func exportedCCompilesOnItsOwnAndGivesTheInterpretersNumbers() throws {
        var generator = RandomPrograms(seed: 7)
        let folder = NSTemporaryDirectory() + "ccs-export-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for k in 0..<6 {
            let graph = k == 0 ? try Self.graph(named: "two outputs") : generator.make().graph
            let order = try EliminationGame(graph.graph).markowitzOrder()
            for flags in [["-std=c99", "-O2"], ["-O3", "-march=native"], ["-O3", "-march=native", "-DCCS_SCALAR_ONLY"]] {
                let harness = try ExportHarness.build(graph, order: order, folder: folder, base: "g\(k)", flags: flags)
                guard case let .success(export) = harness else {
                    Issue.record("\(harness)")
                    continue
                }
                let name = try #require(export.source.name)
                let header = try String(contentsOfFile: "\(folder)/g\(k).h", encoding: .utf8)
                #expect(header.contains("void \(name)_jacobian(const double *x, double *jac, long n);"))
                #expect(header.contains("void \(name)_outputs(const double *x, double *y, long n);"))
                for n in [1, 7, 512, 13] {
                    // Point-major inputs near the trace point.
                    var rng = SplitMix64(seed: UInt64(n))
                    let point = graph.inputValues.flatMap(\.scalars)
                    let x = (0..<n).flatMap { p in point.map { p == 0 ? $0 : $0 * (1 + 0.02 * Double.random(in: -1...1, using: &rng)) } }
                    let computed = try #require(try export.run(x, points: n))
                    let expected = try ExportHarness.interpreted(graph, order: order, x, points: n)
                    let problem = ExportHarness.mismatch(computed, expected, points: n, tolerance: 1e-12)
                    #expect(problem == nil, "program \(k) flags \(flags) n \(n): \(problem ?? "")")
                }
            }
        }
    }

    /// The `code` count is what the generated C performs: read back from the straight-line source.
    @Test func operationCountsAreTheOperatorsOfTheGeneratedCode() throws {
        var generator = RandomPrograms(seed: 3)
        for _ in 0..<40 {
            let program = generator.make(scalarOnly: true)
            let order = try EliminationGame(program.graph.graph).reverseOrder
            let source = try JacobianSource(program.graph, order: order, form: .library)
            let body = source.text.components(separatedBy: "static void ccs_point(")[1].components(separatedBy: "\n}\n")[0]
            var counted = OperationCounts()
            for line in body.split(separator: "\n") where line.contains("const double t") {
                let expression = line.split(separator: "=", maxSplits: 1)[1]
                if expression.contains("ccs_") { counted.calls += 1 }
                else if expression.contains(" ? ") { counted.comparisons += 1 }
                else if expression.contains(" * ") { counted.multiplications += 1 }
                else if expression.contains(" / ") { counted.divisions += 1 }
                else if expression.contains(" + ") || expression.contains(" - ") { counted.additions += 1 }
                else if expression.hasPrefix(" -") { counted.negations += 1 }
            }
            #expect(counted == source.counts, "\(body)")
        }
    }

    /// Divisions are the dearest arithmetic of generated code (a vector division takes the time
    /// of a dozen multiplications): (x/y, z/y) and its Jacobian divide three times — the two
    /// values the outputs need and one reciprocal of y that all four partials share.
    @Test func divisionsByOneDenominatorShareOneReciprocal() throws {
        let b = GraphBuilder(name: "q")
        let x = try b.input("x", Tensor(0.7)), y = try b.input("y", Tensor(1.3)), z = try b.input("z", Tensor(-2.1))
        try b.markOutput(try b.apply(.div, [x, y]))
        try b.markOutput(try b.apply(.div, [z, y]))
        let graph = try b.build()
        let source = try JacobianSource(graph, order: [], form: .library)
        #expect(source.counts.divisions == 3, "\(source.text)")
    }

    /// C text as the compiler sees it outside comments (ccs emits no string literals), so that a
    /// name that closed a comment early would show up here.
    static func withoutComments(_ text: String) -> String {
        var out = "", rest = Substring(text)
        while let open = rest.range(of: "/*") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "*/") else { return out }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}
