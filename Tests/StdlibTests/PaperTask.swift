import CrossCountry
import Foundation
import Testing
@testable import Script

/// One of the paper's tasks as the stdlib writes it: the module `stdlib/tasks/<file>.ccs`, the name of
/// its function there, and the graph published for it (`stdlib/paper/graphs/<name>.json`).
struct PaperTask: Sendable, CustomTestStringConvertible {
    var name: String
    var file: String
    var function: String

    var testDescription: String { name }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let all: [PaperTask] = [
        .init(name: "RoeFlux_1d", file: "RoeFlux_1d", function: "RoeFlux_1d"),
        .init(name: "RoeFlux_3d", file: "RoeFlux_3d", function: "RoeFlux_3d"),
        .init(name: "RobotArm_6DOF", file: "RobotArm_6DOF", function: "RobotArm_6DOF"),
        .init(name: "HumanHeartDipole", file: "HumanHeartDipole", function: "HumanHeartDipole"),
        .init(name: "PropaneCombustion", file: "PropaneCombustion", function: "PropaneCombustion"),
        .init(name: "BlackScholes_Jacobian", file: "BlackScholes", function: "BlackScholes_Jacobian"),
        .init(name: "f", file: "f", function: "f"),
        .init(name: "g", file: "g", function: "g"),
        .init(name: "Perceptron", file: "Perceptron", function: "Perceptron"),
        .init(name: "Encoder", file: "Encoder", function: "Encoder"),
    ]

    static func named(_ name: String) -> PaperTask { all.first { $0.name == name }! }

    var path: String { Self.root.appendingPathComponent("stdlib/tasks/\(file).ccs").path }

    /// A session in which `t` is the task's module.
    func session() throws -> Session {
        let session = Session(write: { _ in })
        if let error = session.run("let t = use(\"\(path)\")", name: "test.ccs").error { throw error }
        return session
    }

    /// The value of an expression in a session.
    static func value(_ session: Session, _ expression: String) throws -> Value {
        let result = session.run(expression, name: "test.ccs")
        if let error = result.error { throw error }
        guard let value = result.values.last else { throw ScriptError.runtime("\(expression) shows nothing", at: nil) }
        return value
    }

    /// The task traced at its paper point by its module.
    func traced() throws -> NumericGraph {
        guard case let .graph(g) = try Self.value(try session(), "t.traced"), let numeric = g.numeric else {
            throw ScriptError.runtime("t.traced is not a traced graph", at: nil)
        }
        return numeric
    }

    /// The graph published with the paper, read from the shipped file.
    func published() throws -> ComputationalGraph {
        try GraphFile.loadOne(Self.root.appendingPathComponent("stdlib/paper/graphs/\(name).json").path)
    }
}

extension ComputationalGraph {
    /// The paper cost of forward, reverse and minimal-Markowitz elimination.
    func baselineCosts() throws -> [Int] {
        let game = try EliminationGame(self)
        return try [game.forwardOrder, game.reverseOrder, game.markowitzOrder()].map { Int(try game.cost(of: $0).total) }
    }

    /// How many vertices of each primitive (the paper's "(dropvar)" suffix dropped).
    var primitiveCounts: [String: Int] {
        vertices.reduce(into: [:]) { $0[$1.op.replacingOccurrences(of: "(dropvar)", with: ""), default: 0] += 1 }
    }
}
