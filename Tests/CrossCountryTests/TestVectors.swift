import CrossCountry
import Foundation
import Testing

/// The paper's published test vectors (`../shared/paper/vertex-game-testvectors.json`), read
/// independently of the graphs ccs ships, plus paths into this checkout.
enum TestVectors {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var path: String {
        if let shared = ProcessInfo.processInfo.environment["CCS_SHARED"] {
            return shared + "/paper/vertex-game-testvectors.json"
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/paper/vertex-game-testvectors.json").path
    }

    static var shippedGraphs: String { packageRoot.appendingPathComponent("stdlib/paper/graphs").path }

    /// The whole document, parsed once.
    static let document: JSONValue = {
        guard let data = FileManager.default.contents(atPath: path) else {
            Issue.record("cannot read the test vectors at \(path)")
            return .object([])
        }
        do { return try JSONParser.parse(bytes: Array(data)) } catch {
            Issue.record("cannot parse the test vectors: \(error)")
            return .object([])
        }
    }()

    static let graphs: [ComputationalGraph] = {
        (try? PaperGraphImport.graphs(from: JSONField(document), defaultName: "")) ?? []
    }()

    static func task(_ name: String) -> JSONValue { document["tasks"]?[name] ?? .null }

    static func ints(_ value: JSONValue?) -> [Int] { value?.arrayValue?.compactMap(\.intValue) ?? [] }
    /// Published costs as the game reports them.
    static func costs(_ value: JSONValue?) -> [Double] { ints(value).map(Double.init) }
}
