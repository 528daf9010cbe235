import CrossCountry

/// A Jacobian as a language value: one block ∂output/∂input per pair, from an elimination (with the
/// multiplications it took) or from finite differences.
public struct JacobianValue {
    public var inputNames: [String]
    /// blocks[o][i] = ∂output_o/∂input_i, shaped output shape + input shape.
    public var blocks: [[JacobianBlock]]
    /// Multiplications per evaluation (the order's `exact` cost); nil for finite differences.
    public var multiplications: Int?
    /// Inside a trace (nested differentiation): the traced entries [output][input] of a scalar
    /// function's Jacobian, which `blocks` then leaves empty.
    var entries: [[Value]]?

    public init(inputNames: [String], blocks: [[JacobianBlock]], multiplications: Int?) {
        self.inputNames = inputNames
        self.blocks = blocks
        self.multiplications = multiplications
    }

    init(inputNames: [String], entries: [[Value]]) {
        self.inputNames = inputNames
        blocks = []
        multiplications = nil
        self.entries = entries
    }

    /// The number of outputs and of inputs.
    var size: (outputs: Int, inputs: Int) {
        if let entries { return (entries.count, entries.first?.count ?? 0) }
        return (blocks.count, blocks.first?.count ?? 0)
    }

    /// Every block flattened into one (Σ|outputs|) × (Σ|inputs|) matrix.
    public var dense: Tensor {
        let rows = blocks.map { $0.first?.outputShape.count ?? 0 }
        let columns = (blocks.first ?? []).map(\.inputShape.count)
        let width = columns.reduce(0, +)
        var scalars = [Double](repeating: 0, count: rows.reduce(0, +) * width)
        var row0 = 0
        for (o, row) in blocks.enumerated() {
            var column0 = 0
            for (i, block) in row.enumerated() {
                for r in 0..<rows[o] {
                    for c in 0..<columns[i] { scalars[(row0 + r) * width + column0 + c] = block[r, c] }
                }
                column0 += columns[i]
            }
            row0 += rows[o]
        }
        let shape = Shape.matrix(max(1, rows.reduce(0, +)), max(1, width))
        return (try? Tensor(shape: shape, scalars: scalars)) ?? .zeros(shape)
    }

    /// Whether every output and input is a number, so the Jacobian is one plain matrix.
    var isScalar: Bool { blocks.allSatisfy { $0.allSatisfy { $0.outputShape.isScalar && $0.inputShape.isScalar } } }

    /// A block as a value: a tensor when its combined rank is at most 2, else flattened to a matrix.
    func block(_ output: Int, _ input: Int) -> Value {
        if let entries { return entries[output][input] }
        let block = blocks[output][input]
        return Value(block.tensor ?? block.matrix)
    }

    /// The text shown for the Jacobian: a single block as itself (a number, a vector, a matrix); the
    /// row of a function of numbers to one number as a vector; one aligned matrix for other functions
    /// of numbers to numbers; else each block under a heading.
    func text(elide: Bool = true) -> String {
        if let entries {
            return entries.map { row in row.map { Display.inline($0, quoted: true) }.joined(separator: "  ") }.joined(separator: "\n")
        }
        if size.outputs == 0 || size.inputs == 0 { return Display.inline(.jacobian(self), quoted: true) }
        if size == (1, 1), blocks[0][0].tensor != nil { return Display.text(block(0, 0), elide: elide) }
        if isScalar && size.outputs == 1 { return Display.text(Value((try? Tensor(vector: dense.scalars)) ?? dense), elide: elide) }
        if isScalar { return Display.text(Value(dense), elide: elide) }
        var parts: [String] = []
        for (o, row) in blocks.enumerated() {
            for (i, block) in row.enumerated() {
                let name = i < inputNames.count ? inputNames[i] : "x\(i + 1)"
                let flattened = block.tensor == nil ? ", flattened" : ""
                parts.append("∂y\(o + 1)/∂\(name)  \(block.outputShape)×\(block.inputShape)\(flattened)")
                parts.append(Display.text(self.block(o, i), elide: elide))
            }
        }
        return parts.joined(separator: "\n")
    }
}
