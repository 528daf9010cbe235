/// A JSON value together with where it sits in its document (`edges[3].type`), so that every
/// complaint about a file's content names the exact member at fault.
public struct JSONField: Sendable {
    public let value: JSONValue
    public let path: String

    public init(_ value: JSONValue, path: String = "") {
        self.value = value
        self.path = path
    }

    /// Why a document's content does not fit what was expected.
    public struct Mismatch: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { path.isEmpty ? message : "\(path): \(message)" }
    }

    public func mismatch(_ message: String) -> Mismatch { Mismatch(path: path, message: message) }

    private func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// A required member of an object.
    public func member(_ key: String) throws(Mismatch) -> JSONField {
        guard case .object = value else { throw mismatch("expected an object, found \(value.kindName)") }
        guard let found = value[key] else { throw Mismatch(path: child(key), message: "missing") }
        return JSONField(found, path: child(key))
    }

    /// An optional member of an object (absent or null gives nil).
    public func optionalMember(_ key: String) throws(Mismatch) -> JSONField? {
        guard case .object = value else { throw mismatch("expected an object, found \(value.kindName)") }
        guard let found = value[key], found != .null else { return nil }
        return JSONField(found, path: child(key))
    }

    public func elements() throws(Mismatch) -> [JSONField] {
        guard case let .array(items) = value else { throw mismatch("expected an array, found \(value.kindName)") }
        return items.enumerated().map { JSONField($1, path: "\(path)[\($0)]") }
    }

    public func int() throws(Mismatch) -> Int {
        guard let n = value.intValue else { throw mismatch("expected an integer, found \(value.kindName)") }
        return n
    }

    public func number() throws(Mismatch) -> Double {
        guard case let .number(x) = value else { throw mismatch("expected a number, found \(value.kindName)") }
        return x
    }

    public func ints() throws(Mismatch) -> [Int] {
        var result: [Int] = []
        for element in try elements() { result.append(try element.int()) }
        return result
    }

    public func string() throws(Mismatch) -> String {
        guard let s = value.stringValue else { throw mismatch("expected a string, found \(value.kindName)") }
        return s
    }
}
