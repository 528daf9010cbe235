import CrossCountry

/// Cost models as the language uses them: a model value (`paper`, `exact`, `memory`), or a `.ccs`
/// function of the edges, compiled once into an engine model (`ModelCompiler`).
extension Value {
    /// The model this value denotes — a model, or a function compiled into one — or nil for any
    /// other value. A function that is no valid model throws the compiler's error.
    func costModel() throws(ScriptError) -> CostModel? {
        switch self {
        case let .model(model): return model
        case let .function(function):
            if let compiled = function.compiledModel { return compiled }
            let model = try ModelCompiler.compile(function)
            function.compiledModel = model
            return model
        default: return nil
        }
    }

    /// A shape as a tuple of its extents (`()` for a scalar).
    static func shape(_ shape: Shape) -> Value {
        shape.dims.isEmpty ? .tuple([]) : .tuple(shape.dims.map { .number(Double($0)) })
    }
}

extension CostModel {
    /// Plays `order` on the graph under this model, pricing each step; rejects an invalid order
    /// naming the vertex. Errors point at the order (`orderRange`) or at the model (`modelRange`).
    func cost(of order: [Int], on graph: GraphValue, orderRange: SourceRange, modelRange: SourceRange) throws(ScriptError) -> OrderCost {
        let game = try graph.game(self, at: modelRange)
        let cost: OrderCost
        do {
            cost = try game.cost(of: order)
        } catch {
            throw .runtime("invalid order: \(error)", at: orderRange)
        }
        try checked(at: modelRange)
        return cost
    }

    /// The order that always eliminates the vertex this model prices cheapest now (ties to the lowest).
    func greedyOrder(on graph: GraphValue, at range: SourceRange) throws(ScriptError) -> [Int] {
        let order = try graph.game(self, at: range).order(.lowestCost)
        try checked(at: range)
        return order
    }

    /// Throws the first step a user's model priced wrongly since the model was last checked.
    func checked(at range: SourceRange) throws(ScriptError) {
        guard let failure else { return }
        clearFailure()
        throw .runtime("the cost model '\(name)' must give a finite number at least 0 for every step, but gave \(Display.number(failure.value)) for v\(failure.vertex)", at: range)
    }
}

/// A cost model named on a command line: a built-in (`paper`, `exact`, `memory`) or
/// `FILE.ccs:FUNCTION`, a function of a `.ccs` file — the file is run (its output goes to
/// `output`) and the function compiled as a model.
public enum ModelArgument {
    /// What `--model` accepts, for help texts.
    public static let help = "A cost model: \(CostModel.builtins.map(\.name).joined(separator: ", ")), or FILE.ccs:FUNCTION, a function of (ins, outs) in a .ccs file."

    /// The model `argument` names, or an error saying why there is none (a file's diagnostics at their place).
    public static func resolve(_ argument: String, output: @escaping (String) -> Void = { _ in }) throws(ModelArgumentError) -> CostModel {
        if let model = CostModel.named(argument) { return model }
        guard let colon = argument.lastIndex(of: ":"), colon != argument.startIndex else {
            throw .init("unknown cost model '\(argument)'; use \(CostModel.builtins.map(\.name).joined(separator: ", ")) or FILE.ccs:FUNCTION")
        }
        let path = String(argument[..<colon]), function = String(argument[argument.index(after: colon)...])
        let source: String
        switch ScriptRunner.read(path) {
        case let .success(text): source = text
        case let .failure(failure):
            // A failure without a place (a missing file) is a sentence the command prefixes itself.
            throw failure.location == nil ? .init(failure.message) : .init(failure.errorLine, located: true)
        }
        let session = Session(write: output)
        if let error = session.run(source, name: path).error { throw .init(error.description, located: true) }
        let model: CostModel?
        do throws(ScriptError) {
            model = try session.costModel(function)
        } catch {
            throw .init(error.description, located: true)
        }
        guard let model else {
            let found = session.value(of: function).map { "'\(function)' in \(path) is \($0.typeDescription), not a cost model" }
            throw .init("\(found ?? "\(path) defines no '\(function)'"); a cost model is a function of (ins, outs) or (v, ins, outs)")
        }
        return model
    }
}

extension Session {
    /// The session's value `name` as a cost model — a model, or a function compiled into one — or
    /// nil when there is no such value or it is neither; a function that is no valid model throws
    /// the compiler's error.
    public func costModel(_ name: String) throws(ScriptError) -> CostModel? {
        try value(of: name)?.costModel()
    }
}

/// Why a command-line cost model cannot be used: a message, which may already carry its
/// `file:line:col: error:` location.
public struct ModelArgumentError: Error, CustomStringConvertible {
    public let message: String
    /// Whether `message` is a whole diagnostic (`path:line:col: error: …`) rather than a sentence.
    public let isLocated: Bool

    init(_ message: String, located: Bool = false) {
        self.message = message
        isLocated = located
    }

    public var description: String { message }
}
