import CPseudoTerminal
import Foundation

/// The `ccs` binary running on a pseudo-terminal, driven as a user types: keys in, screen text out.
final class PseudoTerminal {
    struct Timeout: Error, CustomStringConvertible {
        var description: String
    }

    let pid: pid_t
    private let master: Int32
    /// Everything the program wrote, as bytes.
    private(set) var raw: [UInt8] = []
    /// Where the next `expect` starts looking in `screen`, in UTF-8 bytes.
    private var searched = 0

    init(arguments: [String], environment: [String: String], directory: String) throws {
        let path = CLI.binary.path
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var master: Int32 = -1
        pid = ccs_spawn_on_pseudo_terminal(path, argv, envp, directory, 40, 100, &master)
        guard pid > 0 else { throw Timeout(description: "cannot start \(path) on a pseudo-terminal") }
        self.master = master
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, WNOHANG)
        close(master)
    }

    /// What a user would read: the output without colour and cursor sequences or carriage returns.
    var screen: String {
        // Carriage returns go scalar by scalar: "\r\n" is one Character.
        let text = String(decoding: raw, as: UTF8.self).replacing(/\u{1B}\[[0-9;?]*[A-Za-z]/, with: "")
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\r" }))
    }

    func type(_ keys: String) {
        let bytes = Array(keys.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits until `text` appears after what earlier calls found; returns the screen up to it.
    @discardableResult
    func expect(_ text: String, timeout: Duration = .seconds(30)) throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            let current = screen
            let rest = String(decoding: current.utf8.dropFirst(searched), as: UTF8.self)
            if let found = rest.range(of: text) {
                searched += rest.utf8.distance(from: rest.startIndex, to: found.upperBound)
                return String(rest[..<found.upperBound])
            }
            let left = deadline - .now
            guard left > .zero else {
                throw Timeout(description: "waited \(timeout) for \(text.debugDescription); the screen ends with:\n\(current.suffix(1500))")
            }
            readAvailable(waitingAtMost: min(left, .milliseconds(200)))
        }
    }

    /// Reads whatever output comes within the time.
    private func readAvailable(waitingAtMost wait: Duration) {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&descriptor, 1, max(milliseconds, 1)) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = read(master, &buffer, buffer.count)
        if count > 0 { raw += buffer[0..<count] }
    }

    /// Waits for the program to exit and returns its exit status (or 128 + the signal).
    func waitForExit(timeout: Duration = .seconds(30)) throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        while ContinuousClock.now < deadline {
            readAvailable(waitingAtMost: .milliseconds(50))
            if waitpid(pid, &status, WNOHANG) == pid {
                let signal = status & 0x7F
                return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
            }
        }
        throw Timeout(description: "ccs did not exit within \(timeout); the screen ends with:\n\(screen.suffix(1500))")
    }
}
