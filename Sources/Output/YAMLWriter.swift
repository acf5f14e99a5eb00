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

    static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: return Node.scalar(.init("null", Tag(.null), .plain))
        case .bool(let b): return Node.scalar(.init(b ? "true" : "false", Tag(.bool), .plain))
        case .number(let d): return Node.scalar(.init(JSONWriter.formatNumber(d), Tag(d.rounded() == d ? .int : .float), .plain))
        case .string(let s): return Node.scalar(.init(s, Tag(.str), style(for: s)))
        case .array(let a): return Node.sequence(.init(a.map(node), Tag(.seq), .block))
        case .object(let o):
            let pairs = o.keys.sorted().map { k in (Node.scalar(.init(k, Tag(.str), style(for: k))), node(o[k]!)) }
            return Node.mapping(.init(pairs, Tag(.map), .block))
        }
    }

    static let reserved: Set<String> = ["", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", "<<", "="]

    /// Plain when no YAML reader could take the text for anything but a string; libyaml itself
    /// still switches to quotes when the text has indicators that plain style cannot carry.
    static func style(for s: String) -> Node.Scalar.Style {
        if s.contains("\n") { return .literal }
        if reserved.contains(s.lowercased()) { return .doubleQuoted }
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return .doubleQuoted }
        if first == " " || last == " " || "+-.!&*?|>'\"%@`#,[]{}:".unicodeScalars.contains(first) { return .doubleQuoted }
        if first.properties.numericType != nil || ("0"..."9").contains(first) {
            // Numbers, dates, times, hex and octal start with a digit; a quantity such as 128Mi does
            // too but contains a letter that no number form allows.
            let letters = s.unicodeScalars.filter { $0.properties.isAlphabetic }
            let lower = s.lowercased()
            if letters.isEmpty || s.contains(":") || s.contains("_") || lower.hasPrefix("0x") || lower.hasPrefix("0o") || lower.hasPrefix("0b")
                || isExponent(lower) {
                return .doubleQuoted
            }
        }
        if s.contains(": ") || s.contains(" #") || s.hasSuffix(":") || s.contains("\t") { return .doubleQuoted }
        return .plain
    }

    static func isExponent(_ s: String) -> Bool {
        let parts = s.split(separator: "e", omittingEmptySubsequences: false)
        guard parts.count == 2, Double(parts[0]) != nil else { return false }
        var exp = parts[1]
        if exp.first == "+" || exp.first == "-" { exp = exp.dropFirst() }
        return !exp.isEmpty && exp.allSatisfy(\.isNumber)
    }
}
