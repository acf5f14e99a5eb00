/// Kubernetes resource quantities (`100m`, `128Mi`, `1.5`, `1e3`), checked as the API server parses
/// them, and converted to a canonical string for `FUNC_MEMORY_LIMIT`.
public enum Quantity {
    static let suffixes: Set<String> = ["", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]

    public static func isValid(_ s: String) -> Bool {
        var rest = Substring(s)
        if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
        let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard !number.isEmpty, number.filter({ $0 == "." }).count <= 1, number != "." else { return false }
        let suffix = String(rest.dropFirst(number.count))
        if suffixes.contains(suffix) { return true }
        // Decimal exponent: e3, E-2.
        guard let e = suffix.first, e == "e" || e == "E" else { return false }
        var exp = suffix.dropFirst()
        if exp.first == "+" || exp.first == "-" { exp = exp.dropFirst() }
        return !exp.isEmpty && exp.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// True for quantities that are negative (the API rejects negative requests and limits).
    public static func isNegative(_ s: String) -> Bool { s.hasPrefix("-") }
}
