import CrossCountry
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Script

/// Pictures: `render` draws a graph through Graphviz with its vertices coloured by an order's steps
/// (checked by parsing the SVG), `plot` writes a training curve, and what happens without Graphviz.
@Suite struct PictureTests {
    static func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ccs-picture-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The nodes of a Graphviz SVG: each `<g class="node">`'s title (x1, v5), its shape's fill and its text lines.
    final class SVGNodes: NSObject, XMLParserDelegate {
        struct Node { var title = ""; var fill: String?; var texts: [String] = []; var textColour = "#000000" }
        var nodes: [Node] = []
        private var current: Node?
        private var element = ""
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            element = name
            text = ""
            if name == "g", attributes["class"] == "node" { current = Node() }
            if ["ellipse", "polygon"].contains(name), current != nil, current?.fill == nil { current?.fill = attributes["fill"] }
            if name == "text", attributes["fill"] == "white" { current?.textColour = "#ffffff" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "title" { current?.title = text }
            if name == "text" { current?.texts.append(text) }
            if name == "g", let node = current { nodes.append(node); current = nil }
            text = ""
        }

        static func parse(_ path: String) throws -> [String: Node] {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let parser = XMLParser(data: data)
            let delegate = SVGNodes()
            parser.delegate = delegate
            #expect(parser.parse(), "the SVG is well-formed XML")
            return Dictionary(delegate.nodes.map { ($0.title, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// The sum of a colour's channels: smaller is darker.
    static func brightness(_ colour: String) -> Int {
        let hex = colour.dropFirst()
        return stride(from: 0, to: 6, by: 2).map { Int(hex.dropFirst($0).prefix(2), radix: 16) ?? 0 }.reduce(0, +)
    }

    /// WCAG 2's contrast ratio of two `#rrggbb` colours (1 to 21).
    static func contrast(_ a: String, _ b: String) -> Double {
        func luminance(_ colour: String) -> Double {
            let hex = colour.dropFirst()
            let channels = stride(from: 0, to: 6, by: 2).map { Double(Int(hex.dropFirst($0).prefix(2), radix: 16) ?? 0) / 255 }
            let linear = channels.map { $0 <= 0.04045 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
            return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        }
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test(.enabled(if: Graphviz.executable != nil, "needs Graphviz's dot"))
    func aRenderedOrderColoursEveryVertexByItsStep() throws {
        let path = try Self.directory() + "/roe.svg"
        let printed = output("let g = load_graph(\"RoeFlux_1d\")\nrender(g, \"\(path)\", order: markowitz)")
        #expect(printed == "wrote \(path) (101 vertices, coloured by the step of each elimination)")
        let nodes = try SVGNodes.parse(path)
        let graph = try PaperGraphs.load("RoeFlux_1d")
        #expect(nodes.count == graph.inputCount + graph.vertexCount)
        // The steps come from the engine's own Markowitz order, not from the picture's code.
        let order = try EliminationGame(graph).markowitzOrder()
        var darkness = Int.max
        for (k, v) in order.enumerated() {
            let node = try #require(nodes["v\(v)"])
            #expect(node.texts.contains { $0.hasPrefix("step \(k + 1), cost ") }, "v\(v): \(node.texts)")
            let fill = try #require(node.fill)
            #expect(fill == GraphPicture.colour(Double(k) / Double(order.count - 1)), "v\(v)")
            #expect(Self.brightness(fill) <= darkness, "a later step is never lighter")
            #expect(Self.contrast(node.textColour, fill) >= 4.5, "v\(v): its label is legible on \(fill) (WCAG AA)")
            darkness = Self.brightness(fill)
        }
        #expect(Set(order.map { nodes["v\($0)"]?.fill }).count > 50, "the steps are told apart")
        #expect(order.contains { nodes["v\($0)"]?.textColour == "#ffffff" }, "the darkest steps are labelled in white")
        for i in 1...graph.inputCount { #expect(nodes["x\(i)"]?.fill == DOTExport.inputColour) }
        for v in graph.outputs { #expect(nodes["v\(v)"]?.fill == DOTExport.outputColour) }
    }

    @Test(.enabled(if: Graphviz.executable != nil, "needs Graphviz's dot"))
    func byCostTheDearestStepIsDarkestAndPNGIsAPicture() throws {
        let directory = try Self.directory()
        _ = output("let g = load_graph(\"PropaneCombustion\")\nrender(g, \"\(directory)/p.svg\", order: forward, colour: \"cost\")")
        let nodes = try SVGNodes.parse("\(directory)/p.svg")
        let graph = try PaperGraphs.load("PropaneCombustion")
        let game = try EliminationGame(graph)
        let steps = try game.cost(of: game.forwardOrder).steps
        let dearest = try #require(steps.max())
        for (v, cost) in zip(game.forwardOrder, steps) {
            #expect(nodes["v\(v)"]?.fill == GraphPicture.colour(Double(cost) / Double(dearest)), "v\(v)")
            if cost == dearest { #expect(nodes["v\(v)"]?.fill == "#800026") }
        }
        _ = output("render(load_graph(\"PropaneCombustion\"), \"\(directory)/p.png\")")
        let png = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/p.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG file")
        #expect(firstError("render(load_graph(\"f\"), \"x.svg\", order: forward, colour: \"red\")") == "1:58: colour is \"step\" or \"cost\", got \"red\"")
    }

    @Test func aGraphTooLargeToLayOutGivesItsDOTText() throws {
        let directory = try Self.directory()
        let printed = output("fn chain(x) {\n  let y = x\n  for i in 0..3001 { y = sin(y); }\n  y\n}\nrender(graph(chain, 1), \"\(directory)/c.svg\")")
        #expect(printed.hasPrefix("note: the graph has 3001 vertices; Graphviz lays out at most 3000"))
        #expect(printed.hasSuffix("wrote \(directory)/c.dot (3001 vertices)"))
        #expect(FileManager.default.fileExists(atPath: "\(directory)/c.dot") && !FileManager.default.fileExists(atPath: "\(directory)/c.svg"))
        _ = output("render(load_graph(\"g\"), \"\(directory)/g.dot\", order: reverse)")
        let dot = try String(contentsOfFile: "\(directory)/g.dot", encoding: .utf8)
        #expect(dot.contains("style=filled, fillcolor=\"#ffffcc\""), "the first step is lightest")
    }

    @Test func plotWritesTheCurveOfAPolicyTrainedInTheSession() throws {
        let directory = try Self.directory()
        let printed = output("let p = train(graph(fn(x, y) = sin(x * y) * x + y, 1, 2), games: 4, seed: 1)\nplot(p, \"\(directory)/c.svg\")")
        #expect(printed.hasPrefix("wrote \(directory)/c.svg ("), "\(printed)")
        let svg = try String(contentsOfFile: "\(directory)/c.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("</svg>"))
        #expect(XMLParser(data: Data(svg.utf8)).parse(), "well-formed")
        #expect(firstError("plot(load(\"paper-joint\"), \"\(directory)/d.svg\")")?.contains("has no training curve in this session") == true)
        #expect(firstError("plot(3)") == "1:6: plot draws a policy's training curve; got a number")
    }
}
