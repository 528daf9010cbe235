/// Why an elimination order cannot be played on a graph; each case names the offending vertex.
public enum OrderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A vertex number the graph does not have.
    case unknownVertex(Int, vertexCount: Int)
    /// An input (inputs are never eliminated).
    case input(Int)
    /// An output that nothing else uses (outputs are never eliminated).
    case output(Int)
    /// A vertex named twice, at these 1-based positions.
    case duplicate(Int, firstPosition: Int, secondPosition: Int)
    /// Eliminable vertices the order leaves out.
    case missing([Int], eliminableCount: Int)
    /// An order entry that is not a vertex number.
    case malformed(String)

    public var description: String {
        switch self {
        case let .unknownVertex(v, count):
            return "vertex \(v) does not exist; the graph has vertices 1…\(count)"
        case let .input(i):
            return "x\(i) is an input; inputs are never eliminated"
        case let .output(v):
            return "vertex \(v) is an output; outputs are never eliminated"
        case let .duplicate(v, first, second):
            return "vertex \(v) appears twice, at positions \(first) and \(second)"
        case let .missing(vertices, count):
            let shown = vertices.prefix(12).map(String.init).joined(separator: ", ")
            let more = vertices.count > 12 ? ", …" : ""
            let noun = vertices.count == 1 ? "vertex" : "vertices"
            return "the order misses \(vertices.count) of \(count) eliminable \(noun): \(shown)\(more)"
        case let .malformed(text):
            return "'\(text)' is not a vertex number"
        }
    }
}
