import Foundation

/// The ten published graphs of the paper's benchmark tasks, shipped with ccs under
/// `stdlib/paper/graphs/` in ccs's own format, with their published orders and costs.
public enum PaperGraphs {
    /// The tasks in the paper's order.
    public static let names = [
        "RoeFlux_1d", "RoeFlux_3d", "RobotArm_6DOF", "HumanHeartDipole", "PropaneCombustion",
        "BlackScholes_Jacobian", "f", "g", "Perceptron", "Encoder",
    ]

    /// The directory holding ccs's standard library: `$CCS_STDLIB`, else the nearest `stdlib`
    /// folder above the running executable (a build inside a checkout), else
    /// `<prefix>/share/ccs/stdlib` beside an installed binary.
    public static func standardLibrary() -> String? {
        let fileManager = FileManager.default
        if let path = ProcessInfo.processInfo.environment["CCS_STDLIB"], !path.isEmpty { return path }
        var url = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        if !fileManager.fileExists(atPath: url.path) {
            url = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").standardizedFileURL
        }
        var directory = url.deletingLastPathComponent()
        while directory.path != "/" {
            for candidate in ["stdlib", "share/ccs/stdlib"] {
                let path = directory.appendingPathComponent(candidate).path
                if fileManager.fileExists(atPath: path + "/paper/graphs") { return path }
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    /// The shipped graph file of a task, if the standard library is found.
    public static func path(of name: String) -> String? {
        standardLibrary().map { "\($0)/paper/graphs/\(name).json" }
    }

    /// The shipped graph whose task name matches `name` (case-insensitive).
    public static func load(_ name: String) throws(GraphError) -> ComputationalGraph {
        guard let task = names.first(where: { $0.lowercased() == name.lowercased() }) else {
            throw .invalid("no paper graph named \"\(name)\" (there are \(names.joined(separator: ", ")))")
        }
        guard let path = path(of: task) else {
            throw .invalid("cannot find ccs's stdlib folder; set CCS_STDLIB to the stdlib directory of a ccs checkout")
        }
        return try GraphFile.loadOne(path)
    }

    /// All ten shipped graphs, in the paper's order.
    public static func all() throws(GraphError) -> [ComputationalGraph] {
        var graphs: [ComputationalGraph] = []
        for name in names { graphs.append(try load(name)) }
        return graphs
    }
}
