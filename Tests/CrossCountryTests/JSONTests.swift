import CrossCountry
import Testing

@Suite struct JSONTests {
    @Test func parsesAndFormats() throws {
        let text = #"{"a": [1, 2.5, -3e2], "b": {"c": "x\ny\u00e9"}, "d": [true, false, null], "e": []}"#
        let value = try JSONParser.parse(text)
        #expect(value["a"] == [1, .number(2.5), .number(-300)])
        #expect(value["b"]?["c"] == "x\nyé")
        #expect(try JSONParser.parse(value.formatted()) == value)
        #expect(try JSONParser.parse(value.compactText) == value)
    }

    /// Surrogate escapes: a pair joins; a high surrogate before an escape that is no low surrogate
    /// (once an arithmetic overflow, found by fuzzing policy files) and a lone one stand for U+FFFD.
    @Test func surrogateEscapes() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == "\u{1F600}")
        #expect(try JSONParser.parse(#""\ud900\uc021""#) == "\u{FFFD}\u{C021}")
        #expect(try JSONParser.parse(#""\ud900\ud900\udc00""#) == "\u{FFFD}\u{50000}")
        #expect(try JSONParser.parse(#""\udc00x""#) == "\u{FFFD}x")
    }

    @Test(arguments: [
        ("{\"a\": 1, \"a\": 2}", "1:10: duplicate member \"a\""),
        ("[1,]", "1:4: unexpected ']', expected a value"),
        ("\"abc", "1:5: unexpected end of input inside a string"),
        ("1x", "1:2: unexpected 'x' after the document"),
        ("[1.]", "1:4: invalid number: digits expected after '.'"),
        ("\n\n  tru", "3:3: invalid literal, expected 'true'"),
        (String(repeating: "[", count: 600), "1:513: nesting deeper than 512 levels"),
        ("[1e999]", "1:2: number out of range"),
    ])
    func reportsLocations(text: String, message: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
        do { _ = try JSONParser.parse(text) } catch { #expect(error.description == message) }
    }
}
