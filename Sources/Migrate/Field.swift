import Diagnostics
import Jsonnet

/// Where an input object came from: its file and its value path in that file (`.items[3]`, or ``
/// for a document of its own).
struct Origin: Sendable, Hashable {
    var file: String
    var path: String
    var line: Int
}

/// Remembers which fields of one input object were carried over, so that every other field can
/// be reported: nothing is dropped silently.
final class FieldLedger {
    private(set) var consumed: Set<String> = []

    func consume(_ path: String) { consumed.insert(path) }

    func isConsumed(_ path: String) -> Bool { consumed.contains(path) }

    /// Whether something below `path` was consumed (the walk then descends instead of reporting).
    func hasConsumed(below path: String) -> Bool {
        consumed.contains { $0.hasPrefix(path + ".") || $0.hasPrefix(path + "[") }
    }
}

/// A position inside an input object: a value (or its absence) and its value path. Reading a
/// value marks it as carried over in the object's ledger.
struct Field {
    let value: YAMLValue?
    /// Relative to the object, e.g. `.spec.deployment.spec.replicas`.
    let path: String
    /// The line of the value, or of the closest enclosing value when this one is absent.
    let line: Int
    let origin: Origin
    let ledger: FieldLedger

    init(root value: YAMLValue, origin: Origin) {
        self.init(value: value, path: "", line: value.line, origin: origin, ledger: FieldLedger())
    }

    private init(value: YAMLValue?, path: String, line: Int, origin: Origin, ledger: FieldLedger) {
        self.value = value
        self.path = path
        self.line = line
        self.origin = origin
        self.ledger = ledger
    }

    subscript(key: String) -> Field {
        let v = value?[key]
        let k = key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } ? ".\(key)" : "[\(JSONWriter.quoted(key))]"
        return Field(value: v, path: path + k, line: v?.line ?? line, origin: origin, ledger: ledger)
    }

    subscript(index: Int) -> Field {
        let v = value?.items.flatMap { index < $0.count ? $0[index] : nil }
        return Field(value: v, path: path + "[\(index)]", line: v?.line ?? line, origin: origin, ledger: ledger)
    }

    var exists: Bool { value != nil }
    var isEmpty: Bool { value?.isEmpty ?? true }
    var fullPath: String { origin.path + path }
    var location: Location { .value(file: origin.file, path: fullPath, line: line) }

    /// The mapping's keys with their fields, in document order.
    var entries: [(key: String, field: Field)] {
        (value?.pairs ?? []).map { ($0.key, self[$0.key]) }
    }

    var elements: [Field] {
        (value?.items ?? []).indices.map { self[$0] }
    }

    func consume() { ledger.consume(path) }

    /// The value as a string (consumed), nil when absent or null; any other type is reported.
    func string(_ log: ImportLog) -> String? {
        guard let value else { return nil }
        consume()
        switch value.kind {
        case .null: return nil
        case .string(let s): return s
        case .number(let d): return d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : "\(d)"
        case .bool(let b): return b ? "true" : "false"
        default:
            log.error("expected a string, got \(value.typeName)", at: self)
            return nil
        }
    }

    func int(_ log: ImportLog) -> Int? {
        scalar(log, "a whole number") { kind in
            switch kind {
            case .number(let d) where d.rounded() == d && abs(d) < 1e15: Int(d)
            case .string(let s): Int(s)
            default: nil
            }
        }
    }

    func bool(_ log: ImportLog) -> Bool? {
        scalar(log, "true or false") { kind in
            switch kind {
            case .bool(let b): b
            case .string(let s): Bool(s)
            default: nil
            }
        }
    }

    /// The value converted by `convert` (consumed); nil when absent or null, reported when it
    /// does not convert.
    private func scalar<T>(_ log: ImportLog, _ expected: String, _ convert: (YAMLValue.Kind) -> T?) -> T? {
        guard let value else { return nil }
        consume()
        if case .null = value.kind { return nil }
        guard let result = convert(value.kind) else {
            log.error("expected \(expected), got \(value.typeName)", at: self)
            return nil
        }
        return result
    }

    /// A mapping of strings (labels, annotations, matchLabels), consumed.
    func stringMap(_ log: ImportLog) -> [(key: String, value: String, field: Field)] {
        entries.compactMap { e in e.field.string(log).map { (e.key, $0, e.field) } }
    }

    /// Reports the field as not carried over (and marks it, so the final walk does not repeat it).
    func drop(_ log: ImportLog, _ reason: String, hint: String? = nil) {
        guard !isEmpty else { return consume() }
        consume()
        log.warning("not imported: \(reason)", at: self, hint: hint)
    }

    /// Reports every non-empty field below this one that nothing consumed.
    func reportUnconsumed(_ log: ImportLog, hint: String) {
        guard let value, !ledger.isConsumed(path), !value.isEmpty else { return }
        if ledger.hasConsumed(below: path) {
            switch value.kind {
            case .map: for e in entries { e.field.reportUnconsumed(log, hint: hint) }
            case .list: for f in elements { f.reportUnconsumed(log, hint: hint) }
            default: break
            }
            return
        }
        log.warning("not imported: kfn has no field for it", at: self, hint: hint)
    }
}
