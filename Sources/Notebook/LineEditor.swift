import CEditLine
import CInterrupt
import Foundation

/// Line editing on a terminal through libedit: emacs keys, Up/Down searching the history by the
/// prefix typed, Ctrl-R incremental search, Tab completion, a persistent history file, and Ctrl-C
/// dropping the line being edited (libedit reads through `ccs_interrupt_read_character`).
final class LineEditor: CellInput {
    private let editor: OpaquePointer
    private let history: OpaquePointer
    private let historyFile: HistoryFile?
    private let complete: (String) -> Completion
    private let warn: (String) -> Void
    private var prompt: UnsafeMutablePointer<CChar>
    /// The history events of the lines entered since the last cell ended.
    private var cellEvents: [Int32] = []
    /// Off while answering a question: answers are not history.
    private var remembering = true

    /// An editor on standard input and output; nil when libedit cannot start.
    init?(program: String, historyFile: HistoryFile?, complete: @escaping (String) -> Completion,
          warn: @escaping (String) -> Void) {
        guard let editor = ccs_el_init(program), let history = history_init() else { return nil }
        self.editor = editor
        self.history = history
        self.historyFile = historyFile
        self.complete = complete
        self.warn = warn
        prompt = strdup("")
        ccs_history_set_size(history, 1000)
        ccs_history_set_unique(history, 1)
        for line in historyFile?.load() ?? [] { ccs_history_enter(history, line) }
        ccs_el_set_client_data(editor, Unmanaged.passUnretained(self).toOpaque())
        ccs_el_set_editor(editor, "emacs")
        ccs_el_set_history(editor, history)
        ccs_el_set_prompt(editor, LineEditor.promptFunction, 1)
        ccs_el_set_reader(editor, ccs_interrupt_read_character)
        ccs_el_add_function(editor, "ccs-complete", "Complete a name, :command or file path", LineEditor.completeFunction)
        ccs_el_bind(editor, "^I", "ccs-complete")
        ccs_el_bind(editor, "^R", "em-inc-search-prev")
        for up in ["\\e[A", "\\eOA"] { ccs_el_bind(editor, up, "ed-search-prev-history") }
        for down in ["\\e[B", "\\eOB"] { ccs_el_bind(editor, down, "ed-search-next-history") }
        el_source(editor, nil)
    }

    deinit {
        el_end(editor)
        history_end(history)
        free(prompt)
    }

    func readLine(prompt text: String) -> InputEvent {
        free(prompt)
        prompt = strdup(LineEditor.bracketingEscapes(text))
        ccs_interrupt_forget_pending()
        // Editing mode before the prompt shows: a key typed the moment it appears (Ctrl-D, Ctrl-R)
        // must reach libedit, not the terminal's line discipline.
        ccs_el_prepare_terminal(editor, 1)
        var count: Int32 = 0
        guard let line = el_gets(editor, &count) else {
            guard ccs_interrupt_take_prompt_interrupt() != 0 else { return .end }
            remember(currentLine())
            cellEvents = []
            return .interrupted
        }
        var text = String(cString: line)
        if text.hasSuffix("\n") { text.removeLast() }
        remember(text)
        return .line(text)
    }

    func answer(_ question: String) -> String? {
        remembering = false
        defer { remembering = true }
        if case let .line(text) = readLine(prompt: question) { return text }
        return nil
    }

    /// Enters a line into the history, in memory and in the file, unless it is blank.
    private func remember(_ line: String) {
        guard remembering, !line.trimmingSpaces.isEmpty else { return }
        let event = ccs_history_enter(history, line)
        if event >= 0 && cellEvents.last != event { cellEvents.append(event) }
        historyFile?.append(line, warn: warn)
    }

    /// A cell typed over several lines becomes one history entry, so that Up recalls it whole.
    func cellEnded(_ cell: String) {
        defer { cellEvents = [] }
        guard cellEvents.count > 1, cell.contains("\n") else { return }
        for event in cellEvents { ccs_history_delete(history, event) }
        ccs_history_enter(history, cell)
        historyFile?.append(cell, warn: warn)
    }

    /// The whole line being edited.
    private func currentLine() -> String {
        guard let info = el_line(editor)?.pointee, let start = info.buffer, let end = info.lastchar else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: start, count: end - start), as: UTF8.self)
    }

    /// Tab: inserts what the completer adds, or lists the choices under the line.
    private func completeAtCursor() -> UInt8 {
        guard let info = el_line(editor)?.pointee, let start = info.buffer, let cursor = info.cursor else { return UInt8(CC_ERROR) }
        let before = String(decoding: UnsafeRawBufferPointer(start: start, count: cursor - start), as: UTF8.self)
        let completion = complete(before)
        if !completion.insertion.isEmpty {
            return el_insertstr(editor, completion.insertion) == 0 ? UInt8(CC_REFRESH) : UInt8(CC_ERROR)
        }
        guard !completion.choices.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        let listing = "\n" + Columns.format(completion.choices, width: Terminal.columns) + "\n"
        FileHandle.standardOutput.write(Data(listing.utf8))
        return UInt8(CC_REDISPLAY)
    }

    /// libedit's prompt must bracket non-printing sequences (colours) with the ignore character;
    /// adjacent ones go in one bracket, as libedit mishandles two brackets in a row.
    static func bracketingEscapes(_ text: String) -> String {
        text.replacing(/(\u{1B}\[[0-9;]*m)+/) { "\u{1}" + $0.output.0 + "\u{1}" }
    }

    private static let promptFunction: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>? = { editor in
        guard let editor, let data = ccs_el_client_data(editor) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().prompt
    }

    private static let completeFunction: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { editor, _ in
        guard let editor, let data = ccs_el_client_data(editor) else { return UInt8(CC_ERROR) }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().completeAtCursor()
    }
}

/// The terminal's size.
enum Terminal {
    /// Columns of standard output's terminal (80 when unknown).
    static var columns: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    }
}
