import Crypto
import Dispatch
import Foundation
import Functions
import Jsonnet

/// Content digests of a build's inputs, recorded in the index so that the next build can skip the
/// evaluation of definitions whose inputs did not change. Only contents and paths go in (no
/// mtimes), so the index stays a pure function of the inputs and the same in every checkout.
enum InputDigests {
    /// One digest over one function folder: every file's path and bytes.
    static func folder(_ folder: String) -> String {
        var hasher = SHA256()
        FileTree.digest(FileTree.files(under: folder), in: folder, into: &hasher)
        return Hex.string(hasher.finalize())
    }

    /// Folder digests of all definitions, in parallel (hashing is I/O and CPU bound in equal parts).
    static func folders(_ definitions: [FunctionLoader.Definition], parallelism: Int) -> [String] {
        let out = Slots<String>(count: definitions.count)
        let workers = max(1, min(parallelism, definitions.count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for i in stride(from: w, to: definitions.count, by: workers) { out[i] = folder(definitions[i].folder) }
        }
        return out.values.map { $0 ?? "" }
    }

    /// Everything besides its own folder that a function's output can depend on: kfn's version,
    /// the environment, the library paths, the catalog's files, the templates, and every file in
    /// the shared places a definition may import from (the functions folder outside function
    /// folders, each library path). A change to any of them re-evaluates every definition.
    static func shared(options: BuildOptions, catalogFiles: [String], templates: String, functionFolders: Set<String>) -> String {
        var hasher = SHA256()
        hasher.update(data: Array("kfn \(KfnVersion.current)\nenv \(options.environment)\ntemplates \(templates)\n".utf8))
        hasher.update(data: Array(("jpath " + options.importPaths.joined(separator: "\0") + "\ncatalog\n").utf8))
        FileTree.digest(catalogFiles.sorted(), in: "", into: &hasher)
        let functions = PathNormalizer.normalize(options.functions)
        let names = Set(functionFolders.map { ($0 as NSString).lastPathComponent })
        let sharedFiles = FileTree.files(under: functions, skipping: names)
        hasher.update(data: Array("functions\n".utf8))
        FileTree.digest(sharedFiles, in: functions, into: &hasher)
        for library in options.importPaths {
            hasher.update(data: Array("library \(library)\n".utf8))
            FileTree.digest(FileTree.files(under: library), in: library, into: &hasher)
        }
        return Hex.string(hasher.finalize())
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
