import ArgumentParser
import Foundation
import Script

/// `ccs run FILE.ccs`: runs a script, showing the value of each top-level expression.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a .ccs script (exit 65 on a compile error, 70 on a runtime error)."
    )

    @Argument(help: "The script to run.")
    var file: String

    func run() throws {
        Interrupt.install()
        try ScriptIO.finish(ScriptRunner.run(path: file, stop: Interrupt.flag, output: ScriptIO.output, errors: ScriptIO.error,
                                             progress: ScriptIO.progress(), notes: ScriptIO.note))
    }
}

/// `ccs check NOTEBOOK.ccs`: re-runs a notebook and compares the outputs recorded as `#>` comments.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Re-run notebooks and fail with a diff where an output recorded as '#> …' differs."
    )

    @Flag(help: "Record the outputs the notebooks print now instead of comparing.")
    var update = false

    @Argument(help: "The notebooks to check.")
    var files: [String]

    func run() throws {
        var worst = ScriptRunner.Status.success
        for file in files {
            let status = NotebookCheck.check(path: file, update: update, output: ScriptIO.output, errors: ScriptIO.error)
            if status != .success && (worst == .success || status.rawValue > worst.rawValue) { worst = status }
        }
        try ScriptIO.finish(worst)
    }
}

/// Standard output and error for script commands.
enum ScriptIO {
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// A builtin's one-line note (a Jacobian compiled to native code, or why it was not).
    static func note(_ text: String) {
        error("ccs: note: \(text)\n")
    }

    /// Progress of long builtins (`train`, `search`) as a status line on standard error, erased
    /// when "" ends it, as the REPL does.
    static func progress() -> (String) -> Void {
        let line = ProgressLine(keepsLastLine: false)
        return { text in text.isEmpty ? line.finish() : line.show(text) }
    }

    static func finish(_ status: ScriptRunner.Status) throws {
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
