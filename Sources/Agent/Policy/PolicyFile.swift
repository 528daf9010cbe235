import CrossCountry
import Foundation

/// The policy file format: a magic line `ccs-policy`, one line of JSON header (format version,
/// feature set, architecture, value transform, training record, weight count and checksum), then
/// the weights as little-endian float32. Version 2 adds `weights.members`, the networks of an
/// ensemble stored one after another; a single-network policy is written as version 1, which
/// every ccs reads. Written atomically; every way a file can be wrong is reported as a
/// `PolicyError` naming it.
public enum PolicyFile {
    public static let magic = "ccs-policy"
    /// The newest version this ccs reads and writes.
    public static let version = 2

    /// The file's bytes.
    static func encode(_ policy: Policy) -> [UInt8] {
        let count = policy.network.parameters.count
        var weights: [UInt8] = []
        weights.reserveCapacity(policy.memberCount * count * 4)
        for member in policy.members {
            for p in member.parameters {
                let bits = p.bitPattern.littleEndian
                for shift in stride(from: 0, to: 32, by: 8) { weights.append(UInt8(truncatingIfNeeded: bits >> UInt32(shift))) }
            }
        }
        let a = policy.architecture, r = policy.record
        let ensemble = policy.memberCount > 1
        var weightFields: [(String, JSONValue)] = [("count", JSONValue(count))]
        if ensemble { weightFields.append(("members", JSONValue(policy.memberCount))) }
        weightFields += [("encoding", "float32-le"), ("checksum", .string(checksum(weights)))]
        let header: JSONValue = .object([
            ("format", .string(magic)),
            ("version", JSONValue(ensemble ? 2 : 1)),
            ("features", .object([("set", .string(VertexFeatures.setName)), ("count", JSONValue(a.features))])),
            ("architecture", .object([
                ("width", JSONValue(a.width)), ("layers", JSONValue(a.layers)), ("heads", JSONValue(a.heads)),
                ("feed_forward", JSONValue(a.feedForward)), ("head_hidden", JSONValue(a.headHidden)),
            ])),
            ("value_transform", .string(policy.valueTransform.rawValue)),
            ("training", .object([
                ("algorithm", .string(r.algorithm)),
                ("graphs", .array(r.graphs.map { .string($0) })),
                ("games", JSONValue(r.games)),
                ("seconds", .number((r.seconds * 10).rounded() / 10)),
                ("seed", .string(String(r.seed))),
                ("model", .string(r.model)),
                ("sessions", JSONValue(r.sessions)),
                ("best", .array(r.best.map { b in
                    .object([
                        ("graph", .string(b.graph)), ("cost", .number(b.cost)), ("baseline", .number(b.baseline)),
                        ("found_after_games", JSONValue(b.foundAfterGames)), ("order", JSONValue(b.order)),
                    ])
                })),
            ])),
            ("weights", .object(weightFields)),
        ])
        return Array("\(magic)\n\(header.compactText)\n".utf8) + weights
    }

    /// Writes a policy atomically.
    public static func write(_ policy: Policy, to path: String) throws(PolicyError) {
        do {
            try AtomicFile.write(encode(policy), to: path)
        } catch {
            throw .unwritable(path: path, reason: error.localizedDescription)
        }
    }

    /// Reads and validates a policy file.
    public static func read(_ path: String) throws(PolicyError) -> Policy {
        let bytes: [UInt8]
        do throws(FileBytes.Failure) {
            bytes = try FileBytes.read(path)
        } catch {
            throw .unreadable(path: path, reason: error.description)
        }
        return try decode(bytes, path: path)
    }

    static func decode(_ bytes: [UInt8], path: String) throws(PolicyError) -> Policy {
        let magicLine = Array("\(magic)\n".utf8)
        guard bytes.starts(with: magicLine) else { throw .notAPolicy(path: path) }
        guard let end = bytes[magicLine.count...].firstIndex(of: UInt8(ascii: "\n")) else {
            throw .truncated(path: path, detail: "the file ends inside its header")
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes: Array(bytes[magicLine.count..<end]))
        } catch {
            throw .malformedHeader(path: path, detail: "line 2, column \(error.column): \(error.message)")
        }
        let header: Header
        do {
            header = try Self.header(JSONField(document), path: path)
        } catch let error as PolicyError {
            throw error
        } catch let error as JSONField.Mismatch {
            throw .malformedHeader(path: path, detail: error.description)
        } catch {
            throw .malformedHeader(path: path, detail: "\(error)")
        }
        let count = header.count, total = header.count * header.members
        let payload = bytes[(end + 1)...]
        guard payload.count >= total * 4 else {
            throw .truncated(path: path, detail: "the header promises \(total * 4) bytes of weights, the file holds \(payload.count)")
        }
        guard payload.count == total * 4 else {
            // Whole networks more than the header describes: a header of the wrong version or count.
            let networkBytes = count * 4
            if networkBytes > 0, payload.count % networkBytes == 0 {
                let found = payload.count / networkBytes
                let said = header.members == 1 ? "its version-\(header.version) header describes one" : "its header describes \(header.members)"
                throw .corrupt(path: path, detail: "the file holds the weights of \(found) networks, but \(said)"
                    + (header.version == 1 ? " (an ensemble's header is version 2, with weights.members)" : ""))
            }
            throw .corrupt(path: path, detail: "\(payload.count - total * 4) bytes after the weights")
        }
        guard header.checksum == checksum(payload) else {
            throw .corrupt(path: path, detail: "the weights do not match their checksum")
        }
        var members: [PolicyValueNetwork<Float>] = []
        var i = payload.startIndex
        for member in 0..<header.members {
            var parameters = [Float](repeating: 0, count: count)
            for k in 0..<count {
                var bits: UInt32 = 0
                for shift in stride(from: 0, to: 32, by: 8) {
                    bits |= UInt32(payload[i]) << UInt32(shift)
                    i += 1
                }
                parameters[k] = Float(bitPattern: bits)
                guard parameters[k].isFinite else {
                    let which = header.members > 1 ? " of network \(member + 1)" : ""
                    throw .corrupt(path: path, detail: "weight \(k)\(which) is not a finite number")
                }
            }
            members.append(PolicyValueNetwork(architecture: header.architecture, parameters: parameters))
        }
        return Policy(members: members, valueTransform: header.transform, record: header.record)
    }

    /// What the header line says.
    private struct Header {
        var architecture: Architecture
        var transform: ValueTransform
        var record: TrainingRecord
        /// Weights per network.
        var count: Int
        var members: Int
        var checksum: String
        var version: Int
    }

    /// Reads the header, checking the format and version first so that a file from another
    /// version says so rather than failing on a field; throws `PolicyError` or a field mismatch.
    private static func header(_ header: JSONField, path: String) throws -> Header {
        guard try header.member("format").string() == magic else { throw PolicyError.notAPolicy(path: path) }
        let found = try header.member("version").int()
        guard (1...version).contains(found) else { throw PolicyError.unsupportedVersion(path: path, found: found, supported: version) }
        let features = try header.member("features")
        let set = try features.member("set").string(), featureCount = try features.member("count").int()
        guard set == VertexFeatures.setName, featureCount == VertexFeatures.count else {
            throw PolicyError.featureSetMismatch(path: path, found: "\(set) (\(featureCount) features)",
                                                 expected: "\(VertexFeatures.setName) (\(VertexFeatures.count) features)")
        }
        let a = try header.member("architecture")
        let architecture = Architecture(
            features: featureCount, width: try a.member("width").int(), layers: try a.member("layers").int(),
            heads: try a.member("heads").int(), feedForward: try a.member("feed_forward").int(),
            headHidden: try a.member("head_hidden").int())
        if let problem = architecture.problem { throw a.mismatch(problem) }
        let transformName = try header.member("value_transform").string()
        guard let transform = ValueTransform(rawValue: transformName) else {
            throw header.mismatch("value_transform: unknown transform \"\(transformName)\"")
        }
        let record = try record(try header.member("training"))
        let weights = try header.member("weights")
        let count = try weights.member("count").int()
        let expected = ParameterLayout(architecture).count
        guard count == expected else { throw weights.mismatch("\(count) weights, but the architecture has \(expected)") }
        guard try weights.member("encoding").string() == "float32-le" else { throw weights.mismatch("the only encoding is float32-le") }
        let members = found >= 2 ? try weights.member("members").int() : 1
        guard (1...1024).contains(members) else { throw weights.mismatch("members: \(members) networks; expected 1 to 1024") }
        return Header(architecture: architecture, transform: transform, record: record, count: count, members: members,
                      checksum: try weights.member("checksum").string(), version: found)
    }

    private static func record(_ t: JSONField) throws(JSONField.Mismatch) -> TrainingRecord {
        var r = TrainingRecord()
        r.algorithm = try t.member("algorithm").string()
        r.graphs = try t.member("graphs").elements().map { (e) throws(JSONField.Mismatch) -> String in try e.string() }
        r.games = try t.member("games").int()
        guard case let .number(seconds) = try t.member("seconds").value else { throw t.mismatch("seconds: expected a number") }
        r.seconds = seconds
        guard let seed = UInt64(try t.member("seed").string()) else { throw t.mismatch("seed: expected a decimal integer") }
        r.seed = seed
        if let model = try t.optionalMember("model") { r.model = try model.string() }
        r.sessions = try t.member("sessions").int()
        r.best = try t.member("best").elements().map { (b) throws(JSONField.Mismatch) -> BestOrder in
            BestOrder(graph: try b.member("graph").string(), order: try b.member("order").ints(), cost: try b.member("cost").number(),
                      baseline: try b.member("baseline").number(), foundAfterGames: try b.member("found_after_games").int())
        }
        return r
    }

    /// FNV-1a, 64 bits, as hex.
    static func checksum<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            hash ^= UInt64(b)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return "fnv1a64:" + String(hash, radix: 16)
    }
}

extension Policy {
    /// Writes the policy atomically to `path`.
    public func save(to path: String) throws(PolicyError) { try PolicyFile.write(self, to: path) }

    /// Reads a policy file, validating it.
    public static func load(from path: String) throws(PolicyError) -> Policy { try PolicyFile.read(path) }

    /// A policy from the bytes of a policy file, validating them; `path` names it in errors.
    public static func decode(_ bytes: [UInt8], path: String) throws(PolicyError) -> Policy { try PolicyFile.decode(bytes, path: path) }

    /// The bytes of the policy's file.
    public var fileBytes: [UInt8] { PolicyFile.encode(self) }
}
