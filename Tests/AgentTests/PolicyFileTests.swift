@testable import Agent
import CrossCountry
import Foundation
import Testing

/// Policy files: exact round trips, and every way a file can be wrong rejected with a clear message.
@Suite struct PolicyFileTests {
    static func directory() -> String {
        let path = NSTemporaryDirectory() + "ccs-policy-tests-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A small policy whose weights are all non-trivial; another `seed`, another policy.
    static func policy(seed: UInt64 = 9) -> Policy {
        var settings = TrainingSettings()
        settings.width = 8
        settings.layers = 1
        settings.heads = 2
        settings.feedForward = 8
        settings.headHidden = 4
        var policy = Policy.untrained(settings: settings, seed: 3)
        var random = SplitMix64(seed: seed)
        for i in policy.network.parameters.indices { policy.network.parameters[i] += Float.random(in: -0.3...0.3, using: &random) }
        policy.record.algorithm = "alphazero"
        policy.record.graphs = ["random1"]
        policy.record.games = 12
        policy.record.seed = UInt64.max
        policy.record.sessions = 1
        policy.record.best = [BestOrder(graph: "random1", order: [2, 1, 3], cost: 7, baseline: 9, foundAfterGames: 4)]
        return policy
    }

    @Test func roundTripIsExact() throws {
        let path = Self.directory() + "/p.policy"
        let original = Self.policy()
        try original.save(to: path)
        let loaded = try Policy.load(from: path)
        #expect(loaded.network.parameters == original.network.parameters)
        #expect(loaded.architecture == original.architecture)
        #expect(loaded.record == original.record)
        #expect(loaded.valueTransform == original.valueTransform)
        let graph = TestGraphs.random(seed: 4)
        #expect(try loaded.order(for: graph) == original.order(for: graph))
    }

    @Test func theCostModelIsRecorded() throws {
        let dir = Self.directory()
        var trained = Self.policy()
        trained.record.model = "memory"
        try trained.save(to: dir + "/memory.policy")
        let loaded = try Policy.load(from: dir + "/memory.policy")
        #expect(loaded.record.model == "memory" && loaded.costModel?.name == "memory")
        trained.record.model = "mine"
        try trained.save(to: dir + "/mine.policy")
        #expect(try Policy.load(from: dir + "/mine.policy").costModel == nil, "a .ccs model is not in the file")
        // A file from before models were recorded was trained under paper.
        let old = Self.edited { $0.replacingOccurrences(of: "\"model\": \"paper\", ", with: "") }
        try AtomicFile.write(old, to: dir + "/old.policy")
        #expect(try Policy.load(from: dir + "/old.policy").record.model == "paper")
    }

    /// Writes `bytes` to a file and returns the error loading it gives (nil if it loads), and the path.
    static func loadError(_ bytes: [UInt8]) throws -> (PolicyError?, String) {
        let path = directory() + "/bad.policy"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            _ = try Policy.load(from: path)
            return (nil, path)
        } catch {
            return (error, path)
        }
    }

    /// A two-network ensemble's file bytes.
    static func encodedEnsemble(members: Int = 2) -> [UInt8] {
        PolicyFile.encode(try! Policy.ensemble((1...members).map { policy(seed: UInt64($0)) }))
    }

    static func edited(_ bytes: [UInt8] = PolicyFile.encode(policy()), _ transform: (String) -> String) -> [UInt8] {
        let end = bytes[11...].firstIndex(of: 10)!
        let header = String(decoding: bytes[11..<end], as: UTF8.self)
        let changed = transform(header)
        #expect(changed != header, "the edit must change the header")
        return Array(bytes[..<11]) + Array(changed.utf8) + Array(bytes[end...])
    }

    @Test func rejectsBadFiles() throws {
        let good = PolicyFile.encode(Self.policy())
        let weightBytes = ParameterLayout(Self.policy().architecture).count * 4
        var flipped = good
        flipped[flipped.count - 7] ^= 0x10
        let wider = ParameterLayout(Architecture(features: VertexFeatures.count, width: 12, layers: 1, heads: 2, feedForward: 8, headHidden: 4)).count
        let cases: [([UInt8], (String) -> PolicyError, String)] = [
            (Array("{\"format\": \"ccs-graph\"}".utf8), { .notAPolicy(path: $0) }, "not a ccs policy file"),
            ([], { .notAPolicy(path: $0) }, "not a ccs policy file"),
            (Array(good.dropLast(10)), { .truncated(path: $0, detail: "the header promises \(weightBytes) bytes of weights, the file holds \(weightBytes - 10)") },
             "truncated policy"),
            (Array(good.prefix(40)), { .truncated(path: $0, detail: "the file ends inside its header") }, "ends inside its header"),
            (good + [0, 0], { .corrupt(path: $0, detail: "2 bytes after the weights") }, "corrupt policy"),
            (Self.edited(Self.encodedEnsemble(members: 3)) { $0.replacingOccurrences(of: "\"version\": 2", with: "\"version\": 1") },
             { .corrupt(path: $0, detail: "the file holds the weights of 3 networks, but its version-1 header describes one (an ensemble's header is version 2, with weights.members)") },
             "3 networks"),
            (flipped, { .corrupt(path: $0, detail: "the weights do not match their checksum") }, "checksum"),
            (Self.edited { $0.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 7") },
             { .unsupportedVersion(path: $0, found: 7, supported: 2) }, "version 7 is not supported"),
            (Self.edited { $0.replacingOccurrences(of: VertexFeatures.setName, with: "other-features-9") },
             { .featureSetMismatch(path: $0, found: "other-features-9 (\(VertexFeatures.count) features)", expected: "\(VertexFeatures.setName) (\(VertexFeatures.count) features)") },
             "retrain it"),
            (Self.edited { $0.replacingOccurrences(of: "\"width\": 8", with: "\"width\": 12") },
             { .malformedHeader(path: $0, detail: "weights: \(weightBytes / 4) weights, but the architecture has \(wider)") },
             "malformed policy header"),
            (Self.edited { $0.replacingOccurrences(of: "\"symlog\"", with: "\"cubic\"") },
             { .malformedHeader(path: $0, detail: "value_transform: unknown transform \"cubic\"") }, "unknown transform"),
        ]
        for (bytes, expected, phrase) in cases {
            let (error, path) = try Self.loadError(bytes)
            #expect(error == expected(path))
            #expect(error?.description.contains(phrase) == true, "\(error?.description ?? "no error") should say \(phrase)")
            #expect(error?.description.hasPrefix(path) == true)
        }
        let (broken, _) = try Self.loadError(Self.edited { String($0.dropLast(3)) })
        guard case .malformedHeader? = broken else {
            Issue.record("a cut-off header gives \(String(describing: broken))")
            return
        }
        #expect(throws: PolicyError.unreadable(path: "/nonexistent/p.policy", reason: "no such file")) {
            try Policy.load(from: "/nonexistent/p.policy")
        }
    }

    @Test func writesAtomically() throws {
        let directory = Self.directory()
        let path = directory + "/p.policy"
        try Self.policy().save(to: path)
        // A save killed midway left its temporary; the next save to the same path removes it, and
        // keeps one of a process still running (a save under way).
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let abandoned = AtomicFile.temporaryName(of: "p.policy", process: finished.processIdentifier)
        let running = AtomicFile.temporaryName(of: "p.policy", process: getppid())
        for name in [abandoned, running] { try Data([1, 2, 3]).write(to: URL(fileURLWithPath: directory + "/" + name)) }
        try Self.policy().save(to: path)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files == [running, "p.policy"].sorted())
        #expect(try Policy.load(from: path).network.parameters == Self.policy().network.parameters)
    }
}
