import Foundation

/// Graphviz's `dot` (Debian's `graphviz`) laying out DOT text as a picture. The picture is written
/// atomically; `dot` runs with a time limit and stops when the caller's flag is raised.
public enum Graphviz {
    /// What picture to make.
    public enum Format: String, Sendable {
        case svg, png

        /// The format a file name asks for: `.png` is PNG, anything else SVG.
        public init(path: String) { self = path.lowercased().hasSuffix(".png") ? .png : .svg }
    }

    /// Why no picture was made.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// `dot` is not on the PATH.
        case notInstalled
        case failed(String)
        case timedOut(seconds: Int)
        case interrupted
        case unwritable(path: String, reason: String)

        public var description: String {
            switch self {
            case .notInstalled: return "Graphviz's dot is not installed (Debian: apt-get install graphviz; scripts/install-deps does it)"
            case let .failed(message): return "dot failed: \(message)"
            case let .timedOut(seconds): return "dot did not finish within \(seconds) s"
            case .interrupted: return "interrupted"
            case let .unwritable(path, reason): return "cannot write '\(path)': \(reason)"
            }
        }
    }

    /// The graphs larger than this are not laid out: `dot` would take minutes.
    public static let largestVertexCount = 3000
    /// How long `dot` may run.
    public static let timeLimit = 120

    /// The `dot` executable on the PATH, if there is one.
    public static var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/dot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Lays out the DOT text and writes the picture to `path`.
    public static func render(_ dot: String, format: Format, to path: String, stop: StopFlag = .never) throws(Failure) {
        guard let executable else { throw .notInstalled }
        if let problem = AtomicFile.problem(writing: path) { throw .unwritable(path: path, reason: problem) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-T\(format.rawValue)"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { throw .failed(error.localizedDescription) }
        // Pipes are drained on threads of their own, so that neither side blocks on a full buffer.
        let picture = Drain(output.fileHandleForReading), messages = Drain(errors.fileHandleForReading)
        let feeding = Thread { [input] in
            try? input.fileHandleForWriting.write(contentsOf: Data(dot.utf8))
            try? input.fileHandleForWriting.close()
        }
        feeding.start()
        let deadline = ContinuousClock.now + .seconds(timeLimit)
        while process.isRunning {
            if stop.isRaised || ContinuousClock.now > deadline {
                process.terminate()
                process.waitUntilExit()
                throw stop.isRaised ? .interrupted : .timedOut(seconds: timeLimit)
            }
            usleep(5_000)
        }
        let bytes = picture.result(), message = String(decoding: messages.result(), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw .failed(message.split(separator: "\n").first.map(String.init) ?? "exit status \(process.terminationStatus)")
        }
        do { try AtomicFile.write(bytes, to: path) } catch { throw .unwritable(path: path, reason: error.description) }
    }

    /// Everything a file handle gives until its end, read on a thread.
    private final class Drain: @unchecked Sendable {
        private var bytes: [UInt8] = []
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread { [self] in
                bytes = Array(handle.readDataToEndOfFile())
                done.signal()
            }.start()
        }

        func result() -> [UInt8] {
            done.wait()
            return bytes
        }
    }
}
