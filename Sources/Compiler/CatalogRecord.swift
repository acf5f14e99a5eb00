import Catalog
import Foundation
import Jsonnet

/// The runtime catalog as libjsonnet evaluated it, kept in the build cache so that a build whose
/// catalog files are unchanged skips the evaluation (four imports of the standard library, about
/// 0.15 s). Decoding and validation still run every build, so warnings print as before.
///
/// Evaluating again would give the same text when the configuration is the same, every file the
/// evaluation read has the same bytes, and every import in those files still resolves to the
/// file it did (a file added earlier on the search path would take over an import).
struct CatalogRecord: Sendable, Equatable {
    struct File: Sendable, Equatable {
        var path: String
        var hash: ContentHash
        /// The paths the file imports, as written.
        var imports: [String]
    }

    /// kfn's version, the catalog path and the library paths.
    var key: String
    var files: [File]
    var evaluated: CatalogLoader.Evaluated

    static func key(_ loader: CatalogLoader) -> String {
        (["kfn \(KfnVersion.current)", loader.path] + loader.importPaths).joined(separator: "\0")
    }

    func isCurrent(for loader: CatalogLoader, hashes: FileHashes) -> Bool {
        guard key == Self.key(loader) else { return false }
        let paths = Set(files.map(\.path))
        for f in files {
            guard hashes.hash(f.path) == f.hash else { return false }
            let base = (f.path as NSString).deletingLastPathComponent
            for i in f.imports {
                guard let target = ImportResolver.resolve(i, base: base, importPaths: loader.importPaths), paths.contains(target) else { return false }
            }
        }
        return true
    }

    /// The record of an evaluation, or nil when it cannot be vouched for: a file changed while the
    /// build ran, or has an import this scan cannot read (then the catalog is evaluated each time).
    init?(_ evaluated: CatalogLoader.Evaluated, loader: CatalogLoader, hashes: FileHashes) {
        var files: [File] = []
        for path in evaluated.inputs {
            guard let (data, hash, stable) = hashes.read(path), stable else { return nil }
            var imports: [String] = []
            guard ImportRewriter.rewrite(String(decoding: data, as: UTF8.self), { imports.append($0); return $0 }) != nil else { return nil }
            files.append(File(path: path, hash: hash, imports: imports))
        }
        self.key = Self.key(loader)
        self.files = files
        self.evaluated = evaluated
    }

    init(key: String, files: [File], evaluated: CatalogLoader.Evaluated) {
        self.key = key
        self.files = files
        self.evaluated = evaluated
    }
}
