import ArgumentParser
import Notebook
import Script

/// The `ccs` command: cross-country elimination for Jacobians.
@main
struct CCS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccs",
        abstract: "Cross-country elimination: cheap vertex elimination orders and exact Jacobians.",
        usage: "ccs | ccs FILE.ccs | ccs -e SOURCE | ccs <subcommand>",
        discussion: "With no arguments, ccs starts the notebook REPL (cells from standard input when it is not a terminal).",
        version: "ccs \(CCS.version)",
        subcommands: [TableCommand.self, CostCommand.self, GraphCommand.self, ConvertCommand.self,
                      RunCommand.self, CheckCommand.self, SearchCommand.self, TrainCommand.self, OrderCommand.self, EnsembleCommand.self,
                      ExportCommand.self, ImportCommand.self]
    )

    /// The release, as `ccs --version` prints it.
    static let version = "0.1.0"

    @Option(name: .customShort("e"), help: ArgumentHelp("Run .ccs source given on the command line, showing its values.", valueName: "source"))
    var source: String?

    /// `ccs FILE.ccs` is short for `ccs run FILE.ccs`.
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, first.hasSuffix(".ccs") { arguments.insert(RunCommand.configuration.commandName!, at: 0) }
        main(arguments)
    }

    func run() throws {
        guard let source else {
            let status = REPL.start()
            if status != 0 { throw ExitCode(status) }
            return
        }
        Interrupt.install()
        try ScriptIO.finish(ScriptRunner.run(source: source, name: "-e", stop: Interrupt.flag, output: ScriptIO.output,
                                             errors: ScriptIO.error, progress: ScriptIO.progress(), notes: ScriptIO.note))
    }
}
