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

    /// The events kfn feeds libyaml give the bytes Yams' own serializer gives for the same value
    /// and settings: kfn skips Yams' node tree for speed, not to change the output.
    @Test func writesWhatYamsWouldWrite() throws {
        let strings = Self.mustQuote + Self.staysPlain + ["multi\nline\n", "trailing\n\n", "x\ty", "ünï: v", ""]
        let value: JSONValue = [
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": ["name": "f", "labels": ["app.kubernetes.io/name": "f"], "annotations": [:]],
            "spec": ["replicas": 3, "ratio": 0.25, "big": 1e21, "on": true, "none": .null, "empty": .array([]),
                     "nested": .array([.array([1, 2]), ["a": "b"], .string("s")])],
            "strings": .array(strings.map(JSONValue.string)),
            "keys": .object(Dictionary(strings.map { ($0, JSONValue.string($0)) }) { a, _ in a }),
        ]
        let ours = try YAMLWriter.document(value)
        let yams = try Yams.serialize(node: Self.node(value), indent: 2, width: -1, allowUnicode: true, sortKeys: false)
        #expect(ours == yams)
    }

    /// A Yams node tree the way kfn built it before it fed libyaml directly.
    static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: return Node.scalar(.init("null", Tag(.null), .plain))
        case .bool(let b): return Node.scalar(.init(b ? "true" : "false", Tag(.bool), .plain))
        case .number(let d): return Node.scalar(.init(JSONWriter.formatNumber(d), Tag(d.rounded() == d ? .int : .float), .plain))
        case .string(let s): return Node.scalar(.init(s, Tag(.str), YAMLWriter.style(for: s)))
        case .array(let a): return Node.sequence(.init(a.map(node), Tag(.seq), .block))
        case .object(let o):
            let pairs = o.keys.sorted().map { k in (Node.scalar(.init(k, Tag(.str), YAMLWriter.style(for: k))), node(o[k]!)) }
            return Node.mapping(.init(pairs, Tag(.map), .block))
        }
    }
}
