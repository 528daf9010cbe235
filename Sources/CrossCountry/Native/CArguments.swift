/// How the numbers of a loop's C are written: into the text (a loop of one plan instruction), or
/// read from an argument list `a` (`shared`), so that every instruction of one shape runs the same
/// routine of a table kernel. Index tables are named (`CIndexTables`) or, shared, found through
/// the table of all of them, `ccs_tables`, by their position.
final class CArguments {
    let tables: CIndexTables
    let shared: Bool
    /// The numbers a shared loop reads, in the order of `a`.
    private(set) var values: [Int] = []

    init(tables: CIndexTables, shared: Bool) {
        self.tables = tables
        self.shared = shared
    }

    /// The C of a number: itself, or the next argument holding it.
    func int(_ value: Int) -> String {
        guard shared else { return "\(value)" }
        values.append(value)
        return "a[\(values.count - 1)]"
    }

    /// The C of an index table's address.
    func table(_ values: [Int32]) -> String {
        guard shared else { return tables.name(values) }
        return "ccs_tables[\(int(tables.position(values)))]"
    }
}
