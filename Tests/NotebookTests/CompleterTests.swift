import Foundation
import Testing
@testable import Notebook
import Script

@Suite struct CompleterTests {
    private func completer(names: [String] = Session().namesInScope, directory: String = "/", home: String? = nil) -> Completer {
        Completer(names: { names }, currentDirectory: directory, home: home)
    }

    @Test func completesBuiltinsAndUserNames() {
        let c = completer(names: ["markowitz_cost"] + Session().namesInScope)
        #expect(c.complete("cost(g, rever") == Completion(insertion: "se"))
        #expect(c.complete("finite_d") == Completion(insertion: "ifferences"))
        #expect(c.complete("x = marko") == Completion(insertion: "witz"), "markowitz and markowitz_cost share 'markowitz'")
        #expect(c.complete("markowitz") == Completion(choices: ["markowitz", "markowitz_cost"]))
        #expect(c.complete("zzz") == Completion())
    }

    @Test func completesKeywordsButNotMembersOrNumbers() {
        let c = completer()
        #expect(c.complete("fo") == Completion(insertion: "r"))
        #expect(c.complete("J.multi") == Completion(), "members are not names in scope")
        #expect(c.complete("3") == Completion())
    }

    @Test func hidesOutputNamesUnlessAsked() {
        let c = completer(names: ["_", "_1", "_12", "a_b"])
        #expect(c.complete("_1") == Completion(choices: ["_1", "_12"]))
        #expect(c.complete("a_") == Completion(insertion: "b"))
    }

    @Test func completesCommandsAtTheStartOfALine() {
        let c = completer()
        #expect(c.complete(":sa") == Completion(insertion: "ve "))
        #expect(c.complete(":h") == Completion(choices: [":help", ":history"]))
        #expect(c.complete(":help cos") == Completion(choices: ["cos", "cosh", "cost"]))
        #expect(c.complete(":time fin") == Completion(insertion: "ite_differences"))
        #expect(c.complete("?cos") == Completion(choices: ["cos", "cosh", "cost"]))
        #expect(c.complete("?jaco") == Completion(insertion: "bian"))
    }

    @Test func completesPathsInStringsAndAfterFileCommands() throws {
        let directory = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: "\(directory)/graphs", withIntermediateDirectories: true)
        for name in ["graphs/RoeFlux_1d.json", "graphs/RoeFlux_3d.json", "notes.ccs", ".hidden"] {
            #expect(FileManager.default.createFile(atPath: "\(directory)/\(name)", contents: Data()))
        }
        let c = completer(directory: directory, home: directory)
        #expect(c.complete("load_graph(\"gr") == Completion(insertion: "aphs/"))
        #expect(c.complete("load_graph(\"graphs/R") == Completion(insertion: "oeFlux_"))
        #expect(c.complete("load_graph(\"graphs/RoeFlux_") == Completion(choices: ["RoeFlux_1d.json", "RoeFlux_3d.json"]))
        #expect(c.complete(":load no") == Completion(insertion: "tes.ccs"))
        #expect(c.complete(":save ~/no") == Completion(insertion: "tes.ccs"))
        #expect(c.complete(":graph g --dot no") == Completion(insertion: "tes.ccs"))
        #expect(c.complete("load_graph(\"\(directory)/.h") == Completion(insertion: "idden"), "hidden files when asked for")
        #expect(c.complete("load_graph(\"x\") + gree") == Completion(insertion: "dy"), "after a closed string: names")
        #expect(c.complete("print(\"a \\\" b\") # \"gr") == Completion(), "nothing in a comment")
    }

    @Test func tabOnAnEmptyLineIndents() {
        #expect(completer().complete("") == Completion(insertion: "  "))
        #expect(completer().complete("    ") == Completion(insertion: "  "))
    }
}
