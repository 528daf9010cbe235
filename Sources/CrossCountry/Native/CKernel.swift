/// A plan's generated code as the functions entry points call — `static void NAME(const T *x,
/// R *jac, R *y, T *w)` on doubles (one point) or on vectors of points — whatever its shape:
/// straight-line operations with loops (`JacobianKernel`) or a program of shared routines
/// (`TableKernel`).
protocol CKernel {
    var inputCount: Int { get }
    var jacobianCount: Int { get }
    var outputCount: Int { get }
    /// Workspace entries the functions use (0: none).
    var workspace: Int { get }
    /// What one point costs.
    var counts: OperationCounts { get }
    /// Operations written out as straight-line code (not in loops or routines).
    var straightLineOperations: Int { get }
    /// The straight-line codes the functions run and which of their nodes are live: the calls
    /// among them need helpers.
    var codes: [(code: ScalarCode, live: [Bool])] { get }
    /// Whether entry points call `NAME_init(w)` once after allocating the workspace.
    var initializes: Bool { get }
    /// Data the kernel's functions read, written once per source before them.
    func declarations(suffix: String, _ context: CKernelContext) -> String
    /// The function NAME (and `NAME_init` where the kernel initializes its workspace).
    func function(_ name: String, suffix: String, vector: Bool, _ context: CKernelContext) -> String
}

/// What the kernels of one source share: the index tables and the routines of table kernels.
final class CKernelContext {
    let tables: CIndexTables
    let routines: CRoutines

    init() {
        tables = CIndexTables()
        routines = CRoutines(tables: tables)
    }
}
