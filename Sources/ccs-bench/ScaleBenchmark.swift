import Agent
import CrossCountry
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Script

/// Real program sizes: three families of `.ccs` programs generated at about 1,000, 10,000 and
/// 100,000 vertices, each traced and then put through Markowitz, a 5-second search, the shipped
/// policy applied greedily and an interpreter plan. Every measurement runs in a child process of
/// its own (so one phase's memory or a time-out does not touch the next) and reports its time and
/// its peak memory: the most the resident set grew above where it stood when the phase began.
enum ScaleBenchmark {
    /// A generated program: its source defines `f` and traces it as `g`.
    struct Family: Sendable {
        var name: String
        var source: @Sendable (Int) -> String
    }

    static let families: [Family] = [
        // 4 vertices per iteration.
        Family(name: "chain") { n in
            """
            fn f(x) { let s = x; for i in 0..\(max(1, (n - 2) / 4)) { s = sin(s) * x + cos(s) }; sum(s * s) }
            let g = graph(f, ones(5))
            """
        },
        // About 10 vertices per grid point: the point's read, the five-point update and its energy.
        Family(name: "stencil") { n in
            let side = max(4, Int((Double(n) / 10).squareRoot()) + 2)
            return """
                fn f(u) {
                  let c = for i in 0..\(side) { for j in 0..\(side) { u[i, j] } }
                  let e = 0
                  for i in 1..\(side - 1) { for j in 1..\(side - 1) {
                    let v = c[i][j] + 0.1 * (c[i + 1][j] + c[i - 1][j] + c[i][j + 1] + c[i][j - 1] - 4 * c[i][j])
                    e = e + v * v
                  } }
                  e
                }
                let g = graph(f, rand(\(side), \(side), seed: 1))
                """
        },
        // Dense tanh layers written neuron by neuron: about 2·H² + H vertices per layer.
        Family(name: "mlp") { n in
            let width = n < 5_000 ? 16 : n < 50_000 ? 32 : 64
            let layers = max(1, n / (2 * width * width + width))
            return """
                fn f(x) {
                  let h = for i in 0..\(width) { x[i] }
                  for l in 0..\(layers) {
                    h = for j in 0..\(width) {
                      let a = 0.01 * j
                      for i in 0..\(width) { a = a + 0.3 * sin(i * 7 + j * 3 + l) * h[i] }
                      tanh(a)
                    }
                  }
                  let e = 0
                  for i in 0..\(width) { e = e + h[i] * h[i] }
                  e
                }
                let g = graph(f, rand(\(width), seed: 1))
                """
        },
    ]

    /// The phases of the order table, then those of the plan table.
    static let orderPhases = ["trace", "markowitz", "search", "policy"]
    static let planPhases = ["plan", "native"]

    /// Runs every family, size and phase (of `only`, when given) in child processes and prints
    /// two tables: orders, and plans with native code.
    static func run(families names: [String], sizes: [Int], phases only: [String]? = nil, timeout: Double) throws {
        let wanted = { (phase: String) in only?.contains(phase) ?? true }
        var orderRows: [[String]] = [], planRows: [[String]] = []
        var markowitzTimes: [String: [(Int, Double)]] = [:], compileTimes: [String: [(Int, Double)]] = [:]
        for family in families where names.contains(family.name) {
            for size in sizes {
                var vertices = ""
                var orderCells: [String] = [], planCells: [String] = []
                var traceSeconds = 0.0
                for phase in orderPhases + planPhases where wanted(phase) {
                    let noted = phase == "search" || phase == "policy"
                    let widths = ["native": 5, "search": 3, "policy": 3]
                    guard let m = child(family: family.name, size: size, phase: phase, timeout: timeout) else {
                        let cells = ["> \(Int(timeout)) s"] + Array(repeating: "–", count: (widths[phase] ?? 2) - 1)
                        if planPhases.contains(phase) { planCells += cells } else { orderCells += cells }
                        continue
                    }
                    vertices = "\(m.vertices)"
                    var time = Harness.format(m.seconds, digits: m.seconds < 10 ? 3 : 1) + " s"
                    switch phase {
                    case "trace": traceSeconds = m.seconds
                    case "markowitz":
                        markowitzTimes[family.name, default: []].append((m.vertices, m.seconds))
                        time += " (" + Harness.format(m.seconds / max(traceSeconds, 1e-9), digits: 2) + "× trace)"
                    default: break
                    }
                    if phase == "native" {
                        let generation = Double(m.fields["generation"] ?? "") ?? 0, compile = Double(m.fields["compile"] ?? "") ?? 0
                        let fallback = m.fields["fallback"] ?? ""
                        if fallback.isEmpty { compileTimes[family.name, default: []].append((m.vertices, compile)) }
                        planCells += [Harness.format(generation, digits: 3) + " s", memory(m.peakBytes, perVertex: m.vertices),
                                      fallback.isEmpty ? Harness.format(compile, digits: compile < 10 ? 2 : 1) + " s" : "–",
                                      SearchError.bytes(Int(m.fields["compiler"] ?? "") ?? 0),
                                      fallback.isEmpty ? "no" : fallback]
                        continue
                    }
                    let cells = [time, memory(m.peakBytes, perVertex: m.vertices)] + (noted ? [m.fields["note"] ?? ""] : [])
                    if planPhases.contains(phase) { planCells += cells } else { orderCells += cells }
                }
                if !orderCells.isEmpty { orderRows.append([family.name, vertices] + orderCells) }
                if !planCells.isEmpty { planRows.append([family.name, vertices] + planCells) }
                print(([family.name, vertices] + orderCells + planCells).joined(separator: " | "))
                fflush(nil)
            }
        }
        print()
        if !orderRows.isEmpty {
            let header = ["family", "vertices"] + [("trace", ["trace", "peak"]), ("markowitz", ["Markowitz order + cost", "peak"]),
                                                   ("search", ["search --seconds 5", "peak", "cost vs Markowitz (annealing)"]),
                                                   ("policy", ["greedy paper-joint", "peak", "cost vs Markowitz"])]
                .filter { wanted($0.0) }.flatMap(\.1)
            print(TextTable(header: header, rows: orderRows).text)
            print()
        }
        if !planRows.isEmpty {
            let header = ["family", "vertices"] + [("plan", ["plan build + 1 evaluation", "peak"]),
                                                   ("native", ["C generation", "peak", "C compile", "compiler peak", "fell back"])]
                .filter { wanted($0.0) }.flatMap(\.1)
            print(TextTable(header: header, rows: planRows).text)
            print()
        }
        for (what, times) in [("Markowitz time", markowitzTimes), ("C compile time", compileTimes)] {
            for family in families {
                guard let points = times[family.name], points.count >= 2, let first = points.first, let last = points.last else { continue }
                let slope = log(last.1 / first.1) / log(Double(last.0) / Double(first.0))
                print("\(family.name): \(what) against size, log-log slope \(Harness.format(slope, digits: 2)) "
                    + "(\(first.0) → \(last.0) vertices)")
            }
        }
    }

    static func memory(_ bytes: Int, perVertex vertices: Int) -> String {
        "\(SearchError.bytes(bytes)) (\(Harness.format(Double(bytes) / Double(max(vertices, 1)), digits: 0)) B/v)"
    }

    struct Measurement {
        var vertices: Int
        var seconds: Double
        var peakBytes: Int
        /// What else the child reported (a search's cost against Markowitz, native times).
        var fields: [String: String]
    }

    /// One phase in a child process, or nil when it did not finish within `timeout`. Native code is
    /// compiled into a cache folder made for the run, so that it is compiled, not loaded.
    static func child(family: String, size: Int, phase: String, timeout: Double) -> Measurement? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["scale-child", family, "\(size)", phase]
        let cache = NSTemporaryDirectory() + "ccs-scale-cache-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: cache) }
        process.environment = ProcessInfo.processInfo.environment.merging(["XDG_CACHE_HOME": cache]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { return nil }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.interrupt()
            process.waitUntilExit()
            return nil
        }
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("scale ") {
            for pair in line.dropFirst(6).split(separator: "\t") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
            }
        }
        guard let v = fields["vertices"].flatMap(Int.init), let s = fields["seconds"].flatMap(Double.init),
              let p = fields["peak"].flatMap(Int.init) else { return nil }
        return Measurement(vertices: v, seconds: s, peakBytes: p, fields: fields)
    }

    /// The order plans are built for: Markowitz's.
    static func planOrder(_ graph: NumericGraph) throws -> [Int] {
        try EliminationGame(graph.graph).markowitzOrder()
    }

    /// The most resident memory a finished child process (the C compiler) held.
    static func childPeak() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    /// The child's side: traces the family at `size`, runs `phase` (medians of three for the
    /// quick phases), and prints one `scale` line.
    static func runChild(family name: String, size: Int, phase: String) throws {
        guard let family = families.first(where: { $0.name == name }) else { throw BenchError("unknown family \(name)") }
        let session = Session(write: { _ in })
        let source = family.source(size)
        func trace() throws -> NumericGraph {
            let result = session.run(source, name: name)
            if let error = result.error { throw BenchError(error.description) }
            guard case let .graph(g)? = session.value(of: "g"), let numeric = g.numeric else { throw BenchError("no traced graph") }
            return numeric
        }
        var seconds: [Double] = []
        var note = ""
        var extra = ""
        let repeats = ["search", "policy", "native"].contains(phase) ? 1 : 3
        var peak = 0
        var graph = try trace()
        for _ in 0..<repeats {
            PeakMemory.reset()
            let base = PeakMemory.resident()
            let start = Harness.now()
            switch phase {
            case "trace":
                graph = try trace()
            case "markowitz":
                let game = try EliminationGame(graph.graph)
                let cost = try game.cost(of: game.markowitzOrder()).total
                note = "cost \(cost)"
            case "search":
                let game = try EliminationGame(graph.graph)
                let markowitz = try game.cost(of: game.markowitzOrder()).total
                let result = try game.search(SearchOptions(seconds: 5))
                note = "\(Harness.format(100 * Double(result.cost - markowitz) / Double(markowitz), digits: 1))%"
                    + " (\(result.rounds) rounds, \(result.moves) moves)"
            case "policy":
                let policy = try Policy.resolve("paper-joint")
                let order = try policy.order(for: graph.graph)
                let game = try EliminationGame(graph.graph)
                let markowitz = try game.cost(of: game.markowitzOrder()).total
                note = "\(Harness.format(100 * Double(try game.cost(of: order).total - markowitz) / Double(markowitz), digits: 1))%"
            case "plan":
                let plan = try graph.plan(order: try planOrder(graph), batchSize: 1, backend: .interpreter)
                var jacobian = [Double](repeating: 0, count: plan.jacobianCount)
                let inputs = graph.inputValues.flatMap(\.scalars)
                try plan.evaluate(inputs: inputs, jacobian: &jacobian)
            case "native":
                // The parent gives each run a cache folder of its own, so every run compiles.
                let plan = try graph.plan(order: try planOrder(graph), batchSize: 1, backend: .native)
                extra = "\tgeneration=\(plan.generationSeconds ?? 0)\tcompile=\(plan.compileSeconds ?? 0)\tcompiler=\(childPeak())"
                    + "\tfallback=\(plan.nativeNote ?? "")"
            default:
                throw BenchError("unknown phase \(phase)")
            }
            seconds.append(Harness.now() - start)
            peak = max(peak, PeakMemory.peak() - base)
        }
        print("scale vertices=\(graph.graph.vertexCount)\tseconds=\(Harness.median(seconds))\tpeak=\(peak)\tnote=\(note)\(extra)")
    }
}

/// The process's resident memory and its high-water mark, which Linux lets a process reset
/// (`/proc/self/clear_refs`), so that one phase's peak is measured apart from what came before.
enum PeakMemory {
    static func reset() {
        // glibc's malloc_trim, which Swift's Glibc module does not export: give freed pages back.
        if let trim = dlsym(nil, "malloc_trim") {
            _ = unsafeBitCast(trim, to: (@convention(c) (Int) -> Int32).self)(0)
        }
        if let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") {
            handle.write(Data("5".utf8))
            try? handle.close()
        }
    }

    static func resident() -> Int { status("VmRSS:") }
    static func peak() -> Int { status("VmHWM:") }

    private static func status(_ key: String) -> Int {
        // /proc files report a size of 0, so read them to their end rather than by their size.
        guard let handle = FileHandle(forReadingAtPath: "/proc/self/status") else { return 0 }
        defer { try? handle.close() }
        let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix(key) {
            let kilobytes = line.dropFirst(key.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { Int($0) } ?? 0
            return kilobytes * 1024
        }
        return 0
    }
}
