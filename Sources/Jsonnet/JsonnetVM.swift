internal import CJsonnet
import Foundation

/// A libjsonnet virtual machine. Not thread-safe: one per thread (the batch evaluator makes one per
/// chunk). Every `char*` libjsonnet returns is copied into a Swift string and released with
/// `jsonnet_realloc(vm, p, 0)` right after the call.
public final class JsonnetVM {
    private let vm: OpaquePointer
    private let importer: Importer

    public init(_ configuration: JsonnetConfiguration) {
        vm = jsonnet_make()
        importer = Importer(vm: vm, importPaths: configuration.importPaths)
        jsonnet_max_stack(vm, 2000)
        jsonnet_import_callback(vm, importCallback, Unmanaged.passUnretained(importer).toOpaque())
        for (k, v) in configuration.extVars.sorted(by: { $0.key < $1.key }) { jsonnet_ext_var(vm, k, v) }
        for (k, v) in configuration.extCode.sorted(by: { $0.key < $1.key }) { jsonnet_ext_code(vm, k, v) }
    }

    deinit {
        jsonnet_destroy(vm)
    }

    /// Every file this VM imported so far (normalised, relative to the working directory when the
    /// import was relative), with `import`, `importstr` and `importbin` alike.
    public var importedFiles: Set<String> { importer.imported }

    /// Every import this VM resolved, with the folder of the importing file: what lets a build
    /// tell imports a function makes of its own files from imports of shared or foreign ones.
    public var imports: Set<JsonnetImport> { importer.edges }

    /// Evaluates a file and returns its JSON text.
    public func evaluate(file path: String) throws(JsonnetError) -> String {
        var error: Int32 = 0
        guard let out = jsonnet_evaluate_file(vm, path, &error) else {
            throw JsonnetError(message: "libjsonnet returned no output for \(path)")
        }
        defer { _ = jsonnet_realloc(vm, out, 0) }
        let text = String(cString: out)
        if error != 0 { throw JsonnetError(message: text) }
        return text
    }

    /// Evaluates `code` as if it were the file `filename` (imports resolve next to it).
    public func evaluate(snippet code: String, filename: String) throws(JsonnetError) -> String {
        var error: Int32 = 0
        guard let out = jsonnet_evaluate_snippet(vm, filename, code, &error) else {
            throw JsonnetError(message: "libjsonnet returned no output for \(filename)")
        }
        defer { _ = jsonnet_realloc(vm, out, 0) }
        let text = String(cString: out)
        if error != 0 { throw JsonnetError(message: text) }
        return text
    }

    public static var version: String { String(cString: jsonnet_version()) }
}

/// One resolved import: `file` (normalised) was imported by a file in folder `from` (normalised;
/// for a snippet, the folder of the name it was evaluated as).
public struct JsonnetImport: Sendable, Hashable {
    public var from: String
    public var file: String

    public init(from: String, file: String) {
        self.from = from
        self.file = file
    }
}

/// Where an import points: next to the importing file, then each library path; the first file
/// that exists wins. Shared by the VM's import callback and by code that resolves imports ahead of
/// evaluation (`ImportRewriter` users), so both agree.
public enum ImportResolver {
    /// Normalised candidate paths for importing `rel` from a file in folder `base`.
    public static func candidates(_ rel: String, base: String, importPaths: [String]) -> [String] {
        if rel.hasPrefix("/") { return [PathNormalizer.normalize(rel)] }
        let dir = base.isEmpty || base.hasSuffix("/") ? base : base + "/"
        return ([dir + rel] + importPaths.map { $0.hasSuffix("/") ? $0 + rel : $0 + "/" + rel }).map(PathNormalizer.normalize)
    }

    /// The file the import resolves to, or nil when there is none.
    public static func resolve(_ rel: String, base: String, importPaths: [String]) -> String? {
        candidates(rel, base: base, importPaths: importPaths).first { path in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && !isDir.boolValue
        }
    }
}

/// What a VM is set up with: library paths (`-J`), ext vars (`-V`) and ext code (`--ext-code`).
public struct JsonnetConfiguration: Sendable, Hashable {
    public var importPaths: [String]
    public var extVars: [String: String]
    public var extCode: [String: String]

    public init(importPaths: [String] = [], extVars: [String: String] = [:], extCode: [String: String] = [:]) {
        self.importPaths = importPaths
        self.extVars = extVars
        self.extCode = extCode
    }
}

/// Resolves imports the way libjsonnet's default callback does (next to the importing file, then
/// each library path), and records what was imported so the build knows which files a function
/// depends on.
private final class Importer {
    let vm: OpaquePointer
    let importPaths: [String]
    var imported: Set<String> = []
    var edges: Set<JsonnetImport> = []

    init(vm: OpaquePointer, importPaths: [String]) {
        self.vm = vm
        self.importPaths = importPaths
    }

    func resolve(base: String, rel: String) -> (path: String, content: Data)? {
        for path in ImportResolver.candidates(rel, base: base, importPaths: importPaths) {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
                  let data = FileManager.default.contents(atPath: path) else { continue }
            imported.insert(path)
            edges.insert(JsonnetImport(from: PathNormalizer.normalize(base), file: path))
            return (path, data)
        }
        return nil
    }

    /// Copies `bytes` into a buffer owned by libjsonnet, NUL-terminated.
    func buffer(_ bytes: some Collection<UInt8>) -> UnsafeMutablePointer<CChar> {
        let p = jsonnet_realloc(vm, nil, bytes.count + 1)!
        p.withMemoryRebound(to: UInt8.self, capacity: bytes.count + 1) { dst in
            var k = 0
            for b in bytes { dst[k] = b; k += 1 }
            dst[k] = 0
        }
        return p
    }
}

private func importCallback(
    ctx: UnsafeMutableRawPointer?, base: UnsafePointer<CChar>?, rel: UnsafePointer<CChar>?,
    foundHere: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, success: UnsafeMutablePointer<Int32>?
) -> UnsafeMutablePointer<CChar>? {
    let importer = Unmanaged<Importer>.fromOpaque(ctx!).takeUnretainedValue()
    let baseDir = base.map { String(cString: $0) } ?? ""
    let relPath = rel.map { String(cString: $0) } ?? ""
    guard let (path, content) = importer.resolve(base: baseDir, rel: relPath) else {
        success?.pointee = 0
        return importer.buffer(Array("no match next to the importing file or in the library paths".utf8))
    }
    // libjsonnet's C API takes file content as a NUL-terminated string; a NUL inside (binary files
    // through importbin) would truncate, which kfn never asks for.
    foundHere?.pointee = importer.buffer(Array(path.utf8))
    success?.pointee = 1
    return importer.buffer(content)
}
