import Foundation

/// The C source of a Jacobian: the plan that `PlanCompiler` makes of a (graph, order) pair, run once
/// over generated-code values (`SymbolicExecution` over `CodeValue`), so that the primal values,
/// the local partials and the elimination's products and sums appear in the order's sequence as
/// straight-line code over locals, folded and with repeated calls computed once, and only what the
/// results need is kept. Each kernel is written twice from the same operations: on doubles, for one
/// point, and on vectors of eight points (GCC and Clang), batch innermost, which the compiler maps
/// onto SIMD registers.
///
/// A `library` source (what plans compile and load) exports
/// `void ccs_evaluate(const double *x, double *jac, double *y, long n)` on batch-innermost arrays
/// laid out as `JacobianPlan` lays them out (entry e of point p at `[e·n + p]`, Jacobian blocks in
/// the plan's order, `y` optional). An `export` source is standalone C99 with the point-major
/// `NAME_jacobian` and `NAME_outputs` of `export_c`.
public struct JacobianSource: Sendable {
    /// Which entry points the source has.
    public enum Form: Sendable {
        case library
        /// Standalone functions named after this C identifier.
        case export(String)
    }

    /// Which functions of each kernel a library has: the C compiler spends about as long on the
    /// vector function as on the one-point function, so a plan compiles only the one its batch
    /// runs. `point`: one point at a time (batches of fewer than eight); `lanes`: vectors of
    /// eight points, a last partial vector padded with its last point, the one-point function
    /// only for compilers without vector types; `both` (exports, and libraries of many plans).
    public enum Versions: Sendable {
        case point, lanes, both

        /// What a plan evaluating `batchSize` points at a time needs.
        public init(batchSize: Int) { self = batchSize < CPrelude.lanes ? .point : .lanes }
    }

    /// The version of the C this type generates, part of every plan's cache key (`PlanKey`): a
    /// change to the generated C must raise it, so that no library built from older C is loaded
    /// (a test ties it to a digest of generated sources).
    static let emitterVersion = 7

    public let text: String
    /// An export's header: the two functions, their layout and NAME's inputs and outputs.
    public let header: String?
    /// An export's NAME: the graph's name made a C identifier (`NAME_jacobian`, `NAME_outputs`).
    public let name: String?
    /// What the Jacobian kernel executes per point: primal, local partials and elimination.
    public let counts: OperationCounts
    /// Entries per point of all inputs, of the Jacobian and of all outputs.
    public let inputCount: Int
    public let jacobianCount: Int
    public let outputCount: Int

    /// The source for a graph and an order; an invalid order fails with the engine's message. `stop`
    /// interrupts it; a plan and code that would hold more than `maxMemory` bytes fail with a
    /// message; `progress` hears of every phase that runs over a second.
    /// `straightLineBudget` replaces the statements past which the code becomes a table kernel
    /// (2,000 for a library, 20,000 for an export; `.max`: always straight-line).
    /// `versions` (libraries only) says which functions of the kernels it has.
    public init(_ graph: NumericGraph, order: [Int], form: Form, versions: Versions = .both, stop: StopFlag = .never,
                maxMemory: Int = SearchOptions.defaultMaxMemory, straightLineBudget: Int? = nil,
                progress: ((PlanProgress) -> Void)? = nil) throws(EvaluationError) {
        let monitor = PlanMonitor(stop: stop, maxMemory: maxMemory, report: progress)
        let compiler = try PlanCompiler(graph, order: order, monitor: monitor, arenaBytesPerEntry: 8)
        do throws(KernelBuilder.Overflow) {
            try self.init(compiler, order: order, form: form, versions: versions, monitor: monitor, straightLineBudget: straightLineBudget)
        } catch {
            switch error {
            case .stopped(.interrupted): throw .interrupted
            case let .stopped(.memory(needed)):
                throw .memory(needed: needed, limit: maxMemory, what: "the C code of \(graph.graph.name) (\(graph.graph.vertexCount) vertices)")
            case .size:
                // Unreachable: this source has no statement limit, only the memory limit.
                throw .memory(needed: .max, limit: maxMemory, what: "the C code of \(graph.graph.name)")
            }
        }
    }

    /// The source of a compiled plan, generated under `monitor`, of at most `statementLimit`
    /// statements per kernel.
    init(_ compiler: PlanCompiler, order: [Int], form: Form, versions: Versions = .both, monitor: PlanMonitor = .unlimited,
         statementLimit: Int = .max, straightLineBudget: Int? = nil) throws(KernelBuilder.Overflow) {
        monitor.begin(.generation, total: compiler.program.instructions.count)
        let name: String?
        if case let .export(n) = form { name = CText.identifier(n) } else { name = nil }
        self.name = name
        let (thresholds, defaultBudget) = name != nil ? ([KernelBuilder.defaultLoopThreshold, 16], KernelBuilder.exportBudget)
            : ([KernelBuilder.defaultLoopThreshold], KernelBuilder.straightLineBudget)
        let budget = straightLineBudget ?? defaultBudget
        let context = CKernelContext()
        let kernel = try JacobianKernel.make(compiler, pointMajor: name != nil, results: name != nil ? .jacobian : .jacobianAndOutputs,
                                             thresholds: thresholds, budget: budget, context: context, monitor: monitor,
                                             statementLimit: statementLimit)
        counts = kernel.counts
        inputCount = kernel.inputCount
        jacobianCount = kernel.jacobianCount
        outputCount = compiler.outputRange.1
        var text = "/* Generated by ccs: the Jacobian of \(CText.comment(compiler.graph.graph.name)) by cross-country elimination. */\n"
        text += "/* Order: \(CText.comment(order.map(String.init).joined(separator: ","), limit: 200)) */\n"
        text += "/* Per point: \(counts). */\n"
        if let name {
            let outputs = try JacobianKernel.make(compiler, pointMajor: true, results: .outputs, thresholds: thresholds, budget: budget,
                                                  context: context, monitor: monitor, statementLimit: statementLimit)
            text += Self.assemble([(kernel, ""), (outputs, "_outputs")], context, .both) {
                Self.exportEntries(name, jacobian: kernel, outputs: outputs)
            }
            header = Self.header(name, graph: compiler.graph.graph, counts: counts)
        } else {
            text += Self.assemble([(kernel, "")], context, versions) { Self.libraryEntry(kernel, suffix: "", versions) }
            header = nil
        }
        self.text = text
    }

    /// The library source of a plan that ccs compiles and loads: straight-line code of at most
    /// `KernelBuilder.compileBudget` statements per kernel where it cannot be a table kernel,
    /// within the monitor's memory limit.
    static func forCompiling(_ compiler: PlanCompiler, order: [Int], versions: Versions, monitor: PlanMonitor) throws(NativeError) -> JacobianSource {
        do throws(KernelBuilder.Overflow) {
            return try JacobianSource(compiler, order: order, form: .library, versions: versions, monitor: monitor,
                                      statementLimit: KernelBuilder.compileBudget)
        } catch {
            switch error {
            case .stopped(.interrupted): throw .interrupted
            case let .stopped(.memory(needed)):
                throw .tooLarge("its C code would need about \(SearchError.bytes(needed)), more than the memory limit of \(SearchError.bytes(monitor.maxMemory))")
            case .size:
                throw .tooLarge("its C code would have over \(KernelBuilder.compileBudget) statements, more than the C compiler handles in about a minute")
            }
        }
    }

    /// One library holding several plans, the k-th with the entry point `ccs_evaluate_k` (for
    /// compiling many small plans at once); loops and parts as given, or every plan that can be a
    /// table kernel one (`tables`); the kernels' functions of `versions`.
    static func library(_ compilers: [PlanCompiler], loopThreshold: Int = KernelBuilder.defaultLoopThreshold,
                        partSize: Int = KernelBuilder.defaultPartSize, tables: Bool = false,
                        versions: Versions = .both) throws(KernelBuilder.Overflow) -> String {
        let context = CKernelContext()
        let kernels = try compilers.map { (c: PlanCompiler) throws(KernelBuilder.Overflow) -> any CKernel in
            if tables, let table = try TableKernel(c, pointMajor: false, results: .jacobianAndOutputs, context: context, monitor: .unlimited) {
                return table
            }
            return try JacobianKernel(c, pointMajor: false, loopThreshold: loopThreshold, partSize: partSize)
        }
        return "/* Generated by ccs: \(kernels.count) Jacobians. */\n" + assemble(kernels.enumerated().map { ($1, "_\($0)") }, context, versions) {
            kernels.enumerated().map { libraryEntry($1, suffix: "_\($0)", versions) }.joined()
        }
    }

    /// Straight-line operations past which a plan's vector function compiles at -O1: GCC -O3
    /// takes more than linear time over long vector functions, most of it allocating registers
    /// (on g, whose 87 calls of vector math each spill every live vector, 0.4 s), and what it made
    /// of RoeFlux_3d's and g's ran no faster than -O1's. Exports keep the flags' level.
    static let longVectorFunction = 750

    /// The prelude, the helpers every kernel calls, the index tables their loops read, the kernels
    /// (`ccs_point` and `ccs_lanes` with each suffix; an export's vectors write point-major rows)
    /// and the entry points.
    private static func assemble(_ kernels: [(any CKernel, String)], _ context: CKernelContext, _ versions: Versions,
                                 entries: () -> String) -> String {
        var declarations = "", functions = ""
        for (kernel, suffix) in kernels {
            declarations += kernel.declarations(suffix: suffix, context)
            if versions != .point {
                var lanes = kernel.function("ccs_lanes" + suffix, suffix: suffix, vector: true, context)
                if versions == .lanes && kernel.straightLineOperations > longVectorFunction {
                    lanes = CPrelude.lowerOptimization + lanes + CPrelude.restoreOptimization
                }
                functions += "#if CCS_VECTOR\n" + lanes + (versions == .lanes ? "#else\n" : "#endif\n")
            }
            functions += kernel.function("ccs_point" + suffix, suffix: suffix, vector: false, context)
            functions += versions == .lanes ? "#endif\n\n" : ""
        }
        let tables = context.tables.text
        return CPrelude.header + helpers(kernels.map(\.0), context) + tables + (tables.isEmpty ? "" : "\n") + context.routines.text(versions)
            + declarations + (declarations.isEmpty ? "" : "\n") + functions + entries()
    }

    /// The helpers of every function the kernels and their loops call, once each.
    private static func helpers(_ kernels: [any CKernel], _ context: CKernelContext) -> String {
        var seen: Set<String> = []
        var text = ""
        let routines = context.routines.bodies.map { (code: $0, live: [Bool](repeating: true, count: $0.nodes.count)) }
        for codes in kernels.map(\.codes) + [routines] {
            for (code, live) in codes {
                for (id, node) in code.nodes.enumerated() where live[id] {
                    let f: (name: String, c: ElementwiseC, parameters: [String])
                    switch node {
                    case let .call(u, _): f = (u.name, u.c, ["x"])
                    case let .call2(b, _, _): f = (b.name, b.c, ["x", "y"])
                    default: continue
                    }
                    guard case let .call(scalar, vector) = f.c, seen.insert(f.name).inserted else { continue }
                    text += CPrelude.helpers(name: f.name, parameters: f.parameters, scalar: scalar, vector: vector)
                }
            }
        }
        return text.isEmpty ? "" : text + "\n"
    }

    /// Declarations of a kernel's workspace in an entry point: nothing, an array on the stack, or
    /// aligned heap memory freed on return (on failure the results are NaN); then its set-up
    /// where the kernel has one (`function` names it after the kernel's function).
    private static func workspace(_ kernel: any CKernel, vector: Bool, function: String, failure: String) -> (declare: String, release: String) {
        let type = vector ? "ccs_v" : "double", name = vector ? "wv" : "ws"
        let bytes = kernel.workspace * (vector ? 64 : 8)
        let setup = kernel.initializes ? "    \(function)_init(\(name));\n" : ""
        if kernel.workspace == 0 { return ("    \(type) *\(name) = 0;\n", "") }
        if bytes <= 65_536 { return ("    \(type) \(name)[\(kernel.workspace)];\n" + setup, "") }
        let allocate = vector ? "posix_memalign((void **)&\(name), 64, \(bytes)) != 0" : "!(\(name) = malloc(\(bytes)))"
        return ("    \(type) *\(name) = 0;\n    if (\(allocate)) { \(failure) return; }\n" + setup, "    free(\(name));\n")
    }

    /// Writes an export as `base.c` and `base.h` (each atomically).
    public func write(base: String) throws(AtomicFile.Failure) {
        guard let header else { throw AtomicFile.Failure(description: "only an export source has a header") }
        let include = "#include \"\(URL(fileURLWithPath: base).lastPathComponent).h\"\n"
        try AtomicFile.write(include + text, to: base + ".c")
        try AtomicFile.write(header, to: base + ".h")
    }

    /// The header of an export: what the functions compute, their memory layout, the inputs and
    /// outputs with their shapes and where their entries sit, and how to build.
    private static func header(_ name: String, graph g: ComputationalGraph, counts: OperationCounts) -> String {
        let guardName = name.uppercased() + "_H"
        func shape(_ s: Shape) -> String { s.isScalar ? "scalar" : "(" + s.dims.map(String.init).joined(separator: ", ") + ")" }
        var lines = [
            "/* Generated by ccs: the Jacobian of \(CText.comment(g.name)) by cross-country elimination, standalone C99. */",
            "#ifndef \(guardName)",
            "#define \(guardName)",
            "",
            "/* \(name)_jacobian: the Jacobians at n points. x is point-major: point p's inputs start at",
            " * x[p * \(name)_INPUTS], each input's entries row-major, inputs in the order below. jac is",
            " * point-major too: point p's Jacobian starts at jac[p * \(name)_JACOBIAN] and is row-major",
            " * over all output entries (rows, outputs in the order below) x all input entries (columns).",
            " * \(name)_outputs: the function's values, y[p * \(name)_OUTPUTS + entry].",
            " * Per point the Jacobian takes \(counts). */",
        ]
        var entry = 0
        lines.append("/* Inputs:")
        for input in g.inputs {
            lines.append(" *   \(CText.comment(input.name, limit: 60)): \(shape(input.shape)), entries \(entry)..<\(entry + input.shape.count)")
            entry += input.shape.count
        }
        entry = 0
        lines.append(" * Outputs:")
        for (k, o) in g.outputs.enumerated() {
            let s = g.vertices[o - 1].shape
            lines.append(" *   output \(k + 1) (v\(o)): \(shape(s)), entries \(entry)..<\(entry + s.count)")
            entry += s.count
        }
        lines.append(" */")
        lines += [
            "#define \(name)_INPUTS \(g.inputs.reduce(0) { $0 + $1.shape.count })",
            "#define \(name)_OUTPUTS \(entry)",
            "#define \(name)_JACOBIAN (\(name)_OUTPUTS * \(name)_INPUTS)",
            "",
            "void \(name)_jacobian(const double *x, double *jac, long n);",
            "void \(name)_outputs(const double *x, double *y, long n);",
            "",
            "/* Build: cc -O3 -march=native -c \(name).c and link with -lm; no BLAS is needed. With GCC or",
            " * Clang on x86-64 glibc, -DCCS_LIBMVEC at compile time and -lmvec when linking compute sin, exp,",
            " * ... of eight points at once with glibc's vector math library, within a few ulps of libm.",
            " * Batches of eight or more points run as vectors of eight points (GCC and Clang vector",
            " * extensions); defining CCS_SCALAR_ONLY, or any other C99 compiler, computes one point at a",
            " * time. */",
            "",
            "#endif",
            "",
        ]
        return lines.joined(separator: "\n")
    }

    // MARK: Entry points

    /// `ccs_evaluate` with the functions of `versions`: vectors of points (eight at a time, a
    /// last partial vector padded where there is no one-point function) and one point at a time.
    private static func libraryEntry(_ kernel: any CKernel, suffix: String, _ versions: Versions) -> String {
        let (inputs, jacobian, outputs) = (kernel.inputCount, kernel.jacobianCount, kernel.outputCount)
        let failure = "for (long k = 0; k < \(jacobian) * n; k++) jac[k] = NAN; if (y) for (long k = 0; k < \(outputs) * n; k++) y[k] = NAN;"
        let vector = workspace(kernel, vector: true, function: "ccs_lanes" + suffix, failure: failure)
        let scalar = workspace(kernel, vector: false, function: "ccs_point" + suffix, failure: failure)
        // Up to eight vectors of points run before their results are stored, so that each entry's
        // row receives whole cache lines in a row: rows a power of two apart (n = 512) would
        // otherwise all compete for one set of the L1 cache, entry after entry.
        let (j, o) = (max(jacobian, 1), max(outputs, 1))
        let block = max(1, min(8, 65_536 / ((j + o) * 64)))
        let padded = versions == .lanes
        let last = !padded ? "" : """
                            if (q + 8 > n) {  /* the last points, padded with the last one */
                                for (long i = 0; i < \(inputs); i++)
                                    for (int l = 0; l < 8; l++) in[i][l] = x[i * n + (q + l < n ? q + l : n - 1)];
                            } else

            """
        let partial = !padded ? "" : """
                        if (p + 8 * c > n) {
                            for (long k = 0; k < \(jacobian); k++)
                                for (long e = p; e < n; e++) jac[k * n + e] = out[(e - p) / 8][k][(e - p) % 8];
                            if (y) for (long k = 0; k < \(outputs); k++)
                                for (long e = p; e < n; e++) y[k * n + e] = val[(e - p) / 8][k][(e - p) % 8];
                            break;
                        }

            """
        let vectors = versions == .point ? "" : """
            #if CCS_VECTOR
                if (n >= \(padded ? 1 : 8)) {
            \(vector.declare)        while (\(padded ? "p < n" : "p + 8 <= n")) {
                        ccs_v in[\(inputs)], out[\(block)][\(j)], val[\(block)][\(o)];
                        int c = 0;
                        for (; c < \(block) && p + 8 * c \(padded ? "<" : "+ 8 <=") n; c++) {
                            const long q = p + 8 * c;
            \(last)                for (long i = 0; i < \(inputs); i++) in[i] = ccs_v_load(x + i * n + q);
                            ccs_lanes\(suffix)(in, out[c], y ? val[c] : 0, wv);
                        }
            \(partial)            for (long k = 0; k < \(jacobian); k++)
                            for (int d = 0; d < c; d++) ccs_v_store(jac + k * n + p + 8 * d, out[d][k]);
                        if (y) for (long k = 0; k < \(outputs); k++)
                            for (int d = 0; d < c; d++) ccs_v_store(y + k * n + p + 8 * d, val[d][k]);
                        p += 8 * c;
                    }
            \(vector.release)    }
            \(padded ? "#else" : "#endif")

            """
        return """
        void ccs_evaluate\(suffix)(const double *restrict x, double *restrict jac, double *restrict y, long n) {
            long p = 0;
        \(vectors)    if (p < n) {
        \(scalar.declare)        for (; p < n; p++) {
                    double in[\(inputs)], out[\(max(jacobian, 1))], val[\(outputs)];
                    for (long i = 0; i < \(inputs); i++) in[i] = x[i * n + p];
                    ccs_point\(suffix)(in, out, y ? val : 0, ws);
                    for (long k = 0; k < \(jacobian); k++) jac[k * n + p] = out[k];
                    if (y) for (long k = 0; k < \(outputs); k++) y[k * n + p] = val[k];
                }
        \(scalar.release)    }
        \(padded ? "#endif\n" : "")}


        """
    }

    private static func exportEntries(_ name: String, jacobian: any CKernel, outputs: any CKernel) -> String {
        var text = ""
        for (kernel, function, count, suffix) in [(jacobian, "jacobian", jacobian.jacobianCount, ""),
                                                   (outputs, "outputs", outputs.outputCount, "_outputs")] {
            let inputs = kernel.inputCount
            let failure = "for (long k = 0; k < \(count) * n; k++) r[k] = NAN;"
            let vector = workspace(kernel, vector: true, function: "ccs_lanes" + suffix, failure: failure)
            let scalar = workspace(kernel, vector: false, function: "ccs_point" + suffix, failure: failure)
            let results = suffix.isEmpty ? "r + p * \(count), 0" : "0, r + p * \(count)"
            text += """
                void \(name)_\(function)(const double *x, double *r, long n) {
                    long p = 0;
                #if CCS_VECTOR
                    if (n >= 8) {
                \(vector.declare)        for (; p + 8 <= n; p += 8) {
                            ccs_v in[\(inputs)];
                            ccs_gather_points(x + p * \(inputs), \(inputs), in);
                            ccs_lanes\(suffix)(in, \(results), wv);
                        }
                \(vector.release)    }
                #endif
                    if (p < n) {
                \(scalar.declare)        for (; p < n; p++) ccs_point\(suffix)(x + p * \(inputs), \(results), ws);
                \(scalar.release)    }
                }


                """
        }
        return text
    }
}
