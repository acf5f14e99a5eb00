import Jsonnet
import Yams

/// Writes Kubernetes objects as YAML with libyaml (the copy Yams bundles, see `YAMLEmitter`):
/// sorted keys, two-space indentation, no line folding, multi-line strings as literal blocks, and
/// quotes exactly where a YAML 1.1 reader (Kubernetes' go-yaml) would otherwise read a string as a
/// number, boolean or null.
public enum YAMLWriter {
    public static func document(_ value: JSONValue, header: String? = nil) throws -> String {
        String(decoding: try bytes(value, header: header), as: UTF8.self)
    }

    /// The document as UTF-8 bytes, each header line as a `# ` comment before it.
    public static func bytes(_ value: JSONValue, header: String? = nil) throws -> [UInt8] {
        var comment: [UInt8] = []
        for line in header?.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) ?? [] {
            comment += "# ".utf8
            comment += line
            comment.append(0x0A)
        }
        return try YAMLEmitter.document(value, after: comment)
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
