import Dispatch
import Foundation
import Functions
import Jsonnet

/// Content digests of a build's inputs, recorded in the index so that the next build can skip the
/// evaluation of definitions whose inputs did not change. Only contents and paths go in (no
/// mtimes), so the index stays a pure function of the inputs and the same in every checkout.
enum InputDigests {
    /// Folder digests of all definitions (every file's path and bytes), in parallel: hashing is
    /// I/O and CPU bound in equal parts.
    static func folders(_ definitions: [FunctionLoader.Definition], cache: CacheState, parallelism: Int) -> [String] {
        let out = Slots<String>(count: definitions.count)
        let workers = max(1, min(parallelism, definitions.count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for i in stride(from: w, to: definitions.count, by: workers) {
                out[i] = cache.digest(DigestRecipe.tree(definitions[i].folder))
            }
        }
        return out.values.map { $0 ?? "" }
    }

    /// Everything besides its own folder that a function's output can depend on: kfn's version,
    /// the environment, the library paths, the catalog's files, the templates, and every file in
    /// the shared places a definition may import from (the functions folder outside function
    /// folders, each library path). A change to any of them re-evaluates every definition.
    static func shared(options: BuildOptions, catalogFiles: [String], templates: String, functionFolders: Set<String>,
                       cache: CacheState) -> String {
        var recipe = DigestRecipe()
        recipe.add("kfn \(KfnVersion.current)\nenv \(options.environment)\ntemplates \(templates)\n")
        recipe.add("jpath " + options.importPaths.joined(separator: "\0") + "\ncatalog\n")
        recipe.add(files: catalogFiles.sorted(), in: "")
        let functions = PathNormalizer.normalize(options.functions)
        let names = Set(functionFolders.map { $0.split(separator: "/").last.map(String.init) ?? $0 })
        recipe.add("functions\n")
        recipe.add(files: FileTree.files(under: functions, skipping: names), in: functions)
        for library in options.importPaths {
            recipe.add("library \(library)\n")
            recipe.add(files: FileTree.files(under: library), in: library)
        }
        return cache.digest(recipe)
    }
}

/// Results written by parallel workers, one slot each; the lock is held only to store.
final class Slots<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [T?]

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(i: Int) -> T? {
        get { lock.lock(); defer { lock.unlock() }; return storage[i] }
        set { lock.lock(); defer { lock.unlock() }; storage[i] = newValue }
    }

    var values: [T?] { lock.lock(); defer { lock.unlock() }; return storage }
}
