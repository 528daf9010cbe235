@testable import CrossCountry
import Foundation
import Testing

/// ccs's graph format: round trips, the shipped paper graphs, and clear errors for bad files.
@Suite struct GraphFileTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ccs-test-\(UUID().uuidString)-\(name)").path
    }

    @Test func roundTripPreservesEveryGraph() throws {
        for graph in TestVectors.graphs {
            let text = GraphFile.text(of: graph)
            let back = try GraphJSON.graph(from: JSONField(try JSONParser.parse(text)))
            #expect(back.name == graph.name)
            #expect(back.inputs == graph.inputs)
            #expect(back.vertices == graph.vertices)
            #expect(back.outputs == graph.outputs)
            #expect(back.edges == graph.edges)
            #expect(back.publishedOrders == graph.publishedOrders)
            #expect(GraphFile.text(of: back) == text)
        }
    }

    /// The graphs under stdlib/paper/graphs are exactly what `ccs convert` makes of the test vectors.
    @Test(arguments: PaperGraphs.names)
    func shippedGraphIsTheConversion(name: String) throws {
        let graph = try #require(TestVectors.graphs.first { $0.name == name })
        let shipped = try String(contentsOfFile: "\(TestVectors.shippedGraphs)/\(name).json", encoding: .utf8)
        #expect(shipped == GraphFile.text(of: graph))
    }

    @Test func writeIsAtomicAndReadable() throws {
        let path = Self.temporaryPath("g.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let graph = try #require(TestVectors.graphs.first)
        try GraphFile.write(graph, to: path)
        #expect(try GraphFile.loadOne(path).edges == graph.edges)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.contains(URL(fileURLWithPath: path).lastPathComponent) && !path.hasSuffix($0) }
        #expect(leftovers.isEmpty)
    }

    static let bad: [(String, String)] = [
        ("", ": error: the file is empty, not a graph"),
        ("{\"format\": \"ccs-graph\", \"version\": 1,", ":1:38: error: not a valid graph file: unexpected end of input, expected a member name"),
        ("{\"format\": \"ccs-graph\"\n \"version\": 1}", ":2:2: error: not a valid graph file: expected ',' or '}', found '\"'"),
        ("[1, 2", ":1:6: error: not a valid graph file: unexpected end of input, expected ',' or ']'"),
        ("{\"format\": \"other\"}", ": error: format: expected \"ccs-graph\""),
        ("{\"format\": \"ccs-graph\", \"version\": 9}", ": error: version: this ccs reads version 1 of the format, the file has 9"),
        ("{\"format\": \"ccs-graph\", \"version\": 1, \"inputs\": []}", ": error: vertices: missing"),
        (Self.minimal(edges: #"[{"from": "x1", "to": "v1", "type": 12}]"#), ": error: edges[0].type: 12 is not a sparsity type (−10…11)"),
        (Self.minimal(edges: #"[{"from": "x2", "to": "v1", "type": 1}]"#), ": error: edges[0].from: x2 does not exist (the graph has 1 input and 2 vertices)"),
        (Self.minimal(edges: #"[{"from": "x1", "to": "x1", "type": 1}]"#), ": error: edges[0].to: an edge must end at a vertex (v1, v2, …)"),
        (Self.minimal(edges: #"[{"from": "v2", "to": "v1", "type": 1}, {"from": "v1", "to": "v2", "type": 1}]"#),
         ": error: the edges form a cycle through v1"),
        (Self.minimal(edges: #"[{"from": "x1", "to": "v1", "type": 1}, {"from": "x1", "to": "v1", "type": 6}]"#),
         ": error: edge x1→v1 appears twice"),
        (Self.minimal(edges: #"[{"from": "x1", "to": "v1"}]"#), ": error: edges[0].type: missing"),
        (Self.minimal(edges: #"{}"#), ": error: edges: expected an array, found an object"),
        (Self.minimal(edges: "[]", shape: "[2, 2, 2]"), ": error: vertices[0].shape: shape [2, 2, 2] has rank 3; ccs supports scalars, vectors and matrices (rank ≤ 2)"),
    ]

    static func minimal(edges: String, shape: String = "[]") -> String {
        """
        {"format": "ccs-graph", "version": 1, "name": "t", "inputs": [{"name": "a", "shape": []}],
         "vertices": [{"op": "sin", "shape": \(shape)}, {"op": "cos", "shape": []}], "outputs": ["v2"], "edges": \(edges)}
        """
    }

    /// The paper's format: counts are checked before arrays of their length are made, and a
    /// negative extent (kept on the edge, as the game reads it) gives its vertex the magnitude, so
    /// that the graph writes and reads back in ccs's format.
    @Test func paperFormatCountsAndNegativeExtents() throws {
        let huge = #"{"num_inputs": 1, "num_vertices": 1000000000000, "output_vertices": [1], "edges": []}"#
        #expect(throws: GraphError.file(path: "p.json", location: nil,
                                        message: "num_vertices must be a whole number from 1 to 16,777,216, got 1000000000000")) {
            try GraphFile.graphs(in: Array(huge.utf8), path: "p.json")
        }
        let negative = #"{"num_inputs": 1, "num_vertices": 2, "output_vertices": [2], "edges": [["x", 1, 1, 1, -5, 3, 1, 1], ["v", 1, 2, 1, 1, 1, -5, 3]]}"#
        let graph = try #require(try GraphFile.graphs(in: Array(negative.utf8), path: "p.json").first)
        #expect(graph.vertices[0].shape == .matrix(5, 3))
        #expect(graph.edges[0].targetShape == ShapePair(-5, 3))
        let again = try GraphFile.graphs(in: Array(GraphFile.text(of: graph).utf8), path: "again.json")
        #expect(again.count == 1 && again[0].differences(from: graph).isEmpty)
    }

    @Test(arguments: bad)
    func malformedFilesGetClearErrors(text: String, message: String) throws {
        let path = Self.temporaryPath("bad.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: GraphError.self) { try GraphFile.load(path) }
        do {
            _ = try GraphFile.load(path)
        } catch {
            #expect(error.description == path + message, "got: \(error.description)")
        }
    }

    @Test func truncatedShippedGraphIsRejected() throws {
        let text = try String(contentsOfFile: "\(TestVectors.shippedGraphs)/Encoder.json", encoding: .utf8)
        var rng = SplitMix64(seed: 3)
        for _ in 0..<20 {
            let cut = Int.random(in: 1..<text.utf8.count, using: &rng)
            let path = Self.temporaryPath("cut.json")
            defer { try? FileManager.default.removeItem(atPath: path) }
            try String(decoding: Array(text.utf8.prefix(cut)), as: UTF8.self).write(toFile: path, atomically: true, encoding: .utf8)
            #expect(throws: GraphError.self) { try GraphFile.load(path) }
        }
    }

    @Test func missingFile() {
        #expect(throws: GraphError.file(path: "/nonexistent/g.json", location: nil,
                                        message: "no such file")) {
            try GraphFile.load("/nonexistent/g.json")
        }
    }

    @Test func dotExportNamesEveryNodeAndEdge() throws {
        let graph = try #require(TestVectors.graphs.first { $0.name == "f" })
        let dot = DOTExport.text(of: graph)
        #expect(dot.hasPrefix("digraph \"f\" {"))
        #expect(dot.components(separatedBy: " -> ").count - 1 == graph.edges.count)
        #expect(dot.contains("v80 [shape=doublecircle"))
        #expect(dot.contains("x3 [shape=box, label=\"x3\\n(4,4)\"]"))
        #expect(dot.contains("v1 -> v2 [label=\"-2\"];") || dot.contains("-> v2 [label="))
    }
}
