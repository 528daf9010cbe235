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
        #expect(c.complete("J.multi") == Completion(), "members are not names in scope (J is unknown here)")
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

    @Test func completesFieldsAfterADot() throws {
        let session = Session(write: { _ in })
        session.bindLastValue()
        _ = session.run("let g = load_graph(\"RoeFlux_1d\")\nfn f(x) = x^2\nlet J = jacobian(f)(3)\nlet p = load(\"paper-joint\")", name: "In[1]")
        let c = Completer(session: session)
        #expect(c.complete("g.") == Completion(choices: ["best_published", "edges", "eliminable", "inputs", "name", "outputs", "vertices"]))
        #expect(c.complete("cost(g, markowitz) + g.ed") == Completion(insertion: "ges"))
        #expect(c.complete("J.mul") == Completion(insertion: "tiplications"))
        #expect(c.complete("p.me") == Completion(insertion: "mbers"))
        #expect(c.complete("p.best.") == Completion(), "a list has no fields")
        #expect(c.complete("nope.") == Completion())
        #expect(c.complete("1.") == Completion())
    }

    @Test func completesKeywordArgumentsInACall() {
        let session = Session(write: { _ in })
        _ = session.run("fn area(width, height = 1) = width * height", name: "In[1]")
        let c = Completer(session: session)
        #expect(c.complete("search(g, sec") == Completion(insertion: "onds: "))
        #expect(c.complete("search(g, ") == Completion(choices: ["g:", "seconds:", "method:", "seed:", "rounds:", "max_memory:", "model:"]))
        #expect(c.complete("area(2, hei") == Completion(insertion: "ght: "))
        #expect(c.complete("area(2, h") == Completion(insertion: "e"), "height:, heuristic and help share 'he'")
        _ = session.run("let second = 2", name: "In[2]")
        #expect(c.complete("search(g, se") == Completion(choices: ["seconds:", "seed:", "search", "second"]), "keywords, then names")
        #expect(c.complete("search(g, sec") == Completion(insertion: "ond"), "seconds: and second share 'second'")
        #expect(c.complete("cost(load_graph(\"a(b\"), markowitz, mo") == Completion(insertion: "del: "), "brackets in strings do not count")
        #expect(c.complete("cost(area(1, 2), rever") == Completion(insertion: "se"), "after a closed call, names")
        #expect(c.complete("search(g, 1 + sec") == Completion(insertion: "ond"), "inside an argument, names only")
    }

    @Test func tabOnAnEmptyLineIndents() {
        #expect(completer().complete("") == Completion(insertion: "  "))
        #expect(completer().complete("    ") == Completion(insertion: "  "))
    }
}
