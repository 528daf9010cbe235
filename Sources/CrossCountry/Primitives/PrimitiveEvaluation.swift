extension Primitive {
    /// How a reduction combines two elements: max and min for theirs, addition for sums and means.
    var reductionFunction: BinaryFunction {
        switch self {
        case .reduceMax: return .max
        case .reduceMin: return .min
        default: return .add
        }
    }

    /// The primitive applied to concrete operands.
    public func evaluate(_ operands: [Tensor]) throws(TraceError) -> Tensor {
        let shapes = operands.map(\.shape)
        let shape = try resultShape(shapes)
        if isIdentity(on: shapes) { return operands[0] }
        return OperationKernel(self, operandShapes: shapes, shape: shape).evaluate(operands)
    }

    /// The local partials ∂result/∂operand_k at concrete operands, with their structure; nil where
    /// the primitive has no derivative through operand k (a comparison, a `where` condition,
    /// stop_gradient).
    public func partials(_ operands: [Tensor]) throws(TraceError) -> [LocalPartial?] {
        let shapes = operands.map(\.shape)
        let shape = try resultShape(shapes)
        if isIdentity(on: shapes) { return [LocalPartial(structure: .identity(shape.count), values: [])] }
        let kernel = OperationKernel(self, operandShapes: shapes, shape: shape)
        let result = kernel.evaluate(operands)
        return operands.indices.map { kernel.partial($0, operands, result: result) }
    }
}
