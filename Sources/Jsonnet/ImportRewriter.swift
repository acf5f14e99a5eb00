/// Rewrites the paths of `import`, `importstr` and `importbin` in jsonnet source text.
///
/// libjsonnet 0.18 lexes, parses and desugars its whole standard library again for every file it
/// imports (about 20 ms and several MB that stay allocated until the VM is destroyed), and caches
/// imports per importing folder. Importing one definition file per function therefore cost a
/// tenth of a second and 7 MB per function. Inlining the definitions into the batch program, with
/// their imports rewritten to resolve the same from there, pays that price once per chunk.
///
/// The lexer knows just enough jsonnet to find import literals: comments, the string forms
/// (quoted, verbatim `@'…'`, text blocks `|||`) and identifiers. Anything it cannot rewrite
/// returns nil, and the caller imports the file as before.
public enum ImportRewriter {
    public enum Kind: String, Sendable {
        case `import`, importstr, importbin
    }

    /// `text` with each import's path replaced by the path `transform` returns for it; nil when
    /// `transform` returns nil for one, or an import cannot be read.
    public static func rewrite(_ text: String, _ transform: (String) -> String?) -> String? {
        scan(text, whole: false) { _, path in transform(path).map(JSONWriter.quoted) }
    }

    /// `text` with each whole import expression (keyword and path) replaced by the jsonnet
    /// expression `transform` returns for it; nil as for `rewrite`.
    public static func replaceImports(_ text: String, _ transform: (Kind, String) -> String?) -> String? {
        scan(text, whole: true, transform)
    }

    private static func scan(_ text: String, whole: Bool, _ transform: (Kind, String) -> String?) -> String? {
        let b = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 64)
        var i = 0, copied = 0
        func isIdent(_ c: UInt8) -> Bool { c == 95 || (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122) }
        func skipSpaceAndComments(_ k: inout Int) {
            while k < b.count {
                let c = b[k]
                if c == 32 || c == 9 || c == 10 || c == 13 { k += 1 } else if c == 35 || (c == 47 && k + 1 < b.count && b[k + 1] == 47) {
                    while k < b.count, b[k] != 10 { k += 1 }
                } else if c == 47, k + 1 < b.count, b[k + 1] == 42 {
                    k += 2
                    while k + 1 < b.count, !(b[k] == 42 && b[k + 1] == 47) { k += 1 }
                    k += 2
                } else { return }
            }
        }
        /// Skips a string literal starting at `k`; returns its value when it is one an import takes.
        func string(_ k: inout Int) -> String?? {
            if b[k] == 124, k + 2 < b.count, b[k + 1] == 124, b[k + 2] == 124 {
                // Text block: ends at a line whose first non-blank characters are |||.
                k += 3
                while k < b.count {
                    if b[k] == 10 {
                        var j = k + 1
                        while j < b.count, b[j] == 32 || b[j] == 9 { j += 1 }
                        if j + 2 < b.count, b[j] == 124, b[j + 1] == 124, b[j + 2] == 124 { k = j + 3; return .some(nil) }
                    }
                    k += 1
                }
                return .some(nil)
            }
            let verbatim = b[k] == 64
            if verbatim { k += 1 }
            guard k < b.count, b[k] == 39 || b[k] == 34 else { return nil }
            let quote = b[k]
            k += 1
            var value: [UInt8] = []
            var usable = true
            while k < b.count {
                let c = b[k]
                if verbatim {
                    if c == quote {
                        if k + 1 < b.count, b[k + 1] == quote { value.append(c); k += 2; continue }
                        k += 1
                        return usable ? String(decoding: value, as: UTF8.self) : .some(nil)
                    }
                } else if c == quote {
                    k += 1
                    return usable ? String(decoding: value, as: UTF8.self) : .some(nil)
                } else if c == 92 {
                    // Escapes other than quotes, backslash and slash are rare enough in a path to
                    // leave that file to libjsonnet.
                    if k + 1 < b.count, [39, 34, 92, 47].contains(b[k + 1]) { value.append(b[k + 1]) } else { usable = false }
                    k += 2
                    continue
                }
                value.append(c)
                k += 1
            }
            return .some(nil)
        }
        while i < b.count {
            let c = b[i]
            if c == 35 || c == 47 || c == 32 || c == 9 || c == 10 || c == 13 {
                let start = i
                skipSpaceAndComments(&i)
                if i == start { i += 1 }
            } else if c == 39 || c == 34 || c == 64 || c == 124 {
                var k = i
                if string(&k) == nil { k = i + 1 }
                i = k
            } else if isIdent(c) {
                let start = i
                while i < b.count, isIdent(b[i]) { i += 1 }
                let word = String(decoding: b[start..<i], as: UTF8.self)
                guard let kind = Kind(rawValue: word), start == 0 || b[start - 1] != 46 else { continue }
                var k = i
                skipSpaceAndComments(&k)
                guard k < b.count else { return nil }
                let literalStart = k
                guard let parsed = string(&k), let path = parsed, let replacement = transform(kind, path) else { return nil }
                out += b[copied..<(whole ? start : literalStart)]
                out += Array(replacement.utf8)
                copied = k
                i = k
            } else {
                i += 1
            }
        }
        out += b[copied...]
        return String(decoding: out, as: UTF8.self)
    }
}
