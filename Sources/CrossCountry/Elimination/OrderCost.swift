/// The cost of a complete elimination order under one cost model: the total and the cost of each step.
public struct OrderCost: Equatable, Sendable {
    public var total: Double
    public var steps: [Double]

    public init(total: Double, steps: [Double]) {
        self.total = total
        self.steps = steps
    }

    /// Whole-number step costs (multiplication counts) and their sum.
    init(steps: [Int]) {
        self.init(total: Double(steps.reduce(0, +)), steps: steps.map(Double.init))
    }
}

extension EliminationGame {
    /// Checks that an order eliminates every eliminable vertex exactly once and nothing else.
    public func validate(_ order: [Int]) throws(OrderError) {
        try Self.validate(order, vertexCount: vertexCount, eliminable: eliminable)
    }

    /// The same check for any graph, given its vertex count and eliminable vertices (ascending).
    public static func validate(_ order: [Int], vertexCount: Int, eliminable: [Int]) throws(OrderError) {
        var isEliminable = [Bool](repeating: false, count: vertexCount + 1)
        for v in eliminable { isEliminable[v] = true }
        var position = [Int](repeating: 0, count: vertexCount + 1)
        for (i, v) in order.enumerated() {
            guard v >= 1 && v <= vertexCount else { throw .unknownVertex(v, vertexCount: vertexCount) }
            guard isEliminable[v] else { throw .output(v) }
            if position[v] != 0 { throw .duplicate(v, firstPosition: position[v], secondPosition: i + 1) }
            position[v] = i + 1
        }
        let missing = eliminable.filter { position[$0] == 0 }
        if !missing.isEmpty { throw .missing(missing, eliminableCount: eliminable.count) }
    }

    /// The cost of a complete order under the game's model, with its per-step costs.
    public func cost(of order: [Int]) throws(OrderError) -> OrderCost {
        try validate(order)
        var state = start()
        var steps: [Double] = []
        steps.reserveCapacity(order.count)
        for v in order { steps.append(state.eliminate(v)) }
        return OrderCost(total: state.cost, steps: steps)
    }

    /// Parses an order written as vertex numbers separated by commas or spaces (`3,1,2` or
    /// `v3 v1 v2`); naming an input (`x2`) is an error.
    public static func parseOrder(_ text: String) throws(OrderError) -> [Int] {
        var order: [Int] = []
        for token in text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "[" || $0 == "]" }) {
            switch Node(token) {
            case let .vertex(v)?: order.append(v)
            case let .input(i)?: throw .input(i)
            case nil:
                guard let n = Int(token) else { throw .malformed(String(token)) }
                order.append(n)
            }
        }
        return order
    }
}
