import Diagnostics
import Foundation
import Jsonnet
import Yams

/// A YAML value with the line it starts on: every diagnostic about an imported object names the
/// line of the field in the file the user exported from the cluster.
struct YAMLValue: Sendable {
    enum Kind: Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case list([YAMLValue])
        /// Pairs in document order (YAML mappings keep the order they were written in).
        case map([(key: String, value: YAMLValue)])
    }

    var kind: Kind
    var line: Int

    subscript(key: String) -> YAMLValue? {
        if case .map(let pairs) = kind { return pairs.first { $0.key == key }?.value }
        return nil
    }

    var string: String? {
        if case .string(let s) = kind { return s }
        return nil
    }

    var pairs: [(key: String, value: YAMLValue)]? {
        if case .map(let p) = kind { return p }
        return nil
    }

    var items: [YAMLValue]? {
        if case .list(let l) = kind { return l }
        return nil
    }

    /// Null, `""`, `[]` and `{}`: what `kubectl get -o yaml` and `--dryrun` print for unset fields.
    var isEmpty: Bool {
        switch kind {
        case .null: true
        case .string(let s): s.isEmpty
        case .list(let l): l.isEmpty
        case .map(let m): m.allSatisfy { $0.value.isEmpty }
        case .bool, .number: false
        }
    }

    var typeName: String {
        switch kind {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .list: "a list"
        case .map: "a mapping"
        }
    }

    var json: JSONValue {
        switch kind {
        case .null: .null
        case .bool(let b): .bool(b)
        case .number(let d): .number(d)
        case .string(let s): .string(s)
        case .list(let l): .array(l.map(\.json))
        case .map(let m): .object(Dictionary(m.map { ($0.key, $0.value.json) }, uniquingKeysWith: { _, last in last }))
        }
    }
}

/// Parses YAML text (one or more documents) through Yams into `YAMLValue`s.
enum YAMLReader {
    static func documents(_ text: String, file: String) throws(DiagnosticsError) -> [YAMLValue] {
        do {
            // Not compose_all: its sequence ends quietly at a syntax error instead of throwing.
            let parser = try Parser(yaml: text)
            var out: [YAMLValue] = []
            while let node = try parser.nextRoot() { out.append(convert(node)) }
            return out
        } catch let e as YamlError {
            throw DiagnosticsError([diagnostic(e, file: file)])
        } catch {
            throw DiagnosticsError([.error("malformed YAML: \(error)", at: .file(file))])
        }
    }

    private static func convert(_ node: Node) -> YAMLValue {
        let line = node.mark?.line ?? 0
        switch node {
        case .scalar(let s):
            switch Tag.Name(rawValue: s.tag.description) {
            case .null: return YAMLValue(kind: .null, line: line)
            case .bool: return YAMLValue(kind: node.bool.map { .bool($0) } ?? .string(s.string), line: line)
            case .int: return YAMLValue(kind: node.int.map { .number(Double($0)) } ?? .string(s.string), line: line)
            case .float: return YAMLValue(kind: node.float.map { .number($0) } ?? .string(s.string), line: line)
            default: return YAMLValue(kind: .string(s.string), line: line)
            }
        case .sequence(let seq):
            return YAMLValue(kind: .list(seq.map(convert)), line: line)
        case .mapping(let m):
            return YAMLValue(kind: .map(m.map { (key: $0.key.string ?? "\($0.key)", value: convert($0.value)) }), line: line)
        case .alias:
            return YAMLValue(kind: .null, line: line)
        }
    }

    private static func diagnostic(_ e: YamlError, file: String) -> Diagnostic {
        let hint = "the input must be YAML as `kubectl get functions,httptriggers,cronjobtriggers,kafkatriggers -A -o yaml` prints it"
        switch e {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { " \($0.text)" } ?? ""
            return .error("malformed YAML: \(problem)\(detail)", at: .source(file: file, line: mark.line, column: mark.column), hint: hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error("malformed YAML: duplicate key \(duplicates.joined(separator: ", "))",
                          at: .source(file: file, line: context.mark.line, column: context.mark.column), hint: hint)
        default:
            return .error("malformed YAML: \(e)", at: .file(file), hint: hint)
        }
    }
}
