import CrossCountry
import Foundation

/// A deliberately plain transcription of the paper's vertex game (dictionaries of 5-integer edge
/// records, tables read from the published test vectors) — the oracle for the optimized engine.
struct ReferenceGame {
    struct Record { var type: Int; var o1: Int; var o2: Int; var p1: Int; var p2: Int }
    struct Key: Hashable { var source: Node; var target: Int }

    var edges: [Key: Record] = [:]
    let outputs: Set<Int>
    static let tables = TestVectors.document["tables"]

    init(_ graph: ComputationalGraph) {
        outputs = Set(graph.outputs)
        for e in graph.edges {
            edges[Key(source: e.source, target: e.target)] = Record(
                type: e.type.rawValue, o1: e.targetShape.first, o2: e.targetShape.second,
                p1: e.sourceShape.first, p2: e.sourceShape.second)
        }
    }

    static func table(_ name: String, _ i: Int, _ j: Int) -> Int {
        tables?[name]?.arrayValue?[i + 10].arrayValue?[j + 10].intValue ?? -99
    }

    static func contraction(_ k: Int, _ i: Int, _ j: Int) -> Bool {
        tables?["contraction"]?.arrayValue?[k].arrayValue?[i + 10].arrayValue?[j + 10].intValue == 1
    }

    static func fmas(_ ie: Record, _ oe: Record) -> Int {
        if ie.type == 10 && oe.type == 10 { return 1 }
        let factors = [oe.o1, oe.o2, abs(oe.p1), abs(oe.p2), ie.p1, ie.p2]
        var product = 1, any = false
        for k in 0..<6 where contraction(k, ie.type, oe.type) {
            any = true
            product *= factors[k] < 0 ? 1 : factors[k]
        }
        return any ? product : 0
    }

    func inEdges(_ v: Int) -> [(Node, Record)] {
        edges.filter { $0.key.target == v }.map { ($0.key.source, $0.value) }
    }

    func outEdges(_ v: Int) -> [(Int, Record)] {
        edges.filter { $0.key.source == .vertex(v) }.map { ($0.key.target, $0.value) }
    }

    func cost(of v: Int) -> Int {
        var total = 0
        for (_, oe) in outEdges(v) { for (_, ie) in inEdges(v) { total += Self.fmas(ie, oe) } }
        return total
    }

    mutating func eliminate(_ v: Int) -> Int {
        let cost = cost(of: v)
        for (w, oe) in outEdges(v) {
            for (u, ie) in inEdges(v) {
                let key = Key(source: u, target: w)
                let product = Self.table("mul_sparsity", ie.type, oe.type)
                let existing = edges[key]?.type ?? 0
                edges[key] = Record(type: Self.table("add_sparsity", existing, product), o1: oe.o1, o2: oe.o2, p1: ie.p1, p2: ie.p2)
            }
        }
        // An output that is also used inside the graph keeps its in-edges: its Jacobian rows stay.
        edges = edges.filter { ($0.key.target != v || outputs.contains(v)) && $0.key.source != .vertex(v) }
        return cost
    }

    static func weight(_ r: Record, dense: Int) -> Int {
        switch r.type {
        case 1: return dense
        case 6, 7, 8: return 1
        case -1, 0, 3, 4: return r.o1
        default: return r.o2
        }
    }

    func markowitzDegree(_ v: Int) -> Int {
        let rows = outEdges(v).reduce(0) { $0 + Self.weight($1.1, dense: $1.1.p1 * $1.1.p2) }
        let columns = inEdges(v).reduce(0) { $0 + Self.weight($1.1, dense: $1.1.o1 * $1.1.o2) }
        return rows * columns
    }
}
