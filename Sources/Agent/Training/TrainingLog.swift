import CrossCountry
import Foundation

/// The training curve as files: a CSV table and an SVG plot of the best and mean cost per graph,
/// relative to that graph's best baseline, against games played.
public enum TrainingLog {
    public static func csv(_ curve: [CurvePoint]) -> String {
        var lines = ["games,seconds,graph,mean_cost,best_cost,baseline,policy_loss,value_loss"]
        for p in curve {
            let mean = p.meanCost.map { String(format: "%.1f", $0) } ?? ""
            lines.append("\(p.games),\(String(format: "%.1f", p.seconds)),\(p.graph),\(mean),\(Tensor.format(p.bestCost)),\(Tensor.format(p.baseline)),"
                         + "\(String(format: "%.4f", p.policyLoss)),\(String(format: "%.4f", p.valueLoss))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A self-contained SVG: one colour per graph, the best cost so far as a solid line and the
    /// iteration's mean cost as a faint one, both as cost ÷ best baseline (below 1 beats every baseline).
    public static func svg(_ curve: [CurvePoint], title: String) -> String {
        let width = 720.0, height = 420.0, left = 60.0, right = 170.0, top = 40.0, bottom = 50.0
        let graphs = curve.reduce(into: [String]()) { if !$0.contains($1.graph) { $0.append($1.graph) } }
        let maxGames = Double(max(curve.map(\.games).max() ?? 1, 1))
        var ratios = curve.map { $0.bestCost / $0.baseline }
        ratios += curve.compactMap { p in p.meanCost.map { $0 / p.baseline } }
        let lo = min(ratios.min() ?? 0.8, 1) - 0.02
        let hi = min(max(ratios.max() ?? 1.2, 1), 2) + 0.02
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ games: Int) -> Double { left + plotW * Double(games) / maxGames }
        func y(_ ratio: Double) -> Double { top + plotH * (1 - (min(ratio, hi) - lo) / (hi - lo)) }
        let colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        var svg = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">",
            "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
            "<text x=\"\(f(left))\" y=\"22\" font-size=\"14\">\(escape(title))</text>",
            "<line x1=\"\(f(left))\" y1=\"\(f(top + plotH))\" x2=\"\(f(left + plotW))\" y2=\"\(f(top + plotH))\" stroke=\"black\"/>",
            "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + plotH))\" stroke=\"black\"/>",
            "<line x1=\"\(f(left))\" y1=\"\(f(y(1)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y(1)))\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>",
            "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 12))\" text-anchor=\"middle\">games played</text>",
            "<text x=\"14\" y=\"\(f(top + plotH / 2))\" transform=\"rotate(-90 14 \(f(top + plotH / 2)))\" text-anchor=\"middle\">cost ÷ best baseline</text>",
        ]
        for i in 0...4 {
            let ratio = lo + (hi - lo) * Double(i) / 4
            svg.append("<text x=\"\(f(left - 6))\" y=\"\(f(y(ratio) + 4))\" text-anchor=\"end\">\(String(format: "%.2f", ratio))</text>")
            let games = Int(maxGames * Double(i) / 4)
            svg.append("<text x=\"\(f(x(games)))\" y=\"\(f(top + plotH + 16))\" text-anchor=\"middle\">\(games)</text>")
        }
        for (k, graph) in graphs.enumerated() {
            let colour = colours[k % colours.count]
            let points = curve.filter { $0.graph == graph }
            let best = points.map { "\(f(x($0.games))),\(f(y($0.bestCost / $0.baseline)))" }
            let mean = points.compactMap { p in p.meanCost.map { "\(f(x(p.games))),\(f(y($0 / p.baseline)))" } }
            if mean.count > 1 {
                svg.append("<polyline fill=\"none\" stroke=\"\(colour)\" stroke-opacity=\"0.35\" points=\"\(mean.joined(separator: " "))\"/>")
            }
            svg.append("<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(best.joined(separator: " "))\"/>")
            let ly = top + 16 * Double(k)
            svg.append("<line x1=\"\(f(width - right + 12))\" y1=\"\(f(ly))\" x2=\"\(f(width - right + 32))\" y2=\"\(f(ly))\" stroke=\"\(colour)\" stroke-width=\"2\"/>")
            svg.append("<text x=\"\(f(width - right + 38))\" y=\"\(f(ly + 4))\">\(escape(graph))</text>")
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n") + "\n"
    }
}
