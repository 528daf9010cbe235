import Foundation

/// The system C compiler as ccs runs it: `cc` (or `$CCS_CC`) with `-O3 -march=native` (or
/// `$CCS_CFLAGS`) and `-fPIC -shared`, always linking the math library and, where glibc has it and `$CCS_LIBMVEC`
/// is not 0, its vector math library (so that vectors of points call vector sin, exp, …, within a
/// few ulps of the scalar functions). Identified by its path and the
/// size and modification time of the file it leads to, so that an upgraded or switched compiler
/// invalidates cached libraries without being run.
public struct NativeToolchain: Sendable, Hashable {
    /// The optimisation flags unless `$CCS_CFLAGS` gives others.
    public static let defaultFlags = ["-O3", "-march=native"]
    /// What building a loadable library needs whatever the flags say.
    static let libraryFlags = ["-fPIC", "-shared"]

    /// The compiler's path.
    public let compiler: String
    /// Compile flags (`$CCS_CFLAGS` split at spaces, or the defaults).
    public let flags: [String]
    /// Definitions and libraries ccs adds after the flags.
    public let extras: [String]
    let identity: String

    /// The toolchain the environment asks for; fails when the compiler does not exist.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(NativeError) -> NativeToolchain {
        let name = environment["CCS_CC"].flatMap { $0.isEmpty ? nil : $0 } ?? "cc"
        guard let path = resolve(name, path: environment["PATH"] ?? "/usr/bin:/bin") else {
            throw .noCompiler(environment["CCS_CC"] == nil ? "no C compiler: 'cc' is not on PATH"
                : "no C compiler: CCS_CC=\(name) does not exist")
        }
        let flags = environment["CCS_CFLAGS"].map { $0.split(separator: " ").map(String.init) } ?? defaultFlags
        var status = stat()
        guard stat(path, &status) == 0 else { throw .noCompiler("no C compiler: cannot read \(path)") }
        let identity = "\(path) \(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
        let vectorMath = hasVectorMath && environment["CCS_LIBMVEC"] != "0"
        return NativeToolchain(compiler: path, flags: flags, vectorMath: vectorMath, identity: identity)
    }

    init(compiler: String, flags: [String], vectorMath: Bool, identity: String) {
        self.compiler = compiler
        self.flags = flags
        extras = vectorMath ? ["-DCCS_LIBMVEC"] : []
        libraries = ["-lm"] + (vectorMath ? ["-lmvec"] : [])
        self.identity = identity
    }

    /// The libraries linked after the source: the math library, and the vector one where used.
    let libraries: [String]

    /// Whether glibc's vector math library is installed where the linker looks.
    static let hasVectorMath: Bool = ["/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib"]
        .contains { FileManager.default.fileExists(atPath: "\($0)/libmvec.so") }

    /// A command name looked up on PATH, or a path that must exist and be executable.
    private static func resolve(_ name: String, path: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// What one compilation runs: the compiler, the flags, `-o output source`, the libraries.
    func arguments(source: String, output: String) -> [String] {
        flags + Self.libraryFlags + extras + ["-o", output, source] + libraries
    }

    /// Compiles `source` (a file) into the shared library `output`; the compiler's first error line
    /// on failure. The compiler runs in a process group of its own, held to the monitor's memory
    /// limit (`ulimit -v`: its allocations beyond it fail, and so does the compile); after
    /// `timeout` seconds or on a stop the whole group is killed, so no compiler process lingers.
    func compile(source: String, output: String, timeout: Double, monitor: PlanMonitor) throws(NativeError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let limit = monitor.maxMemory < Int.max / 2 ? "ulimit -v \(max(monitor.maxMemory / 1024, 1)) 2>/dev/null; " : ""
        process.arguments = ["-c", limit + "exec \"$0\" \"$@\"", compiler] + arguments(source: source, output: output)
        let log = output + ".log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: log) }
        guard let handle = FileHandle(forWritingAtPath: log) else { throw .compileFailed("cannot write \(log)") }
        process.standardError = handle
        process.standardOutput = handle
        do { try process.run() } catch { throw .noCompiler("cannot run \(compiler): \(error.localizedDescription)") }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            var stopped = false
            do throws(PlanMonitor.Stop) { try monitor.poll(0) } catch { stopped = true }
            if stopped || Date() > deadline {
                // Foundation starts the child as the leader of a new process group: cc, cc1, as, ld.
                kill(-process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                try? handle.close()
                throw stopped ? .interrupted : .tooLarge("the C compiler took more than \(Int(timeout)) s")
            }
            usleep(2_000)
        }
        try? handle.close()
        guard process.terminationStatus == 0 else {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            // gcc quotes with ‘’ under a UTF-8 locale: plain quotes keep the one-line reason readable.
            let line = (text.split(separator: "\n").first { $0.contains("error") } ?? text.split(separator: "\n").first ?? "")
                .replacingOccurrences(of: "\u{2018}", with: "'").replacingOccurrences(of: "\u{2019}", with: "'")
            throw .compileFailed("\(URL(fileURLWithPath: compiler).lastPathComponent) failed (exit \(process.terminationStatus)): \(CText.comment(String(line), limit: 200))")
        }
    }
}

/// Why native code could not be used; the plan falls back to the interpreter and says so in one line.
public enum NativeError: Error, Sendable, Equatable, CustomStringConvertible {
    case noCompiler(String)
    case compileFailed(String)
    case tooLarge(String)
    case cache(String)
    case load(String)
    case interrupted

    public var description: String {
        switch self {
        case let .noCompiler(why), let .compileFailed(why), let .tooLarge(why), let .cache(why), let .load(why): return why
        case .interrupted: return "compilation interrupted"
        }
    }
}
