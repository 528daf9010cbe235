/// A plan's instructions run as a straight-line kernel runs them (`KernelBuilder`), for the `code`
/// model: a small instruction symbolically in a `ScalarCode` (folded, shared), one of more than
/// `KernelBuilder.defaultLoopThreshold` operations as its loop (`KernelLoop`), which executes its
/// operations in every iteration, folds and shares nothing, reads values the straight-line code
/// must therefore compute (they are stored for it) and writes loads, which equal nothing else.
struct LoopedExecution {
    var execution: SymbolicExecution<CodeValue>
    let code: ScalarCode
    /// What the loops execute per point, and the same as an elimination step's work, by kind.
    private(set) var loops = OperationCounts()
    private(set) var work = CodeAlgebra.Work()
    /// The values the loops read.
    private(set) var reads: [ScalarCode.Ref] = []

    init(_ execution: SymbolicExecution<CodeValue>, code: ScalarCode) {
        self.execution = execution
        self.code = code
    }

    /// Runs `instructions` (by default the whole program); each loop's loads are numbered by a
    /// version `nextVersion` gives, so that loads of different loops never coincide.
    mutating func run(_ instructions: [PlanProgram.Instruction]? = nil, nextVersion: () -> Int) {
        let compiler = execution.compiler
        for instruction in instructions ?? compiler.program.instructions {
            guard let loop = KernelLoop.make(instruction, compiler, threshold: KernelBuilder.defaultLoopThreshold) else {
                execution.execute(instruction)
                continue
            }
            loops = loops + loop.counts
            Self.add(loop.counts, of: instruction, to: &work)
            let (read, written) = KernelBuilder.footprint(instruction, compiler)
            for entry in read { if case let .node(id)? = execution.arena[entry]?.ref { reads.append(.node(id)) } }
            let version = nextVersion()
            for entry in written { execution.arena[entry] = code.load(entry, version: version) }
        }
    }

    /// A loop's operations as an elimination step's work, by the loop's kind.
    private static func add(_ counts: OperationCounts, of instruction: PlanProgram.Instruction, to work: inout CodeAlgebra.Work) {
        work.multiplications += counts.multiplications
        work.additions += counts.additions
        work.loopAdditions += counts.additions
        switch instruction {
        case .scale, .multiply: work.elementwise += counts.multiplications
        case .matrix: work.matrix += counts.multiplications
        case .triples: work.scatter += counts.multiplications
        case .add, .pairs: work.sums += counts.additions
        // Primal values and partials are what every order computes alike, never a step's.
        case .zero, .copy, .fill, .primal, .partial: break
        }
    }
}
