import CFuzzer
import Foundation

// ccs-fuzz: the fuzz harnesses. scripts/fuzz builds this with libFuzzer and runs
//   ccs-fuzz TARGET [libFuzzer options and corpus directories]
// Without libFuzzer (any build), it replays inputs, and describes a target's dictionary and seeds:
//   ccs-fuzz TARGET --replay FILE|DIRECTORY…
//   ccs-fuzz TARGET --dictionary
//   ccs-fuzz TARGET --seeds DIRECTORY
//   ccs-fuzz TARGET --max-length

func usage() -> Never {
    let targets = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
    FileHandle.standardError.write(Data("usage: ccs-fuzz \(targets) [--replay FILE…|--dictionary|--seeds DIR|--max-length|libFuzzer options]\n".utf8))
    exit(64)
}

var arguments = CommandLine.arguments
guard arguments.count >= 2, let target = FuzzTarget(rawValue: arguments[1]) else { usage() }
arguments.remove(at: 1)

/// The target libFuzzer's callback feeds; set once, before fuzzing starts.
nonisolated(unsafe) var current = target

switch arguments.dropFirst().first {
case "--dictionary":
    print(target.dictionary.joined(separator: "\n"))
case "--max-length":
    print(target.maximumLength)
case "--seeds":
    guard arguments.count == 3 else { usage() }
    for seed in target.seeds {
        guard FileManager.default.createFile(atPath: arguments[2] + "/" + seed.name, contents: Data(seed.bytes)) else { usage() }
    }
case "--replay":
    var count = 0
    for path in arguments.dropFirst(2) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
        let files = isDirectory.boolValue
            ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 } : [path]
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            target.run(Array(data))
            count += 1
        }
    }
    print("ccs-fuzz \(target.rawValue): \(count) inputs replayed, none crashed")
default:
    // libFuzzer takes over: it parses the remaining arguments and calls back with every input.
    var argc = Int32(arguments.count)
    var argv = arguments.map { strdup($0) } + [nil]
    let status = argv.withUnsafeMutableBufferPointer { buffer in
        var base = buffer.baseAddress
        return ccs_fuzz_driver(&argc, &base) { data, size in
            current.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
            return 0
        }
    }
    if status == -1 {
        FileHandle.standardError.write(Data("ccs-fuzz: built without libFuzzer; scripts/fuzz builds it with -sanitize=fuzzer\n".utf8))
        exit(69)
    }
    exit(status)
}
