import Crypto
import Diagnostics
import Foundation
import Functions
import Jsonnet

/// The files a function ships in its ConfigMap: the module, the extra files and the dependency
/// file, with their bytes and digests. Keys are ConfigMap keys; `path` is where the file lands
/// under /kubeless.
public struct SourceBundle: Sendable {
    public struct File: Sendable {
        public var key: String
        public var path: String
        public var data: Data
        public var sha256: String
        public var isText: Bool
    }

    public var files: [File]
    /// The dependency file, when the function has one.
    public var deps: File?
    /// One digest over every file (paths and bytes): changes whenever anything shipped changes.
    public var digest: String

    /// The ConfigMap stores at most 1 MiB in all (etcd's object limit).
    public static let configMapLimit = 1_048_576

    public static func read(_ spec: FunctionSpec, moduleFile: String?) -> Result<SourceBundle, DiagnosticsError> {
        var paths: [String] = []
        if let m = moduleFile { paths.append(m) }
        paths += spec.files.filter { $0 != moduleFile && $0 != spec.deps }
        var files: [File] = []
        var problems: [Diagnostic] = []
        var keys: [String: String] = [:]
        func load(_ rel: String) -> File? {
            guard let data = FileManager.default.contents(atPath: spec.folder + "/" + rel) else {
                problems.append(.error("cannot read \(spec.folder)/\(rel)", at: .file(spec.folder + "/" + rel)))
                return nil
            }
            // ConfigMap keys cannot hold '/': nested files get '__' and a volume item maps them back.
            let key = rel.replacingOccurrences(of: "/", with: "__")
            if let other = keys[key] {
                problems.append(.error("\(rel) and \(other) map to the same ConfigMap key '\(key)'", at: .value(file: spec.definitionFile, path: ".files", line: nil),
                                       hint: "rename one of them"))
            }
            keys[key] = rel
            if !KubernetesNames.isConfigMapKey(key) {
                problems.append(.error("file name '\(rel)' cannot be stored in a ConfigMap", at: .value(file: spec.definitionFile, path: ".files", line: nil),
                                       hint: "use letters, digits, '-', '_' and '.' in file names"))
            }
            let digest = Hex.string(SHA256.hash(data: data))
            return File(key: key, path: rel, data: data, sha256: digest, isText: String(data: data, encoding: .utf8) != nil)
        }
        for p in paths { if let f = load(p) { files.append(f) } }
        let deps = spec.deps.flatMap(load)
        let total = (files + (deps.map { [$0] } ?? [])).reduce(0) { $0 + $1.data.count + $1.key.utf8.count }
        if total > configMapLimit {
            let biggest = files.max { $0.data.count < $1.data.count }
            problems.append(.error("the sources of \(spec.name) take \(total) bytes; a ConfigMap holds at most 1 MiB", at: .file(spec.folder),
                                   hint: "ship large files in a custom image (`image:`)" + (biggest.map { "; the largest is \($0.path) (\($0.data.count) bytes)" } ?? "")))
        }
        if !problems.isEmpty { return .failure(DiagnosticsError(problems)) }
        var hasher = SHA256()
        for f in files + (deps.map { [$0] } ?? []) {
            hasher.update(data: Data(f.path.utf8))
            hasher.update(data: Data([0]))
            hasher.update(data: Data(f.sha256.utf8))
        }
        let digest = Hex.string(hasher.finalize())
        return .success(SourceBundle(files: files, deps: deps, digest: digest))
    }
}
