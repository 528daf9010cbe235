/// The shared routines of table kernels (`TableKernel`): one C function per distinct shape of
/// loop, on doubles and on vectors of points, that reads its numbers from an argument list `a` and
/// returns where the next instruction's arguments start; `ccs_routines_point` and
/// `ccs_routines_lanes` list them by number. Instructions that differ only in their numbers share
/// a routine, so the C compiler sees a few dozen small functions however large the plan.
final class CRoutines {
    let tables: CIndexTables
    private var numbers: [String: Int] = [:]
    private var point = ""
    private var lanes = ""
    /// The straight-line bodies of the routines: the calls among them need helpers.
    private(set) var bodies: [ScalarCode] = []

    init(tables: CIndexTables) { self.tables = tables }

    var isEmpty: Bool { numbers.isEmpty }

    /// The routine running `loop`, and the arguments of this instance (ints: the kernel's arena
    /// is smaller than 2³¹ entries).
    func call(_ loop: KernelLoop) -> (routine: Int, arguments: [Int]) {
        let scalar = CArguments(tables: tables, shared: true), vector = CArguments(tables: tables, shared: true)
        let pointText = loop.render(CExpression(vector: false, name: { "t\($0)" }, input: { "x[\($0)]" }), scalar)
        let lanesText = loop.render(CExpression(vector: true, name: { "t\($0)" }, input: { "x[\($0)]" }), vector)
        // Both forms come from one closure that writes numbers the same way whatever the type.
        assert(scalar.values == vector.values)
        let key = pointText + "\u{0}" + lanesText
        if let routine = numbers[key] { return (routine, scalar.values) }
        let routine = numbers.count
        numbers[key] = routine
        bodies += loop.bodies
        let next = "    return a + \(scalar.values.count);\n}\n"
        point += "static const int *ccs_routine_\(routine)_point(double *restrict w, const int *restrict a) {\n" + pointText + next
        lanes += "static const int *ccs_routine_\(routine)_lanes(ccs_v *restrict w, const int *restrict a) {\n" + lanesText + next
        return (routine, scalar.values)
    }

    /// The routines of the kernels' `versions` and the tables listing them (after every index
    /// table they read), at -O1 under GCC: at -O3 it spent about 6 ms on each pair of routines,
    /// most of it vectorizing and unrolling the one-point loops, for no measured gain (the
    /// routines are short loops over the workspace, and vectors of points are vectors already).
    func text(_ versions: JacobianSource.Versions) -> String {
        guard !isEmpty else { return "" }
        func list(_ form: String, _ type: String) -> String {
            "typedef const int *(*ccs_routine_\(form))(\(type) *restrict, const int *restrict);\n"
                + "static const ccs_routine_\(form) ccs_routines_\(form)[] = {"
                + (0..<numbers.count).map { "ccs_routine_\($0)_\(form)" }.joined(separator: ", ") + "};\n"
        }
        let scalar = point + list("point", "double"), vector = lanes + list("lanes", "ccs_v")
        let routines = switch versions {
        case .point: scalar
        case .lanes: "#if CCS_VECTOR\n" + vector + "#else\n" + scalar + "#endif\n"
        case .both: scalar + "#if CCS_VECTOR\n" + vector + "#endif\n"
        }
        return tables.addresses + "\n" + CPrelude.lowerOptimization + routines + CPrelude.restoreOptimization + "\n"
    }

}
