import CrossCountry
import Foundation

extension TrainingProgress {
    /// One status line: games, best cost against the best baseline, rate and time left — what
    /// `ccs train` and the language's `train` show while a run goes on.
    public var line: String {
        let best: String
        if self.best.count == 1, let b = self.best.first {
            best = "best \(Tensor.format(b.cost)) vs baseline \(Tensor.format(b.baseline)) (\(String(format: "%+.1f%%", -100 * b.improvement)))"
        } else {
            let beating = self.best.filter { $0.cost < $0.baseline }.count
            let mean = self.best.map(\.improvement).reduce(0, +) / Double(max(self.best.count, 1))
            best = "\(beating)/\(self.best.count) graphs beat their best baseline, mean \(String(format: "%+.1f%%", -100 * mean))"
        }
        return "games \(games) · \(best) · \(String(format: "%.1f", gamesPerSecond)) games/s · "
            + "\(Self.clock(seconds)) elapsed, ETA \(Self.clock(remainingSeconds))"
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return String(format: "%d:%02d", s / 60, s % 60)
    }
}

extension BestOrder {
    /// The best orders as a table: graph, best baseline, the agent's best, the improvement, and
    /// after how many games it was found.
    public static func table(_ best: [BestOrder]) -> String {
        let rows = best.map { b in
            [b.graph, Tensor.format(b.baseline), Tensor.format(b.cost), String(format: "%+.1f%%", -100 * b.improvement), "\(b.foundAfterGames)"]
        }
        return TextTable(header: ["graph", "best baseline", "agent best", "vs baseline", "after games"], rows: rows).text
    }
}
