/// A plan as a program: every instruction is one call of a shared routine (`CRoutines`) with its
/// numbers read from a static table, `ccs_program…`, so that the C compiler works through a few
/// dozen small functions and some data however large the plan — a plan of thousands of
/// instructions compiles in a fraction of a second instead of minutes, and still runs as native
/// loops over the workspace, eight points per vector. The workspace starts as the interpreter's
/// arena does (zeros and the plan's constants), once per call of an entry point, and the program
/// then runs for every point as the interpreter's does for every batch.
struct TableKernel: CKernel {
    /// Each instruction that computes: its routine's number, then the routine's arguments.
    let program: [Int]
    let inputStart: Int
    let inputCount: Int
    /// The workspace entry of each Jacobian entry, in the kernel's layout.
    let jacobianEntries: [Int]
    let outputStart: Int
    let outputCount: Int
    /// Entries holding the plan's literal constants, and their values.
    let constantEntries: [Int]
    let constantValues: [Double]
    let workspace: Int
    let counts: OperationCounts
    let pointMajor: Bool

    var jacobianCount: Int { jacobianEntries.count }
    var straightLineOperations: Int { 0 }
    var initializes: Bool { true }
    /// None of its own: its routines' bodies are the source's (`CRoutines.bodies`).
    var codes: [(code: ScalarCode, live: [Bool])] { [] }

    /// The table kernel of a plan's results, its routines added to `context`'s, polling `monitor`
    /// between instructions; nil when an instruction has no loop form or the arena is too large
    /// for int offsets (the straight-line kernel handles those).
    init?(_ compiler: PlanCompiler, pointMajor: Bool, results: JacobianKernel.Results, context: CKernelContext,
          monitor: PlanMonitor) throws(KernelBuilder.Overflow) {
        // Routines read their numbers (arena offsets, counts, table positions) as ints.
        guard compiler.size < Int(Int32.max) else { return nil }
        let instructions = JacobianKernel.instructions(compiler, results: results)
        var program: [Int] = []
        var counts = OperationCounts()
        let held = compiler.estimatedBytes(arenaBytesPerEntry: 8)
        for (index, instruction) in instructions.enumerated() {
            do throws(PlanMonitor.Stop) {
                try monitor.poll(index, bytes: held + program.count * 8)
            } catch {
                throw .stopped(error)
            }
            // Routines added for earlier instructions stay in the context unused: harmless C.
            guard let step = KernelLoop.any(instruction, compiler) else { return nil }
            guard let loop = step else { continue }
            let call = context.routines.call(loop)
            program.append(call.routine)
            program += call.arguments
            counts = counts + loop.counts
        }
        self.program = program
        self.counts = counts
        self.pointMajor = pointMajor
        inputStart = compiler.inputRange.0
        inputCount = compiler.inputRange.1
        jacobianEntries = results == .outputs ? [] : JacobianKernel.jacobianEntries(compiler, pointMajor: pointMajor)
        outputStart = compiler.outputRange.0
        outputCount = results == .jacobian ? 0 : compiler.outputRange.1
        var entries: [Int] = [], values: [Double] = []
        for (offset, constants) in compiler.constants {
            for (j, value) in constants.enumerated() {
                entries.append(offset + j)
                values.append(value)
            }
        }
        constantEntries = entries
        constantValues = values
        workspace = compiler.size
    }

    func declarations(suffix: String, _ context: CKernelContext) -> String {
        func array(_ type: String, _ name: String, _ values: [String]) -> String {
            "static const \(type) \(name)\(suffix)[] = {\(values.isEmpty ? "0" : values.joined(separator: ", "))};\n"
        }
        return "#define ccs_program_length\(suffix) \(program.count)\n"
            + array("int", "ccs_program", program.map(String.init))
            + array("int", "ccs_constant_entries", constantEntries.map(String.init))
            + array("double", "ccs_constant_values", constantValues.map(CText.literal))
            + (jacobianContiguous ? "" : array("int", "ccs_jacobian_entries", jacobianEntries.map(String.init)))
    }

    /// Whether the Jacobian's entries lie in the workspace as the kernel lays them out.
    private var jacobianContiguous: Bool {
        jacobianEntries.enumerated().allSatisfy { $1 == (jacobianEntries.first ?? 0) + $0 }
    }

    func function(_ name: String, suffix: String, vector: Bool, _ context: CKernelContext) -> String {
        let type = vector ? "ccs_v" : "double", form = vector ? "lanes" : "point"
        let pointMajor = vector && self.pointMajor
        let result = pointMajor ? "double" : type
        let value = vector ? "CCS_SPLAT(ccs_constant_values\(suffix)[k])" : "ccs_constant_values\(suffix)[k]"
        var text = """
            static void \(name)_init(\(type) *restrict w) {
                memset(w, 0, sizeof(\(type)) * \(workspace));
                for (long k = 0; k < \(constantEntries.count); k++) w[ccs_constant_entries\(suffix)[k]] = \(value);
            }

            static void \(name)(const \(type) *restrict x, \(result) *restrict jac, \(result) *restrict y, \(type) *restrict w) {
                for (long i = 0; i < \(inputCount); i++) w[\(inputStart) + i] = x[i];
                const int *a = ccs_program\(suffix), *const end = ccs_program\(suffix) + ccs_program_length\(suffix);
                while (a < end) {
                    const int routine = *a++;
                    a = ccs_routines_\(form)[routine](w, a);
                }

            """
        /// Entry k of `target` (`count` entries a point) from `source(k)`; eight points' rows go in
        /// 8×8 transposed blocks.
        func store(_ target: String, count: Int, _ source: (String) -> String) -> String {
            guard pointMajor else { return "    for (long k = 0; k < \(count); k++) \(target)[k] = \(source("k"));\n" }
            return """
                    {
                        long k = 0;
                        for (; k + 8 <= \(count); k += 8) {
                            ccs_v b[8];
                            for (int d = 0; d < 8; d++) b[d] = \(source("k + d"));
                            ccs_store_block(\(target) + k, \(count), b);
                        }
                        for (; k < \(count); k++) ccs_store_column(\(target) + k, \(count), \(source("k")));
                    }

                """
        }
        if jacobianCount > 0 {
            text += store("jac", count: jacobianCount) { k in
                jacobianContiguous ? "w[\(jacobianEntries[0]) + \(k)]" : "w[ccs_jacobian_entries\(suffix)[\(k)]]"
            }
        }
        if outputCount > 0 {
            text += "    if (y) {\n" + store("y", count: outputCount) { "w[\(outputStart) + \($0)]" } + "    }\n"
        }
        return text + "}\n\n"
    }
}
