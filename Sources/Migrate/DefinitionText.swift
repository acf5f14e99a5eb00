import Jsonnet

/// A value of a written definition. Objects keep the order they are built in, so the text reads
/// in a fixed order (runtime and handler first, triggers last) instead of alphabetically.
indirect enum DefinitionValue: Equatable {
    case scalar(JSONValue)
    case object([Member])
    case list([DefinitionValue])

    struct Member: Equatable {
        var key: String
        var value: DefinitionValue
        /// A `//` comment written above the member, e.g. to mark a placeholder.
        var comment: String?
    }

    static func string(_ s: String) -> DefinitionValue { .scalar(.string(s)) }
    static func int(_ i: Int) -> DefinitionValue { .scalar(.number(Double(i))) }

    /// A JSON value (a cron payload) as written: object keys sorted.
    init(_ json: JSONValue) {
        switch json {
        case .object(let o): self = .object(o.keys.sorted().map { Member(key: $0, value: DefinitionValue(o[$0]!)) })
        case .array(let a): self = .list(a.map(DefinitionValue.init))
        default: self = .scalar(json)
        }
    }

    var isScalar: Bool { if case .scalar = self { true } else { false } }
}

/// Writes a definition as plain jsonnet: two-space indentation, identifier keys unquoted, strings
/// as JSON string literals, trailing commas, short lists of scalars on one line.
enum DefinitionText {
    static func render(header: [String], _ members: [DefinitionValue.Member]) -> String {
        var out = header.map { "// " + $0 + "\n" }.joined()
        write(.object(members), indent: "", into: &out)
        return out + "\n"
    }

    private static func write(_ value: DefinitionValue, indent: String, into out: inout String) {
        switch value {
        case .scalar(let json):
            JSONWriter.write(json, into: &out)
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            if members.allSatisfy({ $0.value.isScalar && $0.comment == nil }) {
                let parts = members.map { m -> String in var s = key(m.key) + ": "; write(m.value, indent: "", into: &s); return s }
                let line = "{ " + parts.joined(separator: ", ") + " }"
                if line.count + indent.count <= 100 { out += line; return }
            }
            out += "{\n"
            let inner = indent + "  "
            for m in members {
                if let c = m.comment {
                    for line in c.split(separator: "\n", omittingEmptySubsequences: false) { out += inner + "// " + line + "\n" }
                }
                out += inner + key(m.key) + ": "
                write(m.value, indent: inner, into: &out)
                out += ",\n"
            }
            out += indent + "}"
        case .list(let items):
            if items.isEmpty { out += "[]"; return }
            if items.allSatisfy(\.isScalar) {
                let parts = items.map { item -> String in var s = ""; write(item, indent: "", into: &s); return s }
                let line = "[" + parts.joined(separator: ", ") + "]"
                if line.count + indent.count <= 100 { out += line; return }
            }
            out += "[\n"
            let inner = indent + "  "
            for item in items {
                out += inner
                write(item, indent: inner, into: &out)
                out += ",\n"
            }
            out += indent + "]"
        }
    }

    /// Identifier keys bare (`runtime:`), others quoted (`'app.kubernetes.io/part-of'` as a JSON string).
    static func key(_ k: String) -> String {
        let keywords: Set<String> = ["assert", "else", "error", "false", "for", "function", "if", "import", "importstr", "importbin",
                                     "in", "local", "null", "self", "super", "tailstrict", "then", "true"]
        let isIdentifier = k.first.map { $0.isASCII && ($0.isLetter || $0 == "_") } == true
            && k.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } && !keywords.contains(k)
        return isIdentifier ? k : JSONWriter.quoted(k)
    }
}
