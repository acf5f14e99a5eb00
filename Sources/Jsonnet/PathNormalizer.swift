/// Lexical path clean-up (`a/./b/../c` → `a/c`) so that diagnostics, import records and index
/// entries name one file one way, relative to the working directory when they started relative.
public enum PathNormalizer {
    public static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `path` relative to `base` when it lies inside it, else nil.
    public static func relative(_ path: String, to base: String) -> String? {
        let p = normalize(path), b = normalize(base)
        if b == "." { return p.hasPrefix("/") || p.hasPrefix("..") ? nil : p }
        if p == b { return "" }
        return p.hasPrefix(b + "/") ? String(p.dropFirst(b.count + 1)) : nil
    }
}
