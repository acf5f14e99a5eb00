import Catalog
import Diagnostics
import Jsonnet

/// Reads typed fields out of an evaluated definition, reporting each problem at its value path
/// (and at the line where the field is written, when it can be found).
struct ValueReader {
    let file: String
    let locator: SourceLocator?
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, text: String?) {
        self.file = file
        locator = text.map(SourceLocator.init(text:))
    }

    mutating func error(_ message: String, at path: String, hint: String? = nil) {
        diagnostics.append(.error(message, at: location(path), hint: hint))
    }

    func location(_ path: String) -> Location {
        path.isEmpty ? .file(file) : .value(file: file, path: path, line: locator?.line(ofPath: path))
    }

    /// Reports keys of `object` that are not in `known`, with the closest known key as a hint.
    mutating func rejectUnknown(_ object: [String: JSONValue], known: [String], at path: String) {
        for key in object.keys.sorted() where !known.contains(key) {
            let best = known.min { editDistance($0, key) < editDistance($1, key) }
            let hint = best.flatMap { editDistance($0, key) <= 3 ? "did you mean '\($0)'?" : nil }
                ?? "known fields: \(known.joined(separator: ", "))"
            error("unknown field '\(key)'", at: "\(path).\(key)", hint: hint)
        }
    }

    mutating func string(_ o: [String: JSONValue], _ key: String, at path: String) -> String? {
        guard let v = o[key], !v.isNull else { return nil }
        guard let s = v.stringValue else {
            error("\(key) must be a string, got \(v.typeName)", at: "\(path).\(key)")
            return nil
        }
        return s
    }

    /// Integers may be written as numbers or, as Kubeless wrote timeouts, numeric strings.
    mutating func int(_ o: [String: JSONValue], _ key: String, at path: String) -> Int? {
        guard let v = o[key], !v.isNull else { return nil }
        switch v {
        case .number(let d) where d.rounded() == d && abs(d) < 1e15: return Int(d)
        case .string(let s) where Int(s) != nil: return Int(s)
        default:
            error("\(key) must be a whole number, got \(v.typeName == "a number" ? "\(v)" : v.typeName)", at: "\(path).\(key)")
            return nil
        }
    }

    mutating func bool(_ o: [String: JSONValue], _ key: String, at path: String) -> Bool? {
        guard let v = o[key], !v.isNull else { return nil }
        guard case .bool(let b) = v else {
            error("\(key) must be true or false, got \(v.typeName)", at: "\(path).\(key)")
            return nil
        }
        return b
    }

    mutating func object(_ o: [String: JSONValue], _ key: String, at path: String) -> [String: JSONValue]? {
        guard let v = o[key], !v.isNull else { return nil }
        guard let obj = v.objectValue else {
            error("\(key) must be an object, got \(v.typeName)", at: "\(path).\(key)")
            return nil
        }
        return obj
    }

    /// A list of strings; a single string is accepted as a list of one.
    mutating func strings(_ o: [String: JSONValue], _ key: String, at path: String) -> [String]? {
        guard let v = o[key], !v.isNull else { return nil }
        if let s = v.stringValue { return [s] }
        guard let a = v.arrayValue else {
            error("\(key) must be a list of strings, got \(v.typeName)", at: "\(path).\(key)")
            return nil
        }
        var out: [String] = []
        for (i, item) in a.enumerated() {
            guard let s = item.stringValue else {
                error("\(key)[\(i)] must be a string, got \(item.typeName)", at: "\(path).\(key)[\(i)]")
                continue
            }
            out.append(s)
        }
        return out
    }

    /// A map of strings (labels, annotations, resources); numbers and booleans are written as
    /// strings because that is what Kubernetes stores.
    mutating func stringMap(_ o: [String: JSONValue], _ key: String, at path: String) -> [String: String]? {
        guard let obj = object(o, key, at: path) else { return nil }
        var out: [String: String] = [:]
        for (k, v) in obj {
            switch v {
            case .string(let s): out[k] = s
            case .number(let d): out[k] = JSONWriter.formatNumber(d)
            case .bool(let b): out[k] = b ? "true" : "false"
            default: error("\(key).\(k) must be a string, got \(v.typeName)", at: "\(path).\(key).\(k)")
            }
        }
        return out
    }
}
