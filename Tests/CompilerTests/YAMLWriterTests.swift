import Foundation
import Jsonnet
import Testing
import Yams
@testable import Output

/// The quoting rules of the YAML kfn writes: a string must come back as the same string from a
/// YAML 1.1 reader (Kubernetes reads with go-yaml), and stays unquoted where nothing could read it
/// as anything else, so files read naturally.
@Suite struct YAMLWriterTests {
    /// Strings a reader would take for numbers, booleans, null, dates or syntax.
    static let mustQuote = [
        "", "~", "null", "Null", "true", "False", "yes", "No", "on", "OFF", "y", "n", "<<", "=",
        "8080", "-1", "+1", "0.5", ".5", "1e3", "1E-2", "0x1F", "0o17", "0b101", "1_000", "12:30", "2026-11-21",
        " lead", "trail ", "- item", "? key", ": v", "&anchor", "*alias", "!tag", "|", ">", "'q", "\"q", "%x", "@x",
        "`x", "#comment", ",", "[a]", "{a}", "key: value", "a #b", "ends:", "tab\there",
    ]
    /// Strings that stay plain.
    static let staysPlain = [
        "hello", "128Mi", "100m", "1Gi", "2h", "python3.12", "main.handler", "/healthz", "http://x.example.com/a",
        "a:b", "a#b", "kfn.dev/source-digest", "RollingUpdate", "café", "1é", "名前", "v1.2.3",
    ]

    @Test(arguments: mustQuote)
    func quotesWhatAReaderWouldMisread(_ s: String) {
        #expect(YAMLWriter.style(for: s) == .doubleQuoted)
    }

    @Test(arguments: staysPlain)
    func leavesOrdinaryStringsPlain(_ s: String) {
        #expect(YAMLWriter.style(for: s) == .plain)
    }

    @Test func multiLineStringsAreLiteralBlocks() throws {
        let text = try YAMLWriter.document(["script": .string("set -e\necho hi\n")])
        #expect(text == "script: |\n  set -e\n  echo hi\n")
    }

    /// Every string, emitted and read back, is the same string (no number, bool or null).
    @Test func everyStringReadsBackUnchanged() throws {
        for s in Self.mustQuote + Self.staysPlain + ["multi\nline", "x\ty", "ünïcödé: v", "\u{1F600}"] {
            let text = try YAMLWriter.document(["k": .string(s), "list": .array([.string(s)])])
            let back = try Yams.load(yaml: text) as? [String: Any]
            #expect(back?["k"] as? String == s, "\(s.debugDescription) came back as \(String(describing: back?["k"]))")
            #expect((back?["list"] as? [Any])?.first as? String == s)
        }
    }

    @Test func keysAreSortedAndHeaderIsCommented() throws {
        let text = try YAMLWriter.document(["b": 1, "a": ["z": true, "x": .null, "y": "n"]], header: "Generated\nsecond line")
        #expect(text == "# Generated\n# second line\na:\n  x: null\n  \"y\": \"n\"\n  z: true\nb: 1\n")
    }
}
