import Foundation

extension GraphFile {
    /// The graph a user names: a file (`FILE#NAME` picks one graph of several), or the name of a
    /// shipped paper graph (`RoeFlux_1d`, case-insensitive).
    public static func resolve(_ reference: String) throws(GraphError) -> ComputationalGraph {
        var path = reference, name: String? = nil
        if let hash = reference.lastIndex(of: "#"), !FileManager.default.fileExists(atPath: reference) {
            path = String(reference[..<hash])
            name = String(reference[reference.index(after: hash)...])
        }
        if FileManager.default.fileExists(atPath: path) {
            return try loadOne(path, named: name)
        }
        if PaperGraphs.names.contains(where: { $0.lowercased() == reference.lowercased() }) {
            return try PaperGraphs.load(reference)
        }
        throw .file(path: path, location: nil, message: "no such file, and no paper graph of that name")
    }
}
