import Foundation
@testable import Notebook
import Script

/// Lines typed into the REPL, echoed after their prompt the way a terminal shows them.
final class ScriptedInput: CellInput {
    private var events: [InputEvent]
    private let screen: Screen

    init(_ events: [InputEvent], screen: Screen) {
        self.events = events
        self.screen = screen
    }

    convenience init(lines: [String], screen: Screen) {
        self.init(lines.map { .line($0) }, screen: screen)
    }

    func readLine(prompt: String) -> InputEvent {
        screen.text += prompt
        guard !events.isEmpty else { return .end }
        let event = events.removeFirst()
        if case let .line(line) = event { screen.text += line + "\n" }
        return event
    }
}

/// What the REPL wrote, standard output and error interleaved as on a terminal, and error apart.
final class Screen {
    var text = ""
    var errors = ""

    var console: Console {
        Console(output: { [unowned self] in text += $0 }, error: { [unowned self] in text += $0; errors += $0 })
    }
}

/// Runs lines through a REPL and returns the screen and the exit status.
func runREPL(_ lines: [String], mode: REPL.Mode = .terminal(Style(colours: false)), session: Session = Session())
    -> (screen: Screen, status: Int32, repl: REPL) {
    let screen = Screen()
    let repl = REPL(session: session, input: ScriptedInput(lines: lines, screen: screen), console: screen.console, mode: mode)
    let status = repl.run()
    return (screen, status, repl)
}

func temporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("ccs-notebook-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
