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

        /// The models as JSON (`ModelDump`), so the CLI needs no import of `Render`.
        public var modelDump: String { ModelDump.json(models) }
    }

    public func build() throws(DiagnosticsError) -> Result {
        let (catalog, catalogWarnings) = try CatalogLoader(path: options.runtimes, importPaths: options.importPaths, strict: options.strict).load()
        let loader = FunctionLoader(directory: options.functions, catalog: catalog, environment: options.environment,
                                    importPaths: options.importPaths, parallelism: options.parallelism)
        let definitions = try loader.discover()
        let outDir = options.outputDirectory
        let previous = OutputIndex.read(from: outDir)
        let templatesDigest = Self.digest(ofTree: options.templates)

        // Definitions whose folder and shared inputs are unchanged since the index was written, and
        // whose files are intact, are not evaluated at all: that is what keeps a no-op build of
        // thousands of functions to hashing files.
        let folders = Set(definitions.map(\.folder))
        let sharedInputs = InputDigests.shared(options: options, catalogFiles: catalog.inputFiles, templates: templatesDigest,
                                               functionFolders: folders)
        let folderInputs = InputDigests.folders(definitions, parallelism: options.parallelism)
        let unchanged: [Reuse.Function?] = if options.reuseDefinitions, let previous, previous.inputs == sharedInputs {
            Reuse.unchanged(definitions, folderDigests: folderInputs, previous: previous, in: outDir, parallelism: options.parallelism)
        } else {
            Array(repeating: nil, count: definitions.count)
        }
        let toLoad = definitions.indices.filter { unchanged[$0] == nil }.map { definitions[$0] }
        let loaded = try loader.load(toLoad, folders: folders)
        var warnings = catalogWarnings + loaded.warnings

        let builder = ModelBuilder(catalog: catalog)
        var models: [FunctionModel] = []
        var problems = Self.duplicates(loaded.functions, reused: unchanged.compactMap { $0 })
        for spec in loaded.functions {
            switch builder.build(spec) {
            case .success(let m): models.append(m)
            case .failure(let e): problems += e.diagnostics
            }
        }
        if !problems.isEmpty { throw DiagnosticsError(problems + warnings) }

        var index = OutputIndex(environment: options.environment, inputs: loaded.untrackedImports.isEmpty ? sharedInputs : "")
        var files: [String: Data] = [:]
        var verified: Set<String> = []
        for case let reused? in unchanged {
            files.merge(reused.files) { a, _ in a }
            verified.formUnion(reused.files.keys)
            index.functions[reused.key] = reused.entry
        }
        let inputsByDefinition = Dictionary(zip(definitions.map(\.file), folderInputs)) { a, _ in a }
        var toRender: [(FunctionModel, String)] = []
        for model in models {
            let key = "\(model.spec.namespace)/\(model.spec.name)"
            let digest = Self.digest(model: model, templates: templatesDigest)
            if var old = previous?.functions[key], old.digest == digest, let reused = Reuse.files(old.files, in: outDir) {
                files.merge(reused) { a, _ in a }
                verified.formUnion(reused.keys)
                old.inputs = inputsByDefinition[model.spec.definitionFile] ?? ""
                index.functions[key] = old
            } else {
                toRender.append((model, digest))
            }
        }

        let renderer = Renderer(templates: TemplateSet(directory: options.templates), importPaths: options.importPaths,
                                parallelism: options.parallelism)
        let output: Renderer.Output
        do {
            output = try renderer.render(toRender.map(\.0))
        } catch {
            throw DiagnosticsError(error.diagnostics + warnings)
        }
        let written = Self.serialize(output.objects, parallelism: options.parallelism)
        for (k, (model, digest)) in toRender.enumerated() {
            var entry = OutputIndex.Entry(definition: model.spec.definitionFile, digest: digest, files: [:],
                                          inputs: inputsByDefinition[model.spec.definitionFile] ?? "")
            for file in written[k] {
                switch file {
                case .success(let f):
                    files[f.path] = f.data
                    entry.files[f.path] = f.sha256
                case .failure(let problem):
                    problems.append(problem)
                }
            }
            index.functions["\(model.spec.namespace)/\(model.spec.name)"] = entry
        }
        if !problems.isEmpty { throw DiagnosticsError(problems + warnings) }

        let resources = files.keys.sorted()
        files["kustomization.yaml"] = Data(Self.kustomization(resources).utf8)
        files[OutputIndex.fileName] = Data(index.serialized().utf8)

        var owned = Set(previous?.ownedFiles.keys.map { $0 } ?? [])
        if previous != nil { owned.formUnion(["kustomization.yaml", OutputIndex.fileName]) }
        let plan = OutputPlan.make(directory: outDir, files: files, previouslyOwned: owned, verified: verified)
        if !plan.conflicts.isEmpty { throw DiagnosticsError(plan.conflicts + warnings) }
        warnings = warnings.filter { $0.severity == .warning }
        return Result(plan: plan, warnings: warnings, functions: models.count + unchanged.filter { $0 != nil }.count, objects: resources.count, rendered: toRender.count, evaluated: toLoad.count, models: models)
    }

    struct WrittenFile: Sendable {
        var path: String
        var data: Data
        var sha256: String
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
                        return .success(WrittenFile(path: object.path, data: data, sha256: FileTree.sha256(data)))
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

    /// Paths and bytes of every file under `directory` (the templates and their libraries).
    static func digest(ofTree directory: String) -> String {
        var hasher = SHA256()
        FileTree.digest(FileTree.files(under: directory), in: directory, into: &hasher)
        return Hex.string(hasher.finalize())
    }

}
