import Foundation

/// Reading and writing graph files: ccs's own format, or the paper's test-vector format on import.
public enum GraphFile {
    /// Every graph in the file (the paper's test-vector file holds ten).
    public static func load(_ path: String) throws(GraphError) -> [ComputationalGraph] {
        try graphs(in: try read(path), path: path)
    }

    /// Every graph in the bytes of a graph file; `path` names it in errors and, for the paper's
    /// format, gives a graph without a name its file's base name.
    public static func graphs(in bytes: [UInt8], path: String) throws(GraphError) -> [ComputationalGraph] {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes: bytes)
        } catch {
            throw .file(path: path, location: "\(error.line):\(error.column)", message: "not a valid graph file: \(error.message)")
        }
        let root = JSONField(document)
        do {
            if PaperGraphImport.recognizes(document) {
                let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
                return try PaperGraphImport.graphs(from: root, defaultName: base)
            }
            return [try GraphJSON.graph(from: root)]
        } catch let error as JSONField.Mismatch {
            throw .file(path: path, location: nil, message: error.description)
        } catch let error as GraphError {
            throw .file(path: path, location: nil, message: error.description)
        } catch {
            throw .file(path: path, location: nil, message: "\(error)")
        }
    }

    /// The single graph in a file, or the one named `name` among several.
    public static func loadOne(_ path: String, named name: String? = nil) throws(GraphError) -> ComputationalGraph {
        let graphs = try load(path)
        if let name {
            guard let graph = graphs.first(where: { $0.name == name }) else {
                throw .file(path: path, location: nil, message: "no graph named \"\(name)\" (it has \(graphs.map(\.name).joined(separator: ", ")))")
            }
            return graph
        }
        guard graphs.count == 1 else {
            throw .file(path: path, location: nil, message: "holds \(graphs.count) graphs; name one (\(graphs.map(\.name).joined(separator: ", ")))")
        }
        return graphs[0]
    }

    /// The graph in ccs's format, as text.
    public static func text(of graph: ComputationalGraph) -> String {
        GraphJSON.document(for: graph).formatted()
    }

    /// Writes the graph in ccs's format, atomically.
    public static func write(_ graph: ComputationalGraph, to path: String) throws(GraphError) {
        do {
            try AtomicFile.write(text(of: graph), to: path)
        } catch {
            throw .file(path: path, location: nil, message: "cannot write the file (\(error.localizedDescription))")
        }
    }

    /// The bytes of a file, or an error saying plainly why they cannot be read.
    static func read(_ path: String) throws(GraphError) -> [UInt8] {
        let bytes: [UInt8]
        do throws(FileBytes.Failure) {
            bytes = try FileBytes.read(path)
        } catch {
            let message: String
            switch error {
            case .missing: message = "no such file"
            case .directory: message = "is a directory, not a file"
            default: message = "cannot read the file: \(error)"
            }
            throw .file(path: path, location: nil, message: message)
        }
        guard !bytes.isEmpty else { throw .file(path: path, location: nil, message: "the file is empty, not a graph") }
        return bytes
    }
}
