import CInterrupt
import Foundation
import Script

extension REPL {
    /// Starts the REPL on this process: the line editor when standard input is a terminal, else
    /// piped cells without prompts. Returns the exit status.
    public static func start() -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let session = Session()
        guard isatty(STDIN_FILENO) == 1 else {
            return REPL(session: session, input: PipeInput(), console: .standard(), mode: .pipe).run()
        }
        useUTF8()
        let console = Console.standard()
        let style = Style.detect(isTerminal: isatty(STDOUT_FILENO) == 1, environment: environment)
        let historyFile = HistoryFile.defaultPath(environment: environment).map { HistoryFile(path: $0) }
        let completer = Completer(session: session)
        let warn: (String) -> Void = { console.writeError(style.note("ccs: \($0)") + "\n") }
        guard let editor = LineEditor(program: "ccs", historyFile: historyFile, complete: completer.complete, warn: warn) else {
            warn("the line editor cannot start; reading lines without editing")
            return REPL(session: session, input: PipeInput(), console: console, mode: .terminal(style)).run()
        }
        let repl = REPL(session: session, input: editor, console: console, mode: .terminal(style), historyPath: historyFile?.path)
        repl.interrupts = InterruptWatcher(stop: session.stop)
        defer { repl.interrupts?.uninstall() }
        return repl.run()
    }

    /// libedit converts what it reads through the C locale: make it UTF-8 (the user's, or C.UTF-8).
    private static func useUTF8() {
        setlocale(LC_CTYPE, "")
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" { setlocale(LC_CTYPE, "C.UTF-8") }
    }
}
