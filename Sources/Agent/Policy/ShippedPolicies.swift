import CrossCountry
import Foundation

/// The policies that ship in `stdlib/policies/`, loadable by name (`paper-joint`) wherever a
/// policy file is expected.
public enum ShippedPolicies {
    /// The names of the shipped policies, sorted; empty when the standard library is not found.
    public static func names() -> [String] {
        guard let directory = directory(),
              let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return files.filter { $0.hasSuffix(".policy") }.map { String($0.dropLast(".policy".count)) }.sorted()
    }

    /// The file of the shipped policy `name`, if there is one.
    public static func path(of name: String) -> String? {
        guard let directory = directory(), !name.contains("/") else { return nil }
        let path = "\(directory)/\(name.hasSuffix(".policy") ? name : name + ".policy")"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// `pathOrName` when a file is there, else the shipped policy of that name, else nil.
    public static func file(_ pathOrName: String) -> String? {
        FileManager.default.fileExists(atPath: pathOrName) ? pathOrName : path(of: pathOrName)
    }

    static func directory() -> String? { PaperGraphs.standardLibrary().map { $0 + "/policies" } }
}

extension Policy {
    /// Reads the policy file at `pathOrName`, or else the shipped policy of that name.
    public static func resolve(_ pathOrName: String) throws(PolicyError) -> Policy {
        do {
            return try PolicyFile.read(ShippedPolicies.file(pathOrName) ?? pathOrName)
        } catch let .unreadable(path, reason) where reason == "no such file" {
            let names = ShippedPolicies.names()
            let hint = names.isEmpty ? "" : "; shipped policies: \(names.joined(separator: ", "))"
            throw .unreadable(path: path, reason: "no such file\(hint)")
        }
    }
}
