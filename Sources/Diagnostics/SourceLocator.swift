/// Finds the line where a field is written, so a diagnostic about an evaluated value can still point
/// at the text the user wrote. Jsonnet's output carries no positions; this is a best effort that
/// looks for `key:` (or `"key":`, `'key':`) in the file, after the line of an enclosing key when
/// one is known, and answers nil when the key is not written literally (computed fields).
public struct SourceLocator: Sendable {
    public let lines: [Substring]

    public init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The 1-based line of the last path component, searching after the enclosing components.
    /// `path` uses the value-path syntax: `.http.host`, `.kafka[1].topic`, `[3].versions[0]`.
    public func line(ofPath path: String) -> Int? {
        let keys = Self.keys(in: path)
        guard !keys.isEmpty else { return nil }
        var from = 0
        var found: Int?
        for key in keys {
            guard let l = line(ofKey: key, from: from) else {
                // An enclosing key that is not written literally: keep what we have.
                continue
            }
            found = l
            from = l - 1
        }
        return found
    }

    public func line(ofKey key: String, from start: Int = 0) -> Int? {
        let patterns = ["\(key):", "\"\(key)\":", "'\(key)':", "\(key)+:", "\(key)::", "\"\(key)\" :", "\(key) :"]
        var i = max(0, start)
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "{" || $0 == "," }
            for p in patterns where trimmed.hasPrefix(p) || line.contains(" \(p)") || line.contains("{\(p)") || line.contains(",\(p)") {
                return i + 1
            }
            i += 1
        }
        return nil
    }

    static func keys(in path: String) -> [String] {
        var keys: [String] = []
        var current = ""
        var inBracket = false
        for ch in path {
            switch ch {
            case "." where !inBracket:
                if !current.isEmpty { keys.append(current) }
                current = ""
            case "[":
                if !current.isEmpty { keys.append(current) }
                current = ""
                inBracket = true
            case "]":
                inBracket = false
                current = ""
            default:
                if !inBracket { current.append(ch) }
            }
        }
        if !current.isEmpty { keys.append(current) }
        return keys
    }
}
