import Foundation

/// Compiled Jacobian libraries kept across sessions in `$XDG_CACHE_HOME/ccs/native` (else
/// `~/.cache/ccs/native`), named by the SHA-256 of what determines their source (a plan's graph,
/// order and emitter: `PlanKey`; or the source itself), flags and compiler. The folder is
/// private (0700, owned by the user); each library has a record of its key, of its own bytes'
/// hash and a note (a plan's operation counts), and is loaded only when the record matches, both files belong to the user and nobody else
/// can write them — a library written by someone else or corrupted is rebuilt, never loaded. Files
/// appear by rename, so an interrupted build leaves no half-written library behind. The folder is
/// kept under a size limit (`CCS_NATIVE_CACHE_MB`, default 1024): after each build the libraries
/// used least recently go, with what killed builds left behind.
public struct NativeCache: Sendable {
    public let directory: String
    /// Bytes the libraries and records may take.
    public let limit: Int

    /// The cache folder for this environment, created private if missing; fails when it exists but
    /// is not a private folder of this user.
    public static func open(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(NativeError) -> NativeCache {
        let base: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else if let home = environment["HOME"], !home.isEmpty {
            base = home + "/.cache"
        } else {
            throw .cache("no cache folder: neither XDG_CACHE_HOME nor HOME is set")
        }
        let directory = base + "/ccs/native"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cache("cannot create the cache folder \(directory): \(error.localizedDescription)")
        }
        var status = stat()
        guard lstat(directory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw .cache("the cache folder \(directory) is not a folder")
        }
        guard status.st_uid == geteuid() else { throw .cache("the cache folder \(directory) belongs to another user") }
        if status.st_mode & 0o077 != 0 { chmod(directory, 0o700) }
        // Megabytes, fractions allowed; anything but a positive number below a petabyte is the default.
        let megabytes = environment["CCS_NATIVE_CACHE_MB"].flatMap(Double.init).flatMap { $0 > 0 && $0 < 1e9 ? $0 : nil } ?? 1024
        return NativeCache(directory: directory, limit: Int(megabytes * 1_048_576))
    }

    /// The key of a source compiled by a toolchain.
    static func key(source: String, toolchain: NativeToolchain) -> String { key(content: source.utf8, toolchain: toolchain) }

    /// The key of what determines a source (the source itself, or a plan: `PlanKey`) compiled by a toolchain.
    static func key<Bytes: Sequence<UInt8>>(content: Bytes, toolchain: NativeToolchain) -> String {
        var hash = SHA256()
        hash.update(content)
        hash.update([0])
        hash.update((toolchain.flags + toolchain.extras + toolchain.libraries).joined(separator: " ").utf8)
        hash.update([0])
        hash.update(toolchain.identity.utf8)
        return hash.finishHex()
    }

    /// The library for `source`: loaded from the cache when a valid one is there (compile time nil),
    /// else compiled, recorded and loaded (with the seconds the compiler took).
    public func library(source: String, toolchain: NativeToolchain, timeout: Double = 120,
                        stop: StopFlag = .never) throws(NativeError) -> (NativeLibrary, compileSeconds: Double?) {
        try library(source: source, toolchain: toolchain, timeout: timeout, monitor: PlanMonitor(stop: stop))
    }

    /// `library(source:toolchain:timeout:stop:)` reporting the compilation and holding the
    /// compiler to the memory limit of `monitor`.
    func library(source: String, toolchain: NativeToolchain, timeout: Double = 120,
                 monitor: PlanMonitor) throws(NativeError) -> (NativeLibrary, compileSeconds: Double?) {
        let found = try library(key: Self.key(source: source, toolchain: toolchain), toolchain: toolchain, timeout: timeout,
                                monitor: monitor) { () throws(NativeError) in (source, "") }
        return (found.library, found.compileSeconds)
    }

    /// The library stored under `key`, loaded when a valid one is there (compile time nil) with the
    /// note recorded beside it; else `build()` gives the source and a note (one line that `accepts`
    /// takes, such as what the code counts), which are compiled and recorded under `key`. The key
    /// must name everything the source is a function of: a cached library is never checked
    /// against a source.
    func library(key: String, toolchain: NativeToolchain, timeout: Double = 120, monitor: PlanMonitor,
                 accepts: (Substring) -> Bool = { _ in true },
                 build: () throws(NativeError) -> (source: String, note: String)) throws(NativeError)
        -> (library: NativeLibrary, compileSeconds: Double?, note: Substring) {
        let library = "\(directory)/\(key).so", record = "\(directory)/\(key).record"
        if let loaded = try? load(library, record: record, key: key), accepts(loaded.note) { return (loaded.library, nil, loaded.note) }

        let (source, note) = try build()
        guard !note.contains("\n") else { throw .cache("a record's note is one line") }
        let unique = "\(directory)/\(key).\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
        let sourcePath = unique + ".c", output = unique + ".so.tmp", recordTemporary = unique + ".record.tmp"
        defer { for path in [sourcePath, output, recordTemporary] { try? FileManager.default.removeItem(atPath: path) } }
        guard FileManager.default.createFile(atPath: sourcePath, contents: Data(source.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw .cache("cannot write \(sourcePath)")
        }
        let start = Date()
        monitor.begin(.compilation, total: 0)
        try toolchain.compile(source: sourcePath, output: output, timeout: timeout, monitor: monitor)
        let seconds = Date().timeIntervalSince(start)
        guard let bytes = FileManager.default.contents(atPath: output) else { throw .cache("the compiler wrote no library") }
        let text = Self.record(key: key, library: bytes) + note + "\n"
        guard FileManager.default.createFile(atPath: recordTemporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]),
              chmod(output, 0o700) == 0, rename(output, library) == 0, rename(recordTemporary, record) == 0 else {
            throw .cache("cannot store the library in \(directory)")
        }
        trim(keeping: key)
        let loaded = try load(library, record: record, key: key)
        return (loaded.library, seconds, loaded.note)
    }

    /// What a record says before its note: its format, the key and the library bytes' hash.
    private static func record(key: String, library bytes: Data) -> String {
        "ccs-native 2\nkey \(key)\nlibrary \(SHA256.hex(bytes))\nnote "
    }

    /// Removes the least recently used libraries (loading one marks it used) until the folder is
    /// within three quarters of its limit, never the one just built; and the sources and temporary
    /// files of builds that stopped more than an hour ago (other files, such as the runtime
    /// model's table, stay).
    func trim(keeping key: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        var libraries: [(key: Substring, bytes: Int, used: Int)] = []
        var total = 0
        let hourAgo = Int(Date().timeIntervalSince1970) - 3600
        for name in names {
            var status = stat()
            guard lstat("\(directory)/\(name)", &status) == 0 else { continue }
            let bytes = Int(status.st_size), used = Int(status.st_mtim.tv_sec)
            if name.hasSuffix(".so") || name.hasSuffix(".record") {
                total += bytes
                if name.hasSuffix(".so"), name.dropLast(3) != key { libraries.append((name.dropLast(3), bytes, used)) }
            } else if used < hourAgo, name.hasSuffix(".c") || name.hasSuffix(".tmp") {
                unlink("\(directory)/\(name)")
            }
        }
        guard total > limit else { return }
        for library in libraries.sorted(by: { $0.used < $1.used }) where total > limit / 4 * 3 {
            unlink("\(directory)/\(library.key).so")
            unlink("\(directory)/\(library.key).record")
            total -= library.bytes
        }
    }

    /// Loads a cached library after checking its record, owner, permissions and bytes; with the
    /// record's note.
    private func load(_ library: String, record: String, key: String) throws(NativeError) -> (library: NativeLibrary, note: Substring) {
        for path in [library, record] {
            var status = stat()
            guard lstat(path, &status) == 0 else { throw .cache("\(path) is missing") }
            guard status.st_mode & S_IFMT == S_IFREG, status.st_uid == geteuid(), status.st_mode & 0o022 == 0 else {
                throw .cache("\(path) is not a private file of this user")
            }
        }
        guard let recorded = try? String(contentsOfFile: record, encoding: .utf8),
              let bytes = FileManager.default.contents(atPath: library) else {
            throw .cache("\(library) or its record cannot be read")
        }
        let expected = Self.record(key: key, library: bytes)
        let note = recorded.dropFirst(expected.count).dropLast()
        guard recorded.hasPrefix(expected), recorded.hasSuffix("\n"), !note.contains("\n") else {
            throw .cache("\(library) does not match its record")
        }
        utimes(library, nil)
        return (try NativeLibrary(path: library), note)
    }
}
