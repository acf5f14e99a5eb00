import Catalog
import Crypto
import Diagnostics
import Dispatch
import Foundation
import Functions
import Jsonnet
import Output
import Render

/// The whole build, stage by stage: catalog → definitions → models → render → plan. Nothing is
/// written until every stage has succeeded; `apply` on the result writes it.
public struct Compiler: Sendable {
    public var options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    public struct Result: Sendable {
        public var plan: OutputPlan
        public var warnings: [Diagnostic]
        public var functions: Int
        public var objects: Int
        /// Functions rendered by this build (the others were unchanged and reused).
        public var rendered: Int
        /// Definitions evaluated by this build (the others had unchanged inputs and intact files).
        public var evaluated: Int
        /// Every evaluated function's model (all of them when `reuseDefinitions` is off).
        public var models: [FunctionModel]
        /// How long each stage took (`kfn build --timings`); `apply` adds the writing.
        public var timings: Timings
        /// Whether libjsonnet evaluated the runtime catalog (false: its cached evaluation was current).
        public var evaluatedCatalog: Bool
        /// Files this build read to hash them (the others' digests came from the cache by stat).
        public var filesRead: Int { cache.hashes.filesRead }

        /// The models as JSON (`ModelDump`), so the CLI needs no import of `Render`.
        public var modelDump: String { ModelDump.json(models) }

        var cache: CacheState
        var catalogRecord: CatalogRecord?
        var outputRecord: OutputRecord
        /// Digests of the bytes of every file in `plan.files`.
        var digests: [String: ContentHash]

        /// Writes the plan, then the build cache. The plan's bytes are released once written (a
        /// cold build holds hundreds of megabytes of YAML; the cache is saved without them).
        public mutating func apply() throws {
            try plan.apply()
            timings.mark("write \(plan.changes.count) change(s)")
            plan.files = [:]
            var written: [String: ContentHash] = [:]
            for change in plan.changes {
                if case .delete = change { continue }
                if let d = digests[change.path] { written[plan.directory + "/" + change.path] = d }
            }
            cache.save(written: written, catalog: catalogRecord, output: outputRecord)
            timings.mark("save the build cache")
        }

        /// Saves the build cache without writing the plan (`--check`, `kfn diff`).
        public func saveCache() {
            cache.save(written: [:], catalog: catalogRecord, output: outputRecord)
        }
    }

    public func build() throws(DiagnosticsError) -> Result {
        var timings = Timings()
        // Loading the cache (megabytes) and listing the function folders (thousands of stat calls)
        // are independent: one on each core.
        let loadedCache = Slots<CacheState>(count: 1), discovered = Slots<Swift.Result<[FunctionLoader.Definition], DiagnosticsError>>(count: 1)
        let options = options
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            if i == 0 {
                loadedCache[0] = CacheState(options: options)
            } else {
                discovered[0] = Swift.Result { () throws(DiagnosticsError) in try FunctionLoader.discover(in: PathNormalizer.normalize(options.functions)) }
            }
        }
        let cache = loadedCache[0]!
        timings.mark("cache and discovery")
        let catalogLoader = CatalogLoader(path: options.runtimes, importPaths: options.importPaths, strict: options.strict)
        let (catalog, catalogWarnings, catalogRecord, catalogEvaluated) = try cache.catalog(catalogLoader)
        let loader = FunctionLoader(directory: options.functions, catalog: catalog, environment: options.environment,
                                    importPaths: options.importPaths, parallelism: options.parallelism)
        timings.mark(catalogEvaluated ? "catalog" : "catalog (cached)")
        let definitions = try discovered[0]!.get()
        let outDir = options.outputDirectory
        let previousOutput = PreviousOutput.read(from: outDir, cache: cache)
        let previous = previousOutput.index
        let templatesDigest = cache.digest(DigestRecipe.tree(options.templates))

        // Definitions whose folder and shared inputs are unchanged since the index was written, and
        // whose files are intact, are not evaluated at all: that is what keeps a no-op build of
        // thousands of functions to hashing files (and, with the cache, to stat calls).
        let folders = Set(definitions.map(\.folder))
        let sharedInputs = InputDigests.shared(options: options, catalogFiles: catalog.inputFiles, templates: templatesDigest,
                                               functionFolders: folders, cache: cache)
        let folderInputs = InputDigests.folders(definitions, cache: cache, parallelism: options.parallelism)
        let unchanged: [Reuse.Function?] = if options.reuseDefinitions, let previous, previous.inputs == sharedInputs {
            Reuse.unchanged(definitions, folderDigests: folderInputs, previous: previous, in: outDir, hashes: cache.hashes,
                            parallelism: options.parallelism)
        } else {
            Array(repeating: nil, count: definitions.count)
        }
        timings.mark("input digests")
        let toLoad = definitions.indices.filter { unchanged[$0] == nil }.map { definitions[$0] }
        let loaded = try loader.load(toLoad, folders: folders)
        timings.mark("evaluate \(toLoad.count) definition(s)")
        var warnings = catalogWarnings + loaded.warnings

        let builder = ModelBuilder(catalog: catalog)
        var models: [FunctionModel] = []
        var problems = Self.duplicates(loaded.functions, reused: unchanged.compactMap { $0 })
        // On all cores: a model reads the function's files and writes its JSON, which at thousands
        // of functions took a second on one core. Results keep the definitions' order.
        let built = Slots<Swift.Result<FunctionModel, DiagnosticsError>>(count: loaded.functions.count)
        let modelWorkers = max(1, min(options.parallelism, loaded.functions.count))
        DispatchQueue.concurrentPerform(iterations: modelWorkers) { w in
            for i in stride(from: w, to: loaded.functions.count, by: modelWorkers) { built[i] = builder.build(loaded.functions[i]) }
        }
        for result in built.values {
            switch result {
            case .success(let m)?: models.append(m)
            case .failure(let e)?: problems += e.diagnostics
            case nil: break
            }
        }
        if !problems.isEmpty { throw DiagnosticsError(problems + warnings) }
        timings.mark("models")

        var index = OutputIndex(environment: options.environment, inputs: loaded.untrackedImports.isEmpty ? sharedInputs : "")
        // Files to compare with the disk or write, with their bytes and digests. The files of the
        // functions taken over from the previous index are not among them: the build has just
        // checked that they are on disk with the recorded digests.
        var files: [String: Data] = [:]
        var digests: [String: ContentHash] = [:]
        for case let reused? in unchanged { index.functions[reused.key] = reused.entry }
        let inputsByDefinition = Dictionary(zip(definitions.map(\.file), folderInputs)) { a, _ in a }
        var toRender: [(FunctionModel, String)] = []
        for model in models {
            let key = "\(model.spec.namespace)/\(model.spec.name)"
            let digest = Self.digest(model: model, templates: templatesDigest)
            if var old = previous?.functions[key], old.digest == digest, Reuse.intact(old.files, in: outDir, hashes: cache.hashes) {
                old.inputs = inputsByDefinition[model.spec.definitionFile] ?? ""
                index.functions[key] = old
            } else {
                toRender.append((model, digest))
            }
        }

        timings.mark("reuse check")
        let renderer = Renderer(templates: TemplateSet(directory: options.templates), importPaths: options.importPaths,
                                parallelism: options.parallelism)
        var rendered: [[RenderedObject]] = []
        // Nothing to render needs no jsonnet VM (checking the templates alone costs an evaluation).
        if !toRender.isEmpty {
            do {
                rendered = try renderer.render(toRender.map(\.0)).objects
            } catch {
                throw DiagnosticsError(error.diagnostics + warnings)
            }
        }
        timings.mark("render \(toRender.count) function(s)")
        let written = Self.serialize(rendered, parallelism: options.parallelism)
        for (k, (model, digest)) in toRender.enumerated() {
            var entry = OutputIndex.Entry(definition: model.spec.definitionFile, digest: digest, files: [:],
                                          inputs: inputsByDefinition[model.spec.definitionFile] ?? "")
            for file in written[k] {
                switch file {
                case .success(let f):
                    files[f.path] = f.data
                    digests[f.path] = f.hash
                    entry.files[f.path] = f.hash.hex
                case .failure(let problem):
                    problems.append(problem)
                }
            }
            index.functions["\(model.spec.namespace)/\(model.spec.name)"] = entry
        }
        if !problems.isEmpty { throw DiagnosticsError(problems + warnings) }

        timings.mark("YAML")
        let objects = index.functions.values.reduce(0) { $0 + $1.files.count }
        let (indexData, indexHash) = Self.indexFile(index, previous: previousOutput)
        let (kustomizationData, kustomizationHash) = Self.kustomizationFile(index, previous: previousOutput, indexUnchanged: indexData == nil,
                                                                              in: outDir, hashes: cache.hashes)
        for (name, data, hash) in [(OutputIndex.fileName, indexData, indexHash), (PreviousOutput.kustomization, kustomizationData, kustomizationHash)] {
            guard let data else { continue }
            files[name] = data
            digests[name] = hash
        }
        // What the cache knows of the disk by stat: identical files need no write, others no read.
        var differing: Set<String> = []
        for (path, hash) in digests {
            guard let onDisk = cache.hashes.remembered(outDir + "/" + path) else { continue }
            if onDisk == hash { files[path] = nil } else { differing.insert(path) }
        }
        let owned = Self.owned(previous: previous, index: index, files: files)
        let plan = OutputPlan.make(directory: outDir, files: files, previouslyOwned: owned, differing: differing)
        if !plan.conflicts.isEmpty { throw DiagnosticsError(plan.conflicts + warnings) }
        warnings = warnings.filter { $0.severity == .warning }
        timings.mark("index and plan")
        return Result(plan: plan, warnings: warnings, functions: models.count + unchanged.filter { $0 != nil }.count, objects: objects,
                      rendered: toRender.count, evaluated: toLoad.count, models: models, timings: timings, evaluatedCatalog: catalogEvaluated,
                      cache: cache, catalogRecord: catalogRecord,
                      outputRecord: OutputRecord(index: index, indexHash: indexHash, kustomizationHash: kustomizationHash), digests: digests)
    }

    /// The index file's bytes and digest, or nil bytes when the file on disk already has them.
    static func indexFile(_ index: OutputIndex, previous: PreviousOutput) -> (Data?, ContentHash) {
        if let onDisk = previous.indexOnDisk(equals: index) { return (nil, onDisk) }
        let data = Data(index.serialized().utf8)
        return (data, ContentHash.of(data))
    }

    /// `kustomization.yaml`'s bytes and digest, or nil bytes when the file on disk already lists
    /// exactly the files of `index` (then it need not be rendered again).
    static func kustomizationFile(_ index: OutputIndex, previous: PreviousOutput, indexUnchanged: Bool, in directory: String,
                                  hashes: FileHashes) -> (Data?, ContentHash) {
        if let onDisk = previous.kustomizationOnDisk(listing: index, sameIndex: indexUnchanged, in: directory, hashes: hashes) { return (nil, onDisk) }
        var resources: Set<String> = []
        for entry in index.functions.values { resources.formUnion(entry.files.keys) }
        let data = Data(kustomization(resources.sorted()).utf8)
        return (data, ContentHash.of(data))
    }

    /// What the previous index owned that this build may replace or delete: its files that are to
    /// be written now or are no longer produced. (Files of unchanged functions are neither.)
    static func owned(previous: OutputIndex?, index: OutputIndex, files: [String: Data]) -> Set<String> {
        guard let previous else { return [] }
        var owned: Set<String> = [], gone: [String] = []
        for (key, entry) in previous.functions {
            let now = index.functions[key]?.files
            for path in entry.files.keys {
                if files[path] != nil { owned.insert(path) } else if now?[path] == nil { gone.append(path) }
            }
        }
        if !gone.isEmpty {
            // A path may have moved to another function's entry; only what no entry holds is gone.
            var produced: Set<String> = []
            for entry in index.functions.values { produced.formUnion(entry.files.keys) }
            owned.formUnion(gone.filter { !produced.contains($0) })
        }
        for name in [PreviousOutput.kustomization, OutputIndex.fileName] where files[name] != nil { owned.insert(name) }
        return owned
    }

    struct WrittenFile: Sendable {
        var path: String
        var data: Data
        var hash: ContentHash
    }

    /// Each object as its YAML file and digest, per function, on all cores: emitting YAML is the
    /// largest part of a build after jsonnet, and functions are independent.
    static func serialize(_ objects: [[RenderedObject]], parallelism: Int) -> [[Swift.Result<WrittenFile, Diagnostic>]] {
        let out = Slots<[Swift.Result<WrittenFile, Diagnostic>]>(count: objects.count)
        let workers = max(1, min(parallelism, objects.count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for i in stride(from: w, to: objects.count, by: workers) {
                out[i] = objects[i].map { object in
                    do {
                        let data = Data(try YAMLWriter.bytes(object.value, header: OutputHeader.text(source: object.definitionFile)))
                        return .success(WrittenFile(path: object.path, data: data, hash: ContentHash.of(data)))
                    } catch {
                        return .failure(.error("cannot write \(object.kind) \(object.name) as YAML: \(error)", at: .file(object.definitionFile)))
                    }
                }
            }
        }
        return out.values.map { $0 ?? [] }
    }

    static func kustomization(_ resources: [String]) -> String {
        let value: JSONValue = [
            "apiVersion": "kustomize.config.k8s.io/v1beta1",
            "kind": "Kustomization",
            "resources": .array(resources.map(JSONValue.string)),
        ]
        return (try? YAMLWriter.document(value, header: OutputHeader.text(source: "the function definitions"))) ?? ""
    }

    /// A name that an evaluated definition takes while an unchanged one holds it: the check the
    /// loader makes among the definitions it evaluated, extended to those it did not.
    static func duplicates(_ specs: [FunctionSpec], reused: [Reuse.Function]) -> [Diagnostic] {
        let owners = Dictionary(reused.map { ($0.key, $0.entry.definition) }) { a, _ in a }
        var problems: [Diagnostic] = []
        for f in specs {
            let key = f.namespace + "/" + f.name
            guard let other = owners[key], other != f.definitionFile else { continue }
            let pair = [(other as NSString).deletingLastPathComponent, f.folder].sorted()
            let later = pair[1] == f.folder ? f.definitionFile : other
            problems.append(.error("function \(key) is defined twice, in \(pair[0]) and \(pair[1])", at: .value(file: later, path: ".name", line: nil),
                                   hint: "function names must be unique within a namespace; rename one of them"))
        }
        return problems
    }

    static func digest(model: FunctionModel, templates: String) -> String {
        var text = "kfn \(KfnVersion.current)\n\(templates)\n"
        text += model.templates.map { "\($0.template)(\($0.argument ?? ""))" }.joined(separator: ",")
        text += "\n"
        text += model.json
        return FileTree.sha256(Data(text.utf8))
    }
}
