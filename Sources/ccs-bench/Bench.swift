import CrossCountry
import Foundation

/// `ccs-bench [SECTION…] [--seconds S] [--sizes 1000,10000,…] [--families chain,stencil,mlp] [--phases plan,native] [--compile-only]`: ccs's benchmarks, printed as tables (scripts/bench runs
/// them in a release build).
@main
struct Bench {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        var seconds = 1.0
        if let i = arguments.firstIndex(of: "--seconds"), i + 1 < arguments.count, let s = Double(arguments[i + 1]) {
            seconds = s
            arguments.removeSubrange(i...(i + 1))
        }
        if arguments.first == "scale-child", arguments.count == 4, let size = Int(arguments[2]) {
            try ScaleBenchmark.runChild(family: arguments[1], size: size, phase: arguments[3])
            return
        }
        if arguments == ["runtime-process"] {
            try RuntimeBenchmark.runProcess(seconds: seconds)
            return
        }
        var sizes = [1_000, 10_000, 100_000]
        if let i = arguments.firstIndex(of: "--sizes"), i + 1 < arguments.count {
            sizes = arguments[i + 1].split(separator: ",").compactMap { Int($0) }
            arguments.removeSubrange(i...(i + 1))
        }
        var families = ScaleBenchmark.families.map(\.name)
        if let i = arguments.firstIndex(of: "--families"), i + 1 < arguments.count {
            families = arguments[i + 1].split(separator: ",").map(String.init)
            arguments.removeSubrange(i...(i + 1))
        }
        var phases: [String]?
        if let i = arguments.firstIndex(of: "--phases"), i + 1 < arguments.count {
            phases = arguments[i + 1].split(separator: ",").map(String.init)
            arguments.removeSubrange(i...(i + 1))
        }
        // `jacobian --compile-only`: only the last table, compiling and loading cached plans.
        let compileOnly = arguments.contains("--compile-only")
        arguments.removeAll { $0 == "--compile-only" }
        let sections = arguments.isEmpty ? ["game", "jacobian"] : arguments
        let graphs = try PaperGraphs.all()
        for section in sections {
            switch section {
            case "game":
                print("## Elimination game: full episodes per second, one core\n")
                try GameBenchmark.run(graphs: graphs, seconds: seconds)
            case "jacobian":
                print("## Jacobians through compiled plans: time per point by order, against the primal\n")
                try compileOnly ? JacobianBenchmark.runCompileTimes() : JacobianBenchmark.run(seconds: seconds)
            case "script":
                print("## The .ccs language: median time per call, one core\n")
                try ScriptBenchmark.run()
            case "search":
                print("## Simulated annealing: moves per second on one core, against full re-plays\n")
                try SearchBenchmark.run(graphs: graphs, seconds: seconds)
            case "agent":
                print("## Agent: applying a policy, policy-guided search, training (release build)\n")
                try AgentBenchmark.run(graphs: graphs, seconds: seconds)
            case "models":
                print("## Cost models: a greedy order and annealing moves under paper and a .ccs model, one core\n")
                try ModelBenchmark.run(seconds: seconds)
            case "runtime":
                print("## Which cost model ranks orders as the generated code's measured time does\n")
                try RuntimeBenchmark.run(seconds: seconds)
            case "spills":
                print("## Vector values the C compiler keeps on the stack in the generated kernels (512 points)\n")
                try SpillBenchmark.run()
            case "scale":
                print("## Real program sizes: time and peak memory per phase, one child process per measurement\n")
                try ScaleBenchmark.run(families: families, sizes: sizes, phases: phases, timeout: 300)
            default:
                print("unknown benchmark section \(section); sections: game, jacobian, script, search, agent, models, runtime, spills, scale")
                exit(2)
            }
            print()
        }
    }
}
