import Testing
@testable import Jsonnet

@Suite struct JSONParserTests {
    @Test func parsesEveryValueKind() throws {
        let v = try JSONParser.parse(#"{"a": [1, 2.5, -3e2, true, false, null], "b": {"c": "d"}, "e": ""}"#)
        #expect(v == ["a": [1, 2.5, -300, true, false, nil], "b": ["c": "d"], "e": ""])
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let v = try JSONParser.parse(#""line\nnext \"q\" \\ \u00e9 \ud83d\ude00 \t""#)
        #expect(v == .string("line\nnext \"q\" \\ é 😀 \t"))
    }

    @Test func keepsBooleansApartFromNumbers() throws {
        #expect(try JSONParser.parse("[true, 1]") == [.bool(true), .number(1)])
    }

    @Test(arguments: ["{", "[1,", "\"open", "{\"a\" 1}", "tru", "[1] x", "{\"a\":}"])
    func rejectsMalformedText(_ text: String) {
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(text) }
    }

    @Test func writerRoundTripsWithSortedKeys() throws {
        let value: JSONValue = ["z": 1, "a": ["s": "x\"y\n", "n": 0.25], "m": [nil, false]]
        let text = JSONWriter.write(value)
        #expect(text == #"{"a":{"n":0.25,"s":"x\"y\n"},"m":[null,false],"z":1}"#)
        #expect(try JSONParser.parse(text) == value)
    }
}
