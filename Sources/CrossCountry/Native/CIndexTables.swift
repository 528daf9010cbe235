/// The index tables generated loops read, each distinct one written once as
/// `static const int ccs_index_K[]`: loops ask for a table's name while their C is written.
final class CIndexTables {
    private var positions: [[Int32]: Int] = [:]
    /// The tables' C definitions, in the order they were first asked for.
    private(set) var text = ""

    /// How many distinct tables there are.
    var count: Int { positions.count }

    /// The position K of a table with these entries (its name is `ccs_index_K`).
    func position(_ values: [Int32]) -> Int {
        if let k = positions[values] { return k }
        let k = positions.count
        positions[values] = k
        text += "static const int ccs_index_\(k)[] = {\(values.map(String.init).joined(separator: ", "))};\n"
        return k
    }

    /// The C name of a table with these entries.
    func name(_ values: [Int32]) -> String { "ccs_index_\(position(values))" }

    /// `ccs_tables`, the address of every table by position, for loops that find theirs by argument.
    var addresses: String {
        "static const int *const ccs_tables[] = {\((0..<max(count, 1)).map { count == 0 ? "0" : "ccs_index_\($0)" }.joined(separator: ", "))};\n"
    }
}
