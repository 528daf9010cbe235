/// An elimination order that a graph file carries from a publication, with the cost (and per-step
/// costs) reported there under the `paper` model.
public struct PublishedOrder: Hashable, Sendable {
    public var name: String
    public var source: String
    public var order: [Int]
    public var cost: Int?
    public var stepCosts: [Int]?

    public init(name: String, source: String = "", order: [Int], cost: Int? = nil, stepCosts: [Int]? = nil) {
        self.name = name
        self.source = source
        self.order = order
        self.cost = cost
        self.stepCosts = stepCosts
    }
}
