/// Kubernetes' naming rules, as the API server checks them, so a bad name is caught at build time
/// with the field that made it instead of at `kubectl apply`.
public enum KubernetesNames {
    /// RFC 1123 label: lowercase alphanumerics and '-', alphanumeric at both ends, at most 63.
    public static func isDNSLabel(_ s: String) -> Bool {
        guard !s.isEmpty, s.count <= 63, let f = s.first, let l = s.last else { return false }
        return isLowerAlnum(f) && isLowerAlnum(l) && s.allSatisfy { isLowerAlnum($0) || $0 == "-" }
    }

    /// RFC 1035 label (Service names): a DNS label that starts with a letter.
    public static func isDNS1035Label(_ s: String) -> Bool {
        isDNSLabel(s) && (s.first?.isLetter ?? false)
    }

    /// RFC 1123 subdomain (most object names): dot-separated labels, at most 253.
    public static func isDNSSubdomain(_ s: String) -> Bool {
        guard !s.isEmpty, s.count <= 253 else { return false }
        return s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isDNSLabel(String($0)) }
    }

    /// Label values: empty, or at most 63 of [A-Za-z0-9-_.] with alphanumerics at both ends.
    public static func isLabelValue(_ s: String) -> Bool {
        if s.isEmpty { return true }
        guard s.count <= 63, let f = s.first, let l = s.last, isAlnum(f), isAlnum(l) else { return false }
        return s.allSatisfy { isAlnum($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    /// Label and annotation keys: `[prefix/]name`, prefix a DNS subdomain, name at most 63.
    public static func isQualifiedName(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return false }
        if parts.count == 2, !isDNSSubdomain(String(parts[0])) { return false }
        let name = String(parts.last!)
        guard !name.isEmpty, name.count <= 63, let f = name.first, let l = name.last, isAlnum(f), isAlnum(l) else { return false }
        return name.allSatisfy { isAlnum($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    /// ConfigMap keys: [-._a-zA-Z0-9]+, at most 253, not `.` or `..`.
    public static func isConfigMapKey(_ s: String) -> Bool {
        guard !s.isEmpty, s.count <= 253, s != ".", s != ".." else { return false }
        return s.allSatisfy { isAlnum($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    /// A host name for an Ingress rule: a DNS subdomain, optionally with a leading `*.` wildcard.
    public static func isHost(_ s: String) -> Bool {
        let rest = s.hasPrefix("*.") ? String(s.dropFirst(2)) : s
        return isDNSSubdomain(rest) && rest.contains(".")
    }

    static func isLowerAlnum(_ c: Character) -> Bool { c.isASCII && (c.isLowercase || c.isNumber) }
    static func isAlnum(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }
}
