import CrossCountry
import Foundation
import Testing
@testable import Script

/// Random mutations of the shipped scripts must never crash the parser or the evaluator: every run
/// ends in a value or a diagnostic. Seeded, bounded in count and in time per run.
@Suite struct FuzzTests {
    static let seeds: [UInt64] = [1, 2, 3]
    static let mutationsPerSeed = 100

    static func corpus() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let directory = root.appendingPathComponent("stdlib/examples")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".ccs") }.sorted()
        return try names.map { try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8) } + [Prelude.source]
    }

    static let fragments = ["(", ")", "[", "]", "{", "}", ",", ":", ";", "=", "==", "^", "-", "*", "@", "..", ".", "\n",
                            "let ", "fn ", "if ", "else ", "for ", " in ", "not ", "x", "g", "0", "1e9", "-1", "\"", "#",
                            "graph(", "cost(", "jacobian(", "forward", "[[1, 2], [3]]", "zeros(3)", "where("]

    static func mutate(_ text: String, _ rng: inout SplitMix64) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let at = scalars.isEmpty ? 0 : Int.random(in: 0..<scalars.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0:
                let length = Int.random(in: 1...12, using: &rng)
                scalars.removeSubrange(at..<min(scalars.count, at + length))
            case 1:
                scalars.insert(contentsOf: fragments.randomElement(using: &rng)!.unicodeScalars, at: at)
            case 2:
                if scalars.count > 1 { scalars.swapAt(at, Int.random(in: 0..<scalars.count, using: &rng)) }
            case 3:
                let length = Int.random(in: 1...40, using: &rng)
                let piece = scalars[at..<min(scalars.count, at + length)]
                scalars.insert(contentsOf: piece, at: Int.random(in: 0...scalars.count, using: &rng))
            default:
                scalars.removeSubrange(at...)
            }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    @Test(arguments: seeds)
    func mutatedScriptsNeverCrash(seed: UInt64) throws {
        let corpus = try Self.corpus()
        var rng = SplitMix64(seed: seed)
        var outcomes = (values: 0, compileErrors: 0, runtimeErrors: 0)
        for _ in 0..<Self.mutationsPerSeed {
            let source = Self.mutate(corpus.randomElement(using: &rng)!, &rng)
            let session = Session(write: { _ in })
            session.allowsFileWrites = false
            let deadline = DispatchWorkItem { [stop = session.stop] in stop.raise() }
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.05, execute: deadline)
            let result = session.run(source, name: "fuzz.ccs")
            deadline.cancel()
            switch result.error?.phase {
            case nil: outcomes.values += 1
            case .compile?: outcomes.compileErrors += 1
            case .runtime?: outcomes.runtimeErrors += 1
            }
            if let error = result.error { #expect(!error.diagnostics.isEmpty && !error.description.isEmpty) }
        }
        // The mutations reach every stage: some still run, some fail to parse, some fail while running.
        #expect(outcomes.compileErrors > 0 && outcomes.runtimeErrors + outcomes.values > 0)
    }
}
