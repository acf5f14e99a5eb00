import Catalog
import Crypto
import Diagnostics
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
    }

    public func build() throws(DiagnosticsError) -> Result {
        let (catalog, catalogWarnings) = try CatalogLoader(path: options.runtimes, importPaths: options.importPaths, strict: options.strict).load()
        let loader = FunctionLoader(directory: options.functions, catalog: catalog, environment: options.environment,
                                    importPaths: options.importPaths, parallelism: options.parallelism)
        let loaded = try loader.load(try loader.discover())
        var warnings = catalogWarnings + loaded.warnings

        let builder = ModelBuilder(catalog: catalog)
        var models: [FunctionModel] = []
        var problems: [Diagnostic] = []
        for spec in loaded.functions {
            switch builder.build(spec) {
            case .success(let m): models.append(m)
            case .failure(let e): problems += e.diagnostics
            }
        }
        if !problems.isEmpty { throw DiagnosticsError(problems + warnings) }

        let outDir = options.outputDirectory
        let previous = OutputIndex.read(from: outDir)
        let templatesDigest = Self.digest(ofTree: options.templates)
        var index = OutputIndex(environment: options.environment)
        var files: [String: Data] = [:]
        var toRender: [(FunctionModel, String)] = []
        for model in models {
            let key = "\(model.spec.namespace)/\(model.spec.name)"
            let digest = Self.digest(model: model, templates: templatesDigest)
            if let old = previous?.functions[key], old.digest == digest, let reused = Self.reuse(old.files, in: outDir) {
                files.merge(reused) { a, _ in a }
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
        for ((model, digest), objects) in zip(toRender, output.objects) {
            var entry = OutputIndex.Entry(definition: model.spec.definitionFile, digest: digest, files: [:])
            for object in objects {
                let text: String
                do {
                    text = try YAMLWriter.document(object.value, header: OutputHeader.text(source: object.definitionFile))
                } catch {
                    problems.append(.error("cannot write \(object.kind) \(object.name) as YAML: \(error)", at: .file(object.definitionFile)))
                    continue
                }
                let data = Data(text.utf8)
                files[object.path] = data
                entry.files[object.path] = Self.sha256(data)
            }
            index.functions["\(model.spec.namespace)/\(model.spec.name)"] = entry
        }
        if !problems.isEmpty { throw DiagnosticsError(problems + warnings) }

        let resources = files.keys.sorted()
        files["kustomization.yaml"] = Data(Self.kustomization(resources).utf8)
        files[OutputIndex.fileName] = Data(index.serialized().utf8)

        var owned = Set(previous?.ownedFiles.keys.map { $0 } ?? [])
        if previous != nil { owned.formUnion(["kustomization.yaml", OutputIndex.fileName]) }
        let plan = OutputPlan.make(directory: outDir, files: files, previouslyOwned: owned)
        if !plan.conflicts.isEmpty { throw DiagnosticsError(plan.conflicts + warnings) }
        warnings = warnings.filter { $0.severity == .warning }
        return Result(plan: plan, warnings: warnings, functions: models.count, objects: resources.count, rendered: toRender.count)
    }

    static func kustomization(_ resources: [String]) -> String {
        let value: JSONValue = [
            "apiVersion": "kustomize.config.k8s.io/v1beta1",
            "kind": "Kustomization",
            "resources": .array(resources.map(JSONValue.string)),
        ]
        return (try? YAMLWriter.document(value, header: OutputHeader.text(source: "the function definitions"))) ?? ""
    }

    /// Files of an unchanged function, when all are still on disk with the bytes the index recorded.
    static func reuse(_ recorded: [String: String], in directory: String) -> [String: Data]? {
        var out: [String: Data] = [:]
        for (path, digest) in recorded {
            guard let data = FileManager.default.contents(atPath: directory + "/" + path), sha256(data) == digest else { return nil }
            out[path] = data
        }
        return out
    }

    static func digest(model: FunctionModel, templates: String) -> String {
        var text = "kfn \(KfnVersion.current)\n\(templates)\n"
        text += model.templates.map { "\($0.template)(\($0.argument ?? ""))" }.joined(separator: ",")
        text += "\n"
        JSONWriter.write(model.value, into: &text)
        return sha256(Data(text.utf8))
    }

    static func digest(ofTree directory: String) -> String {
        var hasher = SHA256()
        let paths = ((FileManager.default.enumerator(atPath: directory)?.allObjects as? [String]) ?? []).sorted()
        for p in paths {
            guard let data = FileManager.default.contents(atPath: directory + "/" + p) else { continue }
            hasher.update(data: Data(p.utf8))
            hasher.update(data: data)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
