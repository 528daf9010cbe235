import Agent
import CrossCountry
import Foundation

extension Builtins {
    /// Pictures through Graphviz: a graph coloured by an elimination order, a training curve.
    static func pictures() -> [Builtin] {
        [
            Builtin("render", [parameter("g"), parameter("path"), parameter("order", .nothing), parameter("colour", .string("step")),
                               parameter("model", .model(.paper))],
                    summary: "Draws the graph with Graphviz into an SVG file (PNG when the path ends in .png): inputs as blue boxes, outputs as green double circles, and under an order every eliminated vertex labelled with its step and cost and coloured, light to dark, by its step (colour: \"cost\" colours by the step's cost). Without Graphviz, writes the DOT text beside the path and says so.",
                    example: "render(g, \"flux.svg\", order: markowitz)") { (a: inout Arguments) throws(ScriptError) in
                let g = try a.graph("g")
                let path = try a.writablePath("path")
                var marks: [Int: DOTExport.Mark] = [:]
                var described = ""
                if a.given("order") {
                    let model = try a.model("model")
                    let vertices = try a.resolveOrder("order", on: g)
                    let costing = try model.cost(of: vertices, on: g, orderRange: a.range("order"),
                                                 modelRange: a.range("model"))
                    let byCost: Bool
                    switch try a.string("colour") {
                    case "step": byCost = false
                    case "cost": byCost = true
                    case let other: throw a.error("colour is \"step\" or \"cost\", got \"\(other)\"", at: "colour")
                    }
                    marks = GraphPicture.marks(order: vertices, costs: costing.steps, byCost: byCost)
                    described = ", coloured by \(byCost ? "the cost" : "the step") of each elimination"
                }
                let written = try GraphPicture.write(g.graph, marks: marks, to: path, interpreter: a.interpreter, at: a.range("path"))
                a.interpreter.write(written.note.map { "note: \($0)\n" } ?? "")
                a.interpreter.write("wrote \(written.path) (\(counted(g.graph.vertexCount, "vertex", plural: "vertices"))\(described))\n")
                return .nothing
            },
            Builtin("plot", [parameter("p"), parameter("path", .string("training.svg"))],
                    summary: "Writes the training curve of a policy trained in this session as an SVG file: per graph, the best and the mean cost of each iteration relative to its best baseline, against games played.",
                    example: "plot(train(graph(fn(x, y) = sin(x * y) * x + y, 1, 2), games: 2, seed: 1), \"curve.svg\")") {
                (a: inout Arguments) throws(ScriptError) in
                guard case let .policy(policy) = try a.required("p") else {
                    throw a.error("plot draws a policy's training curve; got \(try a.required("p").typeDescription)", at: "p")
                }
                let path = try a.writablePath("path")
                guard let curve = a.interpreter.trainingCurves.last(where: { $0.record == policy.record })?.curve, !curve.isEmpty else {
                    throw a.error("this policy has no training curve in this session: train(…) here records one (ccs train writes P.svg beside P.policy)",
                                  at: "p")
                }
                let title = "training on \(policy.record.graphs.joined(separator: ", ")) (\(policy.record.algorithm))"
                do throws(AtomicFile.Failure) { try AtomicFile.write(TrainingLog.svg(curve, title: title), to: path) } catch {
                    throw a.error("cannot write '\(path)': \(error.description)", at: "path")
                }
                a.interpreter.write("wrote \(path) (\(counted(curve.count, "point")) of the curve)\n")
                return .nothing
            },
        ]
    }
}

/// A graph as a picture: the marks an elimination order gives its vertices, and the file Graphviz
/// writes (or the DOT text, when Graphviz is missing).
public enum GraphPicture {
    /// Light yellow to dark red: every channel falls from the first stop to the last, so a later
    /// step (or a dearer one) is always darker.
    static let palette: [(Double, Double, Double)] = [(255, 255, 204), (253, 141, 60), (128, 0, 38)]

    /// The colour of a position `t` in 0…1 along the palette.
    public static func colour(_ t: Double) -> String {
        let x = min(max(t.isFinite ? t : 0, 0), 1) * Double(palette.count - 1)
        let k = min(Int(x), palette.count - 2), f = x - Double(k)
        let (a, b) = (palette[k], palette[k + 1])
        func channel(_ p: Double, _ q: Double) -> Int { Int((p + (q - p) * f).rounded()) }
        return String(format: "#%02x%02x%02x", channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2))
    }

    /// Each eliminated vertex's colour (by its step, or by its step's cost) and its label line.
    public static func marks(order: [Int], costs: [Double], byCost: Bool) -> [Int: DOTExport.Mark] {
        let dearest = costs.max() ?? 0
        var marks: [Int: DOTExport.Mark] = [:]
        for (k, (v, cost)) in zip(order, costs).enumerated() {
            let t = byCost ? (dearest > 0 ? cost / dearest : 0) : (order.count > 1 ? Double(k) / Double(order.count - 1) : 0)
            marks[v] = DOTExport.Mark(colour: colour(t), note: "step \(k + 1), cost \(Display.number(cost))")
        }
        return marks
    }

    /// What a picture wrote: the file, and a note when it is the DOT text instead.
    public struct Written {
        public var path: String
        public var note: String?
    }

    /// Writes the graph's picture to `path` (PNG for `.png`, the DOT text itself for `.dot`, else SVG);
    /// without Graphviz, the DOT text beside it, with a note saying so.
    static func write(_ graph: ComputationalGraph, marks: [Int: DOTExport.Mark], to path: String, interpreter: Interpreter,
                      at range: SourceRange) throws(ScriptError) -> Written {
        let text = DOTExport.text(of: graph, marks: marks)
        let dotPath = path.lowercased().hasSuffix(".dot") ? path : (path as NSString).deletingPathExtension + ".dot"
        func writeDOT(note: String?) throws(ScriptError) -> Written {
            do throws(AtomicFile.Failure) { try AtomicFile.write(text, to: dotPath) } catch {
                throw .runtime("cannot write '\(dotPath)': \(error.description)", at: range)
            }
            return Written(path: dotPath, note: note)
        }
        if dotPath == path { return try writeDOT(note: nil) }
        guard graph.vertexCount <= Graphviz.largestVertexCount else {
            return try writeDOT(note: "the graph has \(graph.vertexCount) vertices; Graphviz lays out at most \(Graphviz.largestVertexCount) in reasonable time, so this is the DOT text")
        }
        do throws(Graphviz.Failure) {
            try Graphviz.render(text, format: Graphviz.Format(path: path), to: path, stop: interpreter.stop)
            return Written(path: path, note: nil)
        } catch .notInstalled {
            return try writeDOT(note: "\(Graphviz.Failure.notInstalled); this is the DOT text, which it draws with dot -Tsvg")
        } catch .interrupted {
            try interpreter.checkInterrupt(at: range)
            throw .runtime("interrupted", at: range)
        } catch {
            throw .runtime(error.description, at: range)
        }
    }
}
