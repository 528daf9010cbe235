import Testing
@testable import Script

@Suite struct HelpTests {
    @Test func everyBuiltinIsDocumentedWithARunnableExample() {
        let builtins = Session.builtins
        #expect(Set(builtins.map(\.name)).count == builtins.count, "a name is defined twice")
        for builtin in builtins {
            #expect(!builtin.summary.isEmpty && !builtin.example.isEmpty, "\(builtin.name)")
            #expect(builtin.example.contains(builtin.name), "\(builtin.name): the example does not use it")
            #expect(Session.help(builtin.name)?.contains(builtin.example) == true)
            // Examples run in a session with a graph g and numbers x and y; searches take seconds,
            // writing files is off, and error() fails by design.
            let session = Session(write: { _ in })
            session.allowsFileWrites = false
            _ = session.run("let g = load_graph(\"RoeFlux_1d\")\nlet x = -0.5\nlet y = 3", name: "setup")
            guard builtin.name != "search" else { continue }
            let result = session.run(builtin.example, name: "example")
            if let error = result.error {
                let expected = builtin.name == "error" ? "unsupported input" : "this session does not write files"
                #expect(error.message == expected, "\(builtin.name): \(error)")
            }
        }
        #expect(Session.help("no_such_builtin") == nil)
    }

    @Test func completionListsNamesInScope() {
        let session = Session(write: { _ in })
        _ = session.run("let markowitz_cost = 1", name: "In[1]")
        #expect(session.completions(of: "marko") == ["markowitz", "markowitz_cost"])
        #expect(session.definedNames == ["markowitz_cost"])
        #expect(session.namesInScope.contains("softmax"))
        session.reset()
        #expect(session.definedNames.isEmpty)
    }
}
