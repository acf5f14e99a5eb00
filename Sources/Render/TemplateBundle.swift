import Foundation
import Jsonnet

/// The templates in use and every file they import, inlined into one jsonnet prelude.
///
/// libjsonnet 0.18 lexes, parses and desugars its standard library again for every file it
/// imports (see `ImportRewriter`), and caches imports per importing folder: the shipped templates
/// and their libraries cost ten such files, about 0.2 s, in every render VM and again in the
/// template check. Inlined, each file becomes one local of the prelude and its imports references
/// to those locals, so a VM parses the standard library once.
///
/// Every file becomes `__kfn_file_<n>`; the templates are then bound to their usual names
/// (`configmap`, `kafka_consumer`, …) in a second `local`, so template code cannot see those names.
/// Inside an inlined file `std.thisFile` names the render program, not the file. Errors do not
/// point into the files either, so the renderer evaluates a failing unit again with `imports`.
struct TemplateBundle {
    /// `local __kfn_file_0 = (…), …; local configmap = __kfn_file_0, …;`
    var prelude: String
    /// Every file inlined (also through `importstr`), normalised.
    var files: [String]

    /// nil when a file cannot be read as UTF-8, an import does not resolve, or the rewriter
    /// cannot handle one (`importbin`, unusual literals): the renderer then imports the templates.
    static func make(_ templates: TemplateSet, names: [String], importPaths: [String]) -> TemplateBundle? {
        var ids: [String: Int] = [:]
        var files: [String] = []
        var bodies: [String] = []
        var pending: [Int] = []
        var strings: Set<String> = []
        func id(for path: String) -> Int {
            if let known = ids[path] { return known }
            ids[path] = files.count
            files.append(path)
            bodies.append("")
            pending.append(files.count - 1)
            return files.count - 1
        }
        let roots = names.map { id(for: PathNormalizer.normalize(templates.file($0))) }
        let libraries = [templates.directory] + importPaths
        while let n = pending.popLast() {
            guard let text = read(files[n]) else { return nil }
            let folder = (files[n] as NSString).deletingLastPathComponent
            let inlined = ImportRewriter.replaceImports(text) { kind, rel in
                guard let target = ImportResolver.resolve(rel, base: folder, importPaths: libraries) else { return nil }
                switch kind {
                case .import: return "__kfn_file_\(id(for: target))"
                case .importstr:
                    strings.insert(target)
                    return read(target).map(JSONWriter.quoted)
                case .importbin: return nil
                }
            }
            guard let inlined else { return nil }
            bodies[n] = "(\n" + inlined + "\n)"
        }
        var prelude = "local " + bodies.enumerated().map { "__kfn_file_\($0.offset) = \($0.element)" }.joined(separator: ",\n") + ";\n"
        prelude += "local " + zip(names, roots).map { "\(TemplateSet.local($0)) = __kfn_file_\($1)" }.joined(separator: ", ") + ";\n"
        return TemplateBundle(prelude: prelude, files: files + strings.subtracting(files).sorted())
    }

    private static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
    }
}
