import Jsonnet
import Yams

/// Writes Kubernetes objects as YAML through Yams (libyaml): sorted keys, two-space indentation,
/// no line folding, multi-line strings as literal blocks, and quotes exactly where a YAML 1.1
/// reader (Kubernetes' go-yaml) would otherwise read a string as a number, boolean or null.
public enum YAMLWriter {
    public static func document(_ value: JSONValue, header: String? = nil) throws -> String {
        let body = try Yams.serialize(node: node(value), indent: 2, width: -1, allowUnicode: true, sortKeys: false)
        guard let header else { return body }
        return header.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }.joined(separator: "\n") + "\n" + body
    }

    /// One `Tag` per kind, made once: `Tag(_:)` builds Yams' default resolver and constructor
    /// (dictionaries of closures) every time, which was a fifth of a large build. Tags are
    /// immutable after creation, so sharing them is safe.
    private struct Tags: @unchecked Sendable {
        let null = Tag(.null), bool = Tag(.bool), int = Tag(.int), float = Tag(.float), str = Tag(.str)
        let seq = Tag(.seq), map = Tag(.map)
    }
    private static let tags = Tags()

    static func node(_ value: JSONValue) -> Node {
        let t = tags
        switch value {
        case .null: return Node.scalar(.init("null", t.null, .plain))
        case .bool(let b): return Node.scalar(.init(b ? "true" : "false", t.bool, .plain))
        case .number(let d): return Node.scalar(.init(JSONWriter.formatNumber(d), d.rounded() == d ? t.int : t.float, .plain))
        case .string(let s): return Node.scalar(.init(s, t.str, style(for: s)))
        case .array(let a): return Node.sequence(.init(a.map(node), t.seq, .block))
        case .object(let o):
            let pairs = o.sorted { $0.key < $1.key }.map { k, v in (Node.scalar(.init(k, t.str, style(for: k))), node(v)) }
            return Node.mapping(.init(pairs, t.map, .block))
        }
    }

    static let reserved: Set<String> = ["", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", "<<", "="]

    /// Plain when no YAML reader could take the text for anything but a string; libyaml itself
    /// still switches to quotes when the text has indicators that plain style cannot carry.
    static func style(for s: String) -> Node.Scalar.Style {
        // Tests on the UTF-8 bytes, with Unicode properties consulted only for non-ASCII
        // characters: `String.contains(String)` goes through NSString on Linux, and property
        // lookups for every scalar cost more than the emitting itself. All needles are ASCII, so
        // byte and character matches agree.
        let u = s.utf8
        if u.contains(0x0A) { return .literal }
        if u.count <= 5, reserved.contains(s.lowercased()) { return .doubleQuoted }
        guard let firstByte = u.first, let lastByte = u.last else { return .doubleQuoted }
        if firstByte == 0x20 || lastByte == 0x20 || (firstByte < 0x80 && indicators.contains(firstByte)) { return .doubleQuoted }
        let startsNumeric = firstByte < 0x80 ? isDigit(firstByte) : s.unicodeScalars.first!.properties.numericType != nil
        if startsNumeric {
            // Numbers, dates, times, hex and octal start with a digit; a quantity such as 128Mi does
            // too but contains a letter that no number form allows.
            let lower = s.lowercased()
            if !hasLetter(s) || u.contains(0x3A) || u.contains(0x5F) || lower.hasPrefix("0x") || lower.hasPrefix("0o") || lower.hasPrefix("0b")
                || isExponent(lower) {
                return .doubleQuoted
            }
        }
        if containsPair(u, 0x3A, 0x20) || containsPair(u, 0x20, 0x23) || lastByte == 0x3A || u.contains(0x09) { return .doubleQuoted }
        return .plain
    }

    /// Characters that cannot start a plain scalar (or that a reader would take as a sign).
    private static let indicators = Set("+-.!&*?|>'\"%@`#,[]{}:".utf8)

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Whether any character is alphabetic (Unicode's property; ASCII letters without a lookup).
    private static func hasLetter(_ s: String) -> Bool {
        s.unicodeScalars.contains { c in
            c.isASCII ? (c.value | 0x20 >= 0x61 && c.value | 0x20 <= 0x7A) : c.properties.isAlphabetic
        }
    }

    static func containsPair(_ u: String.UTF8View, _ a: UInt8, _ b: UInt8) -> Bool {
        var previous: UInt8 = 0
        for c in u {
            if previous == a, c == b { return true }
            previous = c
        }
        return false
    }

    static func isExponent(_ s: String) -> Bool {
        let parts = s.split(separator: "e", omittingEmptySubsequences: false)
        guard parts.count == 2, Double(parts[0]) != nil else { return false }
        var exp = parts[1]
        if exp.first == "+" || exp.first == "-" { exp = exp.dropFirst() }
        return !exp.isEmpty && exp.allSatisfy(\.isNumber)
    }
}
