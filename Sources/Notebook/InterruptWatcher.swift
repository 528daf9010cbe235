import CInterrupt
import CrossCountry
import Foundation

/// Ctrl-C while a cell runs: the SIGINT handler (C, async-signal-safe) writes the running cell's
/// number to a pipe; this watcher's thread reads it and raises the session's `StopFlag`, which the
/// evaluator and the long builtins poll. A third Ctrl-C during one cell that does not stop quits.
final class InterruptWatcher: Sendable {
    private let stop: StopFlag
    static let pressesToQuit = 3

    /// Installs the handler; nil when the system refuses.
    init?(stop: StopFlag) {
        guard ccs_interrupt_install() == 0 else { return nil }
        self.stop = stop
        let descriptor = ccs_interrupt_watch_descriptor()
        let thread = Thread { [self] in watch(descriptor) }
        thread.name = "ccs-interrupts"
        thread.start()
    }

    /// Runs a cell (or a command's evaluation) that Ctrl-C may stop.
    func running<T>(_ body: () -> T) -> T {
        _ = ccs_interrupt_cell_started()
        defer { ccs_interrupt_cell_finished() }
        return body()
    }

    func uninstall() { ccs_interrupt_uninstall() }

    private func watch(_ descriptor: Int32) {
        var byte: UInt8 = 0
        var cell = -1
        var presses = 0
        while true {
            let count = read(descriptor, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else { return }
            // A byte read late, after its cell ended, must not stop the next cell.
            guard Int(byte) == ccs_interrupt_running_cell() else { continue }
            presses = Int(byte) == cell ? presses + 1 : 1
            cell = Int(byte)
            stop.raise()
            // The terminal echoed "^C" where the cursor was; what the cell shows next starts below it.
            if presses == 1 { _ = write(STDOUT_FILENO, "\n", 1) }
            if presses >= InterruptWatcher.pressesToQuit {
                let message = "\nccs: the cell did not stop after \(presses) Ctrl-C; quitting (the history is saved)\n"
                FileHandle.standardError.write(Data(message.utf8))
                _exit(130)
            }
            // The cell may have been about to start, clearing the flag as it does: raise it again a
            // moment later if that same cell still runs.
            usleep(50_000)
            if ccs_interrupt_running_cell() == cell { stop.raise() }
        }
    }
}
