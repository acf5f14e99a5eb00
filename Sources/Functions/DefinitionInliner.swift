import Foundation
import Jsonnet

/// Turns a definition file into an expression of the batch program (see `ImportRewriter` for why):
/// its text in parentheses, each import rewritten to the file it resolves to from the
/// definition's folder, written relative to the batch program's folder `<functions>/.kfn/`.
struct DefinitionInliner {
    var directory: String
    /// The library paths definitions see (the functions folder first).
    var importPaths: [String]

    struct Inlined {
        var expression: String
        /// The imports the definition itself makes, attributed to its folder.
        var imports: Set<JsonnetImport>
    }

    init(directory: String, importPaths: [String]) {
        self.directory = PathNormalizer.normalize(directory)
        self.importPaths = importPaths
    }

    /// nil when the definition is better imported: unreadable, an import that does not resolve
    /// (libjsonnet reports it), or one the rewriter cannot handle.
    func inline(_ d: FunctionLoader.Definition) -> Inlined? {
        guard let data = FileManager.default.contents(atPath: d.file), let text = String(data: data, encoding: .utf8) else { return nil }
        let folder = PathNormalizer.normalize(d.folder)
        var imports: Set<JsonnetImport> = []
        let rewritten = ImportRewriter.rewrite(text) { rel in
            guard let path = ImportResolver.resolve(rel, base: folder, importPaths: importPaths) else { return nil }
            imports.insert(JsonnetImport(from: folder, file: path))
            return literal(for: path)
        }
        guard let rewritten else { return nil }
        return Inlined(expression: "(\n" + rewritten + "\n)", imports: imports)
    }

    /// How the batch program, in `<functions>/.kfn/`, names the normalised path `path`.
    func literal(for path: String) -> String? {
        if let rel = PathNormalizer.relative(path, to: directory) { return directory == "." && rel.isEmpty ? nil : "../" + rel }
        if path.hasPrefix("/") { return path }
        // A relative path outside the functions folder: climb out of it, when its name allows.
        guard !directory.hasPrefix("/"), !directory.split(separator: "/").contains("..") else { return nil }
        let depth = directory == "." ? 1 : directory.split(separator: "/").count + 1
        return String(repeating: "../", count: depth) + path
    }
}
