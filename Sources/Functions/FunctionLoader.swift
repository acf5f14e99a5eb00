import Catalog
import Diagnostics
import Foundation
import Jsonnet

/// Finds `functions/<name>/function.jsonnet` (or `function.json`), evaluates every definition in
/// batches and validates them.
public struct FunctionLoader: Sendable {
    public static let definitionNames = ["function.jsonnet", "function.json"]

    public var directory: String
    public var catalog: Catalog
    /// The build's environment, passed to definitions as `std.extVar('env')` ('' when none).
    public var environment: String
    public var importPaths: [String]
    public var parallelism: Int

    public init(directory: String, catalog: Catalog, environment: String = "", importPaths: [String] = [],
                parallelism: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.directory = PathNormalizer.normalize(directory)
        self.catalog = catalog
        self.environment = environment
        self.importPaths = importPaths
        self.parallelism = parallelism
    }

    /// A definition found on disk, before evaluation.
    public struct Definition: Sendable, Hashable {
        public var folder: String
        public var file: String
    }

    public struct Loaded: Sendable {
        public var functions: [FunctionSpec]
        public var warnings: [Diagnostic]
        /// Files imported from outside function folders (shared libraries): a change to one of them
        /// can change any function.
        public var sharedImports: [String]
        /// Imported files that neither the importing function's folder nor the shared places
        /// (the functions folder outside function folders, the library paths) hold: another
        /// function's files, or files elsewhere. A build cannot tell which functions depend on
        /// them without evaluating all, so it must not skip the evaluation of unchanged ones.
        public var untrackedImports: [String]
    }

    /// Function folders in name order. Folders without a definition (`lib/`) and hidden ones are skipped.
    public func discover() throws(DiagnosticsError) -> [Definition] {
        try Self.discover(in: directory)
    }

    /// `discover()` for a functions folder (normalised), before the catalog is known: the build
    /// lists the folders while it loads its cache.
    public static func discover(in directory: String) throws(DiagnosticsError) -> [Definition] {
        guard kind(of: directory) == S_IFDIR else {
            throw DiagnosticsError([.error("functions folder not found", at: .file(directory),
                                           hint: "create it, or pass another with --functions DIR")])
        }
        var result: [Definition] = []
        var problems: [Diagnostic] = []
        for entry in folderNames(in: directory) {
            let folder = directory == "." ? entry : directory + "/" + entry
            let present = definitionNames.filter { kind(of: folder + "/" + $0) != nil }
            if present.count > 1 {
                problems.append(.error("\(folder) has both \(present.joined(separator: " and "))", at: .file(folder),
                                       hint: "keep one definition per function folder"))
            }
            if let name = present.first { result.append(Definition(folder: folder, file: folder + "/" + name)) }
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        return result
    }

    /// The folders (symbolic links followed) directly in `directory`, hidden (`.x`) and skipped
    /// (`_x`) ones left out, in name order. readdir's entry types spare a stat per folder: at
    /// thousands of functions FileManager's listing and existence checks cost more than the rest
    /// of a build that has nothing to do.
    static func folderNames(in directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard !name.hasPrefix("."), !name.hasPrefix("_") else { continue }
            var isFolder = entry.pointee.d_type == 4  // DT_DIR
            if entry.pointee.d_type == 0 || entry.pointee.d_type == 10 {  // DT_UNKNOWN, DT_LNK
                var st = stat()
                isFolder = fstatat(dirfd(dir), name, &st, 0) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
            }
            if isFolder { names.append(name) }
        }
        return names.sorted()
    }

    /// The file type bits of what `path` names (symbolic links followed), or nil when nothing is there.
    static func kind(of path: String) -> mode_t? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return st.st_mode & S_IFMT
    }

    /// Evaluates and validates `definitions`. `folders` are all function folders of the project
    /// (default: those of `definitions`), needed to classify imports when only some are loaded.
    public func load(_ definitions: [Definition], folders: Set<String>? = nil) throws(DiagnosticsError) -> Loaded {
        // An incremental build with nothing to evaluate: no VM, and no classifier over every folder.
        if definitions.isEmpty { return Loaded(functions: [], warnings: [], sharedImports: [], untrackedImports: []) }
        // The batch program sits in a folder that never exists, so that its own imports (the
        // rewritten ones of inlined definitions) are told apart from those of real files.
        let entryFolder = directory == "." ? ".kfn" : directory + "/.kfn"
        let entry = entryFolder + "/functions.jsonnet"
        let evaluator = BatchEvaluator(
            configuration: JsonnetConfiguration(importPaths: [directory] + importPaths, extVars: ["env": environment]),
            entryFile: entry, parallelism: parallelism)
        let inliner = DefinitionInliner(directory: directory, importPaths: [directory] + importPaths)
        var inlinedImports: Set<JsonnetImport> = []
        let units = definitions.map { d in
            let load = "import " + JSONWriter.quoted(inliner.literal(for: PathNormalizer.normalize(d.file)) ?? d.file)
            guard let inlined = inliner.inline(d) else { return BatchEvaluator.Unit(load) }
            inlinedImports.formUnion(inlined.imports)
            return BatchEvaluator.Unit(inlined.expression, alone: load)
        }
        let output = evaluator.evaluate(units)
        var diagnostics: [Diagnostic] = []
        var functions: [FunctionSpec] = []
        for (d, result) in zip(definitions, output.results) {
            switch result {
            case .failure(let error):
                diagnostics.append(error.diagnostic(hiding: [entry], fallback: .file(d.file)))
            case .success(let value):
                var decoder = FunctionDecoder(folder: d.folder, definitionFile: d.file, catalog: catalog)
                let spec = decoder.decode(value)
                diagnostics += decoder.diagnostics
                if let spec { functions.append(spec) }
            }
        }
        // Namespace/name must be unique: both would write the same objects.
        var seen: [String: FunctionSpec] = [:]
        for f in functions {
            let key = f.namespace + "/" + f.name
            if let first = seen[key] {
                diagnostics.append(.error("function \(key) is defined twice, in \(first.folder) and \(f.folder)", at: .value(file: f.definitionFile, path: ".name", line: nil),
                                          hint: "function names must be unique within a namespace; rename one of them"))
            } else {
                seen[key] = f
            }
        }
        if diagnostics.hasErrors { throw DiagnosticsError(diagnostics) }
        let classifier = ImportClassifier(directory: directory, folders: folders ?? Set(definitions.map(\.folder)),
                                          libraries: importPaths)
        let shared = output.importedFiles.filter { classifier.folder(of: $0) == nil }
        let imports = output.imports.filter { $0.from != entryFolder }.union(inlinedImports)
        let untracked = Set(imports.filter { !classifier.isTracked($0) }.map(\.file))
        return Loaded(functions: functions, warnings: diagnostics, sharedImports: shared.sorted(), untrackedImports: untracked.sorted())
    }

}
