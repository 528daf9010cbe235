import Foundation
import Synchronization

/// Measures the `runtime` model's prices (`RuntimeTable`) on this machine: one small C library of
/// calibration kernels — straight-line code of each kind of operation over vectors of eight points,
/// rendered by the emitter's own `CExpression`, and the emitter's loops (`KernelLoop`) over a
/// workspace — compiled by the toolchain generated Jacobians use (`NativeToolchain`, `NativeCache`),
/// each timed against a kernel that only moves the same values, in short rounds taken in turn and
/// classed by the host's regime, medians of one regime (`TimingRounds`). About three seconds; the
/// table is cached beside the compiled plans, keyed by the calibration's version and source, the
/// compiler, its flags and the CPU, written atomically, and measured again on request
/// (`recalibrate`).
public enum RuntimeCalibration {
    /// Bumped whenever what the kernels measure changes, so that older tables are not read.
    static let version = 2
    /// Inputs and outputs of every kernel: enough independent chains for the CPU's pipelines.
    static let width = 16
    /// Points per timed call (as in a batch of the generated code).
    static let points = 512
    /// Workspace entries of the loop kernels: three regions of 256.
    static let workspace = 768

    /// The tables in use in this process, by cache file.
    private static let current = Mutex<[String: RuntimeTable]>([:])

    /// The table for this machine: the one in use, else the cached one, else measured now (and cached).
    public static func table(environment: [String: String] = ProcessInfo.processInfo.environment) throws(NativeError) -> RuntimeTable {
        let (toolchain, cache) = try setup(environment)
        let path = tablePath(toolchain, cache)
        if let known = current.withLock({ $0[path] }) ?? cached(at: path) {
            current.withLock { $0[path] = known }
            return known
        }
        return try recalibrate(environment: environment)
    }

    /// Whether a table is at hand without measuring: in use, or cached and valid.
    public static func isCalibrated(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let (toolchain, cache) = try? setup(environment) else { return false }
        let path = tablePath(toolchain, cache)
        return current.withLock({ $0[path] }) != nil || cached(at: path) != nil
    }

    /// Measures the table again, caches it and uses it from now on (models already bound to a
    /// graph keep the prices they were made with).
    @discardableResult
    public static func recalibrate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(NativeError) -> RuntimeTable {
        let (toolchain, cache) = try setup(environment)
        let path = tablePath(toolchain, cache)
        let table = try measure(toolchain, cache, storingAt: path)
        current.withLock { $0[path] = table }
        return table
    }

    private static func setup(_ environment: [String: String]) throws(NativeError) -> (NativeToolchain, NativeCache) {
        (try NativeToolchain.fromEnvironment(environment), try NativeCache.open(environment))
    }

    // MARK: The cache file

    /// `runtime-KEY.table` in the native cache folder; the key covers the calibration, the
    /// compiler and its flags, and the CPU.
    static func tablePath(_ toolchain: NativeToolchain, _ cache: NativeCache) -> String {
        let key = NativeCache.key(source: "runtime \(version)\n\(processor)\n" + source, toolchain: toolchain)
        return "\(cache.directory)/runtime-\(key).table"
    }

    /// The CPU's model name (Linux), so that a cache folder shared between machines keeps one table each.
    static let processor: String = {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown CPU" }
        return text.split(separator: "\n").first { $0.hasPrefix("model name") }.map(String.init) ?? "unknown CPU"
    }()

    static let header = "ccs-runtime \(version)\n"

    /// The cached table, or nil when there is none or it is not a whole table of this version.
    static func cached(at path: String) -> RuntimeTable? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), text.hasPrefix(header) else { return nil }
        return RuntimeTable(text: text.dropFirst(header.count))
    }

    // MARK: Measuring

    private static func measure(_ toolchain: NativeToolchain, _ cache: NativeCache, storingAt path: String) throws(NativeError) -> RuntimeTable {
        let (library, _) = try cache.library(source: source, toolchain: toolchain, timeout: 60)
        let kernels = makeKernels()
        let entries = try kernels.indices.map { k throws(NativeError) in try library.entry("ccs_calibrate_\(k)") }
        let seconds = time(entries)
        func perOperation(_ k: Int, _ base: Int) -> Double {
            // A difference below the clock's reach is still a cost: never price an operation at zero.
            max((seconds[k] - seconds[base]) * 1e9 / Double(kernels[k].operations), 1e-3)
        }
        var table = RuntimeTable.uniform(0)
        for (k, kernel) in kernels.enumerated() {
            guard let field = kernel.field else { continue }
            table[keyPath: field] = perOperation(k, kernel.loop ? loopBaseline : straightBaseline)
        }
        do {
            try AtomicFile.write(header + table.text, to: path)
        } catch {
            throw .cache("cannot store the runtime model's table: \(error)")
        }
        return table
    }

    /// Seconds per point of each kernel: rounds in which every kernel runs for a slice in a
    /// shuffled turn, bracketed by the multiplication kernel as the probe, and each kernel's median
    /// over the rounds of one regime of the host (`TimingRounds`), on buffers placed as
    /// `JacobianTimer` places a Jacobian's — on cache lines, moved before every slice. Both matter
    /// to the ratios between prices, which are what rank orders: kernels timed in different regimes
    /// or on buffers off the cache lines (a Swift array's) priced a fused multiply-add at 0.60–0.75
    /// of a multiplication and an addition, where aligned buffers in one regime give 1.06–1.09.
    private static func time(_ entries: [NativeLibrary.Evaluate]) -> [Double] {
        var rng = SplitMix64(seed: 1)
        let buffers = JacobianTimer.Buffers(inputs: (0..<(width * points)).map { _ in 1 + Double.random(in: -1e-6...1e-6, using: &rng) },
                                            jacobianCount: width * points)
        func seconds(_ entry: NativeLibrary.Evaluate, _ slice: Double) -> Double {
            let (x, jac) = (buffers.inputs.baseAddress, buffers.jacobian.baseAddress)
            var calls = 0
            let start = JacobianTimer.now()
            repeat {
                for _ in 0..<4 { entry(x, jac, nil, points) }
                calls += 4
            } while JacobianTimer.now() - start < slice
            return (JacobianTimer.now() - start) / Double(calls * points)
        }
        return TimingRounds.measure(count: entries.count, seconds: duration, slice: 0.002, seed: 1,
                                    probe: { seconds(entries[probe], $0) },
                                    time: { k, slice in
                                        buffers.place(using: &rng)
                                        return seconds(entries[k], slice)
                                    }).medians
    }

    // MARK: The kernels

    /// One calibration kernel: what it computes and which price it measures.
    struct Kernel {
        /// Straight-line code (`ScalarCode` and its results) or a loop over the workspace.
        enum Body {
            case straight(ScalarCode, [ScalarCode.Ref])
            case loop(KernelLoop?, results: Int)
        }

        let body: Body
        /// The operations one point performs beyond the baseline's.
        let operations: Int
        /// The price it measures; nil for the baselines.
        let field: WritableKeyPath<RuntimeTable, Double>?

        var loop: Bool { if case .loop = body { true } else { false } }
    }

    static let straightBaseline = 0
    static let loopBaseline = 6
    /// The kernel that tells the host's regime (`TimingRounds`): multiplications, the commonest operation.
    static let probe = 1
    /// Seconds of timing rounds.
    static let duration = 2.0

    /// The kernels, made afresh (they hold code under construction, which is not shared between threads).
    static func makeKernels() -> [Kernel] {
        var rng = SplitMix64(seed: 2)
        /// `count` operations, each reading the value `width` back (so that `width` chains run side
        /// by side and every value is used) and one of the recent values, as generated code does.
        func straight(_ count: Int, _ field: WritableKeyPath<RuntimeTable, Double>?, _ op: (ScalarCode, [ScalarCode.Ref], ScalarCode.Ref) -> ScalarCode.Ref) -> Kernel {
            let code = ScalarCode()
            var values = (0..<width).map { code.input($0).ref }
            for _ in 0..<count {
                let recent = values[values.count - 1 - Int.random(in: 0..<min(48, values.count), using: &rng)]
                values.append(op(code, values, recent))
            }
            return Kernel(body: .straight(code, Array(values.suffix(width))), operations: count, field: field)
        }
        func back(_ values: [ScalarCode.Ref], _ k: Int = width) -> ScalarCode.Ref { values[values.count - k] }
        func indices(_ count: Int, _ ranges: [Range<Int32>]) -> [Int32] {
            (0..<count).flatMap { _ in ranges.map { Int32.random(in: $0, using: &rng) } }
        }
        let region = Int32(workspace / 3)
        return [
            straight(0, nil) { _, v, _ in v[0] },
            straight(256, \.multiply) { c, v, r in c.mul(back(v), r) },
            straight(256, \.add) { c, v, r in c.add(back(v), r) },
            straight(256, \.fused) { c, v, r in c.add(c.mul(back(v), r), back(v, 2)) },
            straight(256, \.divide) { c, v, r in c.div(back(v), r) },
            straight(64, \.call) { c, v, _ in c.unary(.sin, back(v)) },
            Kernel(body: .loop(nil, results: 2 * Int(region)), operations: 0, field: nil),
            Kernel(body: .loop(KernelLoop.elementwise(Int(region), inputs: [.strided(0), .strided(Int(region)), .strided(2 * Int(region))],
                                                      outputs: [.strided(2 * Int(region))]) { _, v in [v[2] + v[0] * v[1]] },
                               results: 2 * Int(region)),
                   operations: Int(region), field: \.loopElementwise),
            Kernel(body: .loop(KernelLoop.product(MatrixProduct(m: 16, k: 16, n: 16, a: MatrixView(offset: 0, rowStride: 16, columnStride: 1),
                                                                b: MatrixView(offset: Int(region), rowStride: 16, columnStride: 1),
                                                                c: MatrixView(offset: 2 * Int(region), rowStride: 16, columnStride: 1),
                                                                accumulate: true)), results: 2 * Int(region)),
                   operations: 16 * 16 * 16, field: \.loopMatrix),
            Kernel(body: .loop(KernelLoop.triples(indices(Int(region), [0..<region, 0..<region, region..<2 * region]),
                                                  to: 2 * Int(region), q: 0, p: 0), results: 2 * Int(region)),
                   operations: Int(region), field: \.loopScatter),
            Kernel(body: .loop(KernelLoop.pairs(indices(Int(region), [0..<region, 0..<2 * region]), to: 2 * Int(region), from: 0),
                               results: 2 * Int(region)),
                   operations: Int(region), field: \.loopAdd),
        ]
    }

    /// The calibration library: every kernel on vectors of points and on doubles, and its entry
    /// point `ccs_calibrate_K(x, jac, y, n)` on batch-innermost arrays, as generated plans have.
    static let source: String = {
        let arguments = CArguments(tables: CIndexTables(), shared: false)
        var helpers = ""
        if case let .call(scalar, vector) = UnaryFunction.sin.c {
            helpers = CPrelude.helpers(name: UnaryFunction.sin.name, parameters: ["x"], scalar: scalar, vector: vector)
        }
        var functions = ""
        for (k, kernel) in makeKernels().enumerated() {
            for vector in [true, false] {
                let e = CExpression(vector: vector, name: { "t\($0)" }, input: { "x[\($0)]" })
                var body = ""
                switch kernel.body {
                case let .straight(code, results):
                    body += e.definitions(code, live: code.live(from: results))
                    for (j, result) in results.enumerated() { body += "    jac[\(j)] = \(e.operand(result));\n" }
                case let .loop(loop, results):
                    body += "    for (long i = 0; i < \(width); i++) w[i] = x[i];\n"
                    body += loop?.render(e, arguments) ?? ""
                    body += "    for (long k = 0; k < \(width); k++) jac[k] = w[\(results) + k];\n"
                }
                let type = e.type, name = "ccs_calibration_\(k)_\(vector ? "lanes" : "point")"
                let signature = "static void \(name)(const \(type) *restrict x, \(type) *restrict jac, \(type) *restrict w) {\n"
                functions += (vector ? "#if CCS_VECTOR\n" : "") + signature + body + "}\n" + (vector ? "#endif\n" : "") + "\n"
            }
            functions += """
                void ccs_calibrate_\(k)(const double *restrict x, double *restrict jac, double *restrict y, long n) {
                    long p = 0;
                    (void)y;
                #if CCS_VECTOR
                    ccs_v wv[\(workspace)];
                    for (long j = 0; j < \(workspace); j++) wv[j] = CCS_SPLAT(1.0);
                    for (; p + 8 <= n; p += 8) {
                        ccs_v in[\(width)], out[\(width)];
                        for (long i = 0; i < \(width); i++) in[i] = ccs_v_load(x + i * n + p);
                        ccs_calibration_\(k)_lanes(in, out, wv);
                        for (long j = 0; j < \(width); j++) ccs_v_store(jac + j * n + p, out[j]);
                    }
                #endif
                    double ws[\(workspace)];
                    for (long j = 0; j < \(workspace); j++) ws[j] = 1.0;
                    for (; p < n; p++) {
                        double in[\(width)], out[\(width)];
                        for (long i = 0; i < \(width); i++) in[i] = x[i * n + p];
                        ccs_calibration_\(k)_point(in, out, ws);
                        for (long j = 0; j < \(width); j++) jac[j * n + p] = out[j];
                    }
                }


                """
        }
        return "/* Generated by ccs: the runtime cost model's calibration kernels. */\n" + CPrelude.header + helpers + arguments.tables.text + "\n" + functions
    }()
}
