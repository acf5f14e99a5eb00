import Foundation
import Jsonnet

/// `out/.kfn-index.json`: which function owns which file, with digests. It is what makes pruning
/// safe (only files the index owns are ever deleted) and builds incremental (a function whose
/// input digest and files are unchanged is not rendered again). Committed with `out/`.
public struct OutputIndex: Sendable, Equatable {
    public static let fileName = ".kfn-index.json"

    public struct Entry: Sendable, Equatable {
        public var definition: String
        /// Digest of the function's model, the templates and the kfn version.
        public var digest: String
        /// Path (relative to the output folder) → sha256 of the file's bytes.
        public var files: [String: String]
        /// Digest of every file in the function's folder (paths and bytes): with the index's
        /// `inputs` unchanged too, the definition need not even be evaluated again.
        public var inputs: String

        public init(definition: String, digest: String, files: [String: String], inputs: String = "") {
            self.definition = definition
            self.digest = digest
            self.files = files
            self.inputs = inputs
        }
    }

    public var environment: String
    /// Digest of the inputs all functions share (catalog, templates, shared imports, kfn version,
    /// environment); empty when definitions import files a build cannot attribute, which turns
    /// off skipping evaluation.
    public var inputs: String
    /// `namespace/name` → entry.
    public var functions: [String: Entry]

    public init(environment: String = "", inputs: String = "", functions: [String: Entry] = [:]) {
        self.environment = environment
        self.inputs = inputs
        self.functions = functions
    }

    public var ownedFiles: [String: String] {
        var all: [String: String] = [:]
        for e in functions.values { all.merge(e.files) { a, _ in a } }
        return all
    }

    public static func read(from directory: String) -> OutputIndex? {
        guard let data = FileManager.default.contents(atPath: directory + "/" + fileName),
              let value = try? JSONParser.parse(String(decoding: data, as: UTF8.self)),
              let fns = value["functions"]?.objectValue else { return nil }
        var index = OutputIndex(environment: value["environment"]?.stringValue ?? "", inputs: value["inputs"]?.stringValue ?? "")
        for (key, v) in fns {
            index.functions[key] = Entry(
                definition: v["definition"]?.stringValue ?? "",
                digest: v["digest"]?.stringValue ?? "",
                files: (v["files"]?.objectValue ?? [:]).compactMapValues(\.stringValue),
                inputs: v["inputs"]?.stringValue ?? "")
        }
        return index
    }

    /// One function per block, sorted, so a change shows as a small diff in review.
    public func serialized() -> String {
        // Written as bytes: at thousands of functions the index is megabytes, and appending to a
        // String piece by piece cost several times more.
        var out: [UInt8] = []
        out.reserveCapacity(256 + functions.values.reduce(0) { $0 + 256 + $1.files.count * 128 })
        func text(_ s: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }
        func string(_ s: String) {
            if s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
                out.append(contentsOf: JSONWriter.quoted(s).utf8)
            } else {
                out.append(0x22)
                out.append(contentsOf: s.utf8)
                out.append(0x22)
            }
        }
        text("{\n  \"generator\": \"kfn\",\n  \"environment\": ")
        string(environment)
        text(",\n  \"inputs\": ")
        string(inputs)
        text(",\n  \"functions\": {")
        for (k, key) in functions.keys.sorted().enumerated() {
            let e = functions[key]!
            text(k == 0 ? "\n    " : ",\n    ")
            string(key)
            text(": {\n      \"definition\": ")
            string(e.definition)
            text(",\n      \"digest\": ")
            string(e.digest)
            text(",\n      \"inputs\": ")
            string(e.inputs)
            text(",\n      \"files\": {")
            for (j, path) in e.files.keys.sorted().enumerated() {
                text(j == 0 ? "\n        " : ",\n        ")
                string(path)
                text(": ")
                string(e.files[path]!)
            }
            text(e.files.isEmpty ? "}\n    }" : "\n      }\n    }")
        }
        text(functions.isEmpty ? "}\n}\n" : "\n  }\n}\n")
        return String(decoding: out, as: UTF8.self)
    }
}
