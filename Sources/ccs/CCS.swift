import ArgumentParser

/// The `ccs` command: cross-country elimination for Jacobians.
@main
struct CCS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccs",
        abstract: "Cross-country elimination: cheap vertex elimination orders and exact Jacobians.",
        subcommands: [TableCommand.self, CostCommand.self, GraphCommand.self, ConvertCommand.self]
    )
}
