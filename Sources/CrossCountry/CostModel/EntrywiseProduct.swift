/// One product of an elimination added onto its edge entry by entry, as the generated code forms
/// it: the plan compiler's own instructions for the pair (`PlanCompiler.product`), run symbolically
/// on the factors' stored entries in the `code` model's `ScalarCode`. The code numbers values, so
/// the resulting entries are the emitter's very nodes — equal products formed once, ±1 and
/// constant entries folded, structural zeros skipped — and how the sum associates (term by term
/// into the edge's own storage, or the product summed first) follows the compiler's choice. An
/// instruction the emitter runs as a loop is counted as the loop executes it, and what it writes
/// are loads (`LoopedExecution`).
struct EntrywiseProduct {
    /// A partial's structure and its stored entries, as the plan's arena holds them (nil: a
    /// structural zero, never written).
    struct Edge {
        var structure: PartialStructure
        var entries: [ScalarCode.Ref?]
    }

    /// The compiler of the graph's local partials, which lends the product its rules.
    let compiler: PlanCompiler

    /// What adding a product executes besides its entries' straight-line operations: the loops
    /// among its instructions (`LoopedExecution`), and the values they read.
    struct Loops {
        var work = CodeAlgebra.Work()
        var reads: [ScalarCode.Ref] = []
    }

    /// The structures a product's instructions depend on.
    struct Shapes: Hashable {
        var q: PartialStructure, p: PartialStructure, existing: PartialStructure?
        var shared: Bool
    }

    /// The plan compiler's instructions for a product (`PlanCompiler.product`).
    typealias Plan = (compiler: PlanCompiler, q: PlanCompiler.EdgeState, p: PlanCompiler.EdgeState,
                      existing: PlanCompiler.EdgeState?, result: PlanCompiler.EdgeState)

    /// q·p added onto `existing` (nil: a new edge); `shared` when another live edge reads
    /// existing's storage. Each loop's loads get a version from `nextVersion`. `plans` keeps the
    /// instructions of the structures seen (many pairs of edges share them).
    func add(_ q: Edge, _ p: Edge, onto existing: Edge?, shared: Bool, in code: ScalarCode, plans: inout [Shapes: Plan],
             nextVersion: () -> Int) -> (edge: Edge, loops: Loops) {
        let shapes = Shapes(q: q.structure, p: p.structure, existing: existing?.structure, shared: shared)
        let plan: Plan
        if let known = plans[shapes] {
            plan = known
        } else {
            plan = compiler.product(q.structure, p.structure, onto: existing?.structure, shared: shared)
            plans[shapes] = plan
        }
        var run = LoopedExecution(SymbolicExecution<CodeValue>(plan.compiler, inputs: []), code: code)
        func write(_ edge: Edge, at state: PlanCompiler.EdgeState) {
            for (j, entry) in edge.entries.enumerated() { run.execution.arena[state.slot + j] = entry.map { code.value($0) } }
        }
        write(q, at: plan.q)
        write(p, at: plan.p)
        if let existing, let state = plan.existing { write(existing, at: state) }
        run.run(nextVersion: nextVersion)
        let result = plan.result
        let count = result.slot >= 0 ? result.structure.valueCount : 0
        let edge = Edge(structure: result.structure, entries: (0..<count).map { run.execution.arena[result.slot + $0]?.ref })
        return (edge, Loops(work: run.work, reads: run.reads))
    }
}
