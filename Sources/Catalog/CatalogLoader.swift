import Diagnostics
import Foundation
import Jsonnet

/// Evaluates a runtime catalog file and validates it. Any catalog in the Kubeless schema loads
/// unchanged: a top-level array of runtimes, keys matched case-insensitively as Kubeless's Go
/// decoder does, unknown keys ignored.
public struct CatalogLoader: Sendable {
    public var path: String
    public var importPaths: [String]
    /// Unpinned images (no `@sha256:` digest) are errors instead of warnings.
    public var strict: Bool

    public init(path: String, importPaths: [String] = [], strict: Bool = false) {
        self.path = path
        self.importPaths = importPaths
        self.strict = strict
    }

    /// The catalog and its warnings; throws `DiagnosticsError` with every problem when invalid.
    public func load() throws(DiagnosticsError) -> (Catalog, [Diagnostic]) {
        try decode(evaluate())
    }

    /// What libjsonnet makes of the catalog: its JSON text and the files it read.
    public struct Evaluated: Sendable, Equatable {
        public var text: String
        /// The catalog file and every file it imported, normalised.
        public var inputs: [String]

        public init(text: String, inputs: [String]) {
            self.text = text
            self.inputs = inputs
        }
    }

    /// Evaluates the catalog file (the slow half of `load`, which a build may reuse while the
    /// inputs are unchanged).
    public func evaluate() throws(DiagnosticsError) -> Evaluated {
        guard FileManager.default.fileExists(atPath: path) else {
            throw DiagnosticsError([.error("runtime catalog not found", at: .file(path),
                                           hint: "pass the catalog with --runtimes FILE (default runtimes/runtimes.jsonnet)")])
        }
        let vm = JsonnetVM(JsonnetConfiguration(importPaths: importPaths))
        let text: String
        do {
            text = try vm.evaluate(file: path)
        } catch {
            throw DiagnosticsError([error.diagnostic(fallback: .file(path), hint: "fix the runtime catalog; `jsonnet \(path)` shows the same error")])
        }
        return Evaluated(text: text, inputs: [PathNormalizer.normalize(path)] + vm.importedFiles.sorted())
    }

    /// Decodes and validates an evaluated catalog: the catalog and its warnings, or every problem.
    public func decode(_ evaluated: Evaluated) throws(DiagnosticsError) -> (Catalog, [Diagnostic]) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(evaluated.text)
        } catch {
            throw DiagnosticsError([.error("catalog output is not JSON: \(error)", at: .file(path))])
        }
        let inputs = evaluated.inputs
        var decoder = CatalogDecoder(file: PathNormalizer.normalize(path), sources: CatalogSources(files: inputs), strict: strict)
        let runtimes = decoder.decode(value)
        var diagnostics = decoder.diagnostics
        if !decoder.unpinned.isEmpty {
            let shown = decoder.unpinned.prefix(4).joined(separator: ", ") + (decoder.unpinned.count > 4 ? ", …" : "")
            diagnostics.append(.warning("\(decoder.unpinned.count) catalog image(s) are not pinned by digest: \(shown)", at: .file(PathNormalizer.normalize(path)),
                                        hint: "pin images as `name:tag@sha256:<digest>` so every build deploys the same bytes; --strict makes this an error"))
        }
        if diagnostics.hasErrors { throw DiagnosticsError(diagnostics) }
        return (Catalog(runtimes: runtimes, inputFiles: inputs), diagnostics)
    }
}

/// The text of the catalog's files, to point a diagnostic at the line that defines a runtime,
/// a version or a field (jsonnet's output has no positions).
struct CatalogSources {
    struct File { let path: String; let locator: SourceLocator }
    let files: [File]

    init(files paths: [String]) {
        files = paths.compactMap { p in
            (try? String(contentsOfFile: p, encoding: .utf8)).map { File(path: p, locator: SourceLocator(text: $0)) }
        }
    }

    /// The file and line of `key` inside runtime `id` (and inside `version`, when given).
    func locate(id: String?, version: String?, key: String?) -> (file: String, line: Int)? {
        guard let id else { return nil }
        for f in files {
            guard let idLine = f.locator.line(matching: { Self.defines($0, key: "ID", value: id) }) else { continue }
            var from = idLine
            if let version, let vLine = f.locator.line(matching: { Self.defines($0, key: "version", value: version) }, from: idLine - 1) {
                from = vLine
            }
            if let key, let k = f.locator.line(ofKey: key, from: from - 1) { return (f.path, k) }
            return (f.path, from)
        }
        return nil
    }

    static func defines(_ line: Substring, key: String, value: String) -> Bool {
        line.range(of: key, options: .caseInsensitive) != nil && (line.contains("'\(value)'") || line.contains("\"\(value)\""))
    }
}

extension SourceLocator {
    func line(matching predicate: (Substring) -> Bool, from start: Int = 0) -> Int? {
        var i = max(0, start)
        while i < lines.count {
            if predicate(lines[i]) { return i + 1 }
            i += 1
        }
        return nil
    }
}
