// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ccs",
    products: [
        .executable(name: "ccs", targets: ["ccs"]),
        .library(name: "CrossCountry", targets: ["CrossCountry"]),
        .library(name: "Script", targets: ["Script"]),
        .library(name: "Agent", targets: ["Agent"]),
        .library(name: "Notebook", targets: ["Notebook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries, found through pkg-config; scripts/test installs them.
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),

        // The engine: graphs, the elimination game, tracing, numeric evaluation.
        .target(name: "CrossCountry", dependencies: ["CBLAS"]),

        // The .ccs language: parser, diagnostics, evaluator, tracing, builtins.
        .target(name: "Script", dependencies: ["CrossCountry", "Agent"]),

        // The deep-RL agent: policy/value network, Gumbel tree search, AlphaZero and PPO, policy files.
        .target(name: "Agent", dependencies: ["CrossCountry", "CBLAS", "CNetKernels"]),
        // The network's elementwise kernels in C, cloned per vector width (AVX-512, AVX2, baseline).
        .target(name: "CNetKernels"),

        // The notebook REPL: cells, :commands, completion, history, Ctrl-C; libedit for line editing.
        .target(name: "Notebook", dependencies: ["Script", "CrossCountry", "CEditLine", "CInterrupt"]),
        // The SIGINT handler (async-signal-safe, a self-pipe) and the interruptible libedit reader.
        .target(name: "CInterrupt", dependencies: ["CEditLine"]),

        // The command-line tool: argument parsing and wiring only.
        .executableTarget(
            name: "ccs",
            dependencies: [
                "CrossCountry",
                "Script",
                "Agent",
                "Notebook",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks, run in release mode by scripts/bench.
        .executableTarget(
            name: "ccs-bench",
            dependencies: ["CrossCountry", "Script", "Agent"]
        ),

        // The fuzz harnesses for the language, graph files and policy files: scripts/fuzz builds them
        // with libFuzzer (-sanitize=fuzzer, CCS_FUZZING); a plain build replays inputs through them.
        .target(name: "CFuzzer"),
        .executableTarget(
            name: "ccs-fuzz",
            dependencies: ["CrossCountry", "Script", "Agent", "CFuzzer"]
        ),

        // Counts heap allocations in the test binary (plans must not allocate per evaluation).
        .target(name: "CAllocationCounter", path: "Tests/CAllocationCounter"),
        // What several test targets use: comparing generated code's Jacobians with the interpreter's, a large chain.
        .target(name: "CCSTestSupport", dependencies: ["CrossCountry"], path: "Tests/Support"),
        .testTarget(name: "CrossCountryTests", dependencies: ["CrossCountry", "CAllocationCounter", "CCSTestSupport"]),
        .testTarget(name: "ScriptTests", dependencies: ["Script", "CrossCountry"]),
        .testTarget(name: "AgentTests", dependencies: ["Agent", "CrossCountry"]),
        // The stdlib's .ccs tasks against the published graphs, finite differences and their notebooks.
        .testTarget(name: "StdlibTests", dependencies: ["Script", "CrossCountry", "CCSTestSupport"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "Script", "CrossCountry"]),
        // Starts a program on a pseudo-terminal, for driving the REPL as a user would.
        .target(name: "CPseudoTerminal", path: "Tests/CPseudoTerminal"),
        .testTarget(name: "CLITests", dependencies: ["ccs", "ccs-fuzz", "CrossCountry", "Agent", "CPseudoTerminal", "CCSTestSupport"]),
    ]
)
