/// The index tables generated loops read, each distinct one written once as
/// `static const int ccs_index_K[]`: loops ask for a table's name while their C is written.
final class CIndexTables {
    private var names: [[Int32]: String] = [:]
    /// The tables' C definitions, in the order they were first asked for.
    private(set) var text = ""

    /// The C name of a table with these entries.
    func name(_ values: [Int32]) -> String {
        if let name = names[values] { return name }
        let name = "ccs_index_\(names.count)"
        names[values] = name
        text += "static const int \(name)[] = {\(values.map(String.init).joined(separator: ", "))};\n"
        return name
    }
}
