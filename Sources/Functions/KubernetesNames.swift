/// Kubernetes' naming rules, as the API server checks them, so a bad name is caught at build time
/// with the field that made it instead of at `kubectl apply`.
public enum KubernetesNames {
    // Every rule allows ASCII only, so the checks run on UTF-8 bytes: a non-ASCII byte fails them
    // as a non-ASCII character would, and byte tests skip grapheme breaking, which made these
    // checks a visible part of a large build (every label of every object is checked).

    /// RFC 1123 label: lowercase alphanumerics and '-', alphanumeric at both ends, at most 63.
    public static func isDNSLabel(_ s: String) -> Bool { isDNSLabel(s.utf8[...]) }

    /// RFC 1035 label (Service names): a DNS label that starts with a letter.
    public static func isDNS1035Label(_ s: String) -> Bool {
        isDNSLabel(s) && isLower(s.utf8.first ?? 0)
    }

    /// RFC 1123 subdomain (most object names): dot-separated labels, at most 253.
    public static func isDNSSubdomain(_ s: String) -> Bool { isDNSSubdomain(s.utf8[...]) }

    /// Label values: empty, or at most 63 of [A-Za-z0-9-_.] with alphanumerics at both ends.
    public static func isLabelValue(_ s: String) -> Bool {
        s.isEmpty || isQualifiedNamePart(s.utf8[...])
    }

    /// Label and annotation keys: `[prefix/]name`, prefix a DNS subdomain, name at most 63.
    public static func isQualifiedName(_ s: String) -> Bool {
        let u = s.utf8[...]
        guard let slash = u.firstIndex(of: UInt8(ascii: "/")) else { return isQualifiedNamePart(u) }
        let name = u[u.index(after: slash)...]
        return isDNSSubdomain(u[..<slash]) && !name.contains(UInt8(ascii: "/")) && isQualifiedNamePart(name)
    }

    /// ConfigMap keys: [-._a-zA-Z0-9]+, at most 253, not `.` or `..`.
    public static func isConfigMapKey(_ s: String) -> Bool {
        let u = s.utf8
        guard !u.isEmpty, u.count <= 253, s != ".", s != ".." else { return false }
        return u.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    /// A host name for an Ingress rule: a DNS subdomain, optionally with a leading `*.` wildcard.
    public static func isHost(_ s: String) -> Bool {
        let rest = s.hasPrefix("*.") ? String(s.dropFirst(2)) : s
        return isDNSSubdomain(rest) && rest.utf8.contains(UInt8(ascii: "."))
    }

    private static func isDNSLabel(_ u: Substring.UTF8View) -> Bool {
        guard !u.isEmpty, u.count <= 63, let f = u.first, let l = u.last, isLowerAlnum(f), isLowerAlnum(l) else { return false }
        return u.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isDNSSubdomain(_ u: Substring.UTF8View) -> Bool {
        guard !u.isEmpty, u.count <= 253 else { return false }
        return u.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy { isDNSLabel($0) }
    }

    /// The name part of a qualified name (and a non-empty label value).
    private static func isQualifiedNamePart(_ u: Substring.UTF8View) -> Bool {
        guard !u.isEmpty, u.count <= 63, let f = u.first, let l = u.last, isAlnum(f), isAlnum(l) else { return false }
        return u.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    private static func isLower(_ b: UInt8) -> Bool { b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") }
    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    private static func isLowerAlnum(_ b: UInt8) -> Bool { isLower(b) || isDigit(b) }
    private static func isAlnum(_ b: UInt8) -> Bool { isLowerAlnum(b) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) }
}
