/// The name of a plan's library in `NativeCache`, computed from everything its C source is a
/// function of — the graph's name, inputs, outputs and operations (primitives with their
/// parameters, custom derivatives' programs, constants to the bit), the elimination order, and the
/// emitter (`JacobianSource.emitterVersion` and the prelude) — before any C is generated: finding a
/// cached plan costs a hash of the plan, not the symbolic execution and rendering of its source.
/// The trace point's values are not part of it, as the source does not depend on them.
enum PlanKey {
    /// The key of the library source (`JacobianSource.Form.library`) of a graph and an order with
    /// the functions of `versions`, compiled by a toolchain.
    static func library(_ graph: NumericGraph, order: [Int], versions: JacobianSource.Versions, toolchain: NativeToolchain) -> String {
        var bytes = Writer()
        bytes.string("ccs-plan library")
        bytes.string("\(versions)")
        bytes.int(JacobianSource.emitterVersion)
        bytes.string(prelude)
        let g = graph.graph
        bytes.string(g.name)
        bytes.int(g.inputCount)
        for input in g.inputs {
            bytes.string(input.name)
            bytes.shape(input.shape)
        }
        bytes.int(g.vertexCount)
        for (vertex, operation) in zip(g.vertices, graph.operations) {
            bytes.shape(vertex.shape)
            bytes.primitive(operation.primitive)
            bytes.int(operation.arguments.count)
            for argument in operation.arguments {
                switch argument {
                case let .node(.input(i)): bytes.int(1); bytes.int(i)
                case let .node(.vertex(v)): bytes.int(2); bytes.int(v)
                case let .constant(t): bytes.int(3); bytes.tensor(t)
                }
            }
        }
        bytes.ints(g.outputs)
        bytes.ints(order)
        return NativeCache.key(content: bytes.bytes, toolchain: toolchain)
    }

    /// The prelude's digest, which every library source begins with.
    private static let prelude = SHA256.hex(CPrelude.header.utf8)

    /// An unambiguous serialization: every field fixed-width or length-prefixed.
    private struct Writer {
        var bytes: [UInt8] = []

        mutating func int(_ value: Int) { withUnsafeBytes(of: Int64(value).littleEndian) { bytes += $0 } }
        mutating func double(_ value: Double) { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
        mutating func ints(_ values: [Int]) {
            int(values.count)
            for value in values { int(value) }
        }
        mutating func string(_ text: String) {
            int(text.utf8.count)
            bytes += text.utf8
        }
        mutating func shape(_ shape: Shape) { ints(shape.dims) }
        mutating func tensor(_ tensor: Tensor) {
            shape(tensor.shape)
            for value in tensor.scalars { double(value) }
        }

        /// A primitive by its description (its name with every parameter), and a custom
        /// function's programs, which its description only names.
        mutating func primitive(_ primitive: Primitive) {
            string(primitive.description)
            guard case let .custom(f) = primitive else { return }
            program(f.primal)
            program(f.derivative)
        }

        mutating func program(_ program: ElementwiseProgram) {
            int(program.arity)
            int(program.steps.count)
            for step in program.steps {
                primitive(step.primitive)
                sources(step.sources)
            }
            sources(program.outputs)
        }

        mutating func sources(_ sources: [ElementwiseProgram.Source]) {
            int(sources.count)
            for source in sources {
                switch source {
                case let .operand(k): int(1); int(k)
                case let .step(k): int(2); int(k)
                case let .constant(c): int(3); double(c)
                }
            }
        }
    }
}

extension NativeCache {
    /// The library of a plan (its `JacobianSource` for compiling): found by the plan's key
    /// without generating any C when cached, else generated (the seconds it took, or took until
    /// refused, in `generationSeconds`), compiled and stored with its operation counts, which the
    /// record gives back on every later load.
    func library(of compiler: PlanCompiler, order: [Int], versions: JacobianSource.Versions, toolchain: NativeToolchain,
                 monitor: PlanMonitor, generationSeconds: inout Double?) throws(NativeError)
        -> (library: NativeLibrary, counts: OperationCounts, compileSeconds: Double?) {
        let key = PlanKey.library(compiler.graph, order: order, versions: versions, toolchain: toolchain)
        let found = try library(key: key, toolchain: toolchain, monitor: monitor, accepts: { OperationCounts(record: $0) != nil }) {
            () throws(NativeError) in
            let start = ContinuousClock.now
            defer { generationSeconds = (ContinuousClock.now - start).seconds }
            let source = try JacobianSource.forCompiling(compiler, order: order, versions: versions, monitor: monitor)
            return (source.text, source.counts.record)
        }
        // `accepts` let only readable counts through.
        guard let counts = OperationCounts(record: found.note) else { throw .cache("\(found.library.path) has no operation counts") }
        return (found.library, counts, found.compileSeconds)
    }
}
