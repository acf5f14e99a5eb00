import Diagnostics
import Foundation
import Jsonnet

/// Evaluates the templates over the function models, in batches, and checks the objects.
public struct Renderer: Sendable {
    public var templates: TemplateSet
    public var importPaths: [String]
    public var parallelism: Int

    public init(templates: TemplateSet, importPaths: [String] = [], parallelism: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.templates = templates
        self.importPaths = importPaths
        self.parallelism = parallelism
    }

    public struct Output: Sendable {
        /// Objects per model, in model order; each list in template order.
        public var objects: [[RenderedObject]]
        /// Every file the templates imported (templates/*.jsonnet, libraries).
        public var importedFiles: Set<String>
    }

    public func render(_ models: [FunctionModel]) throws(DiagnosticsError) -> Output {
        let used = TemplateSet.names.filter { n in models.contains { $0.templates.contains { $0.template == n } } }
        let configuration = JsonnetConfiguration(importPaths: [templates.directory] + importPaths)
        let entry = templates.directory + "/.kfn-render.jsonnet"
        // The templates inlined into the batch program when they evaluate to functions that way
        // (one evaluation); otherwise, or to explain a problem, the check imports each file.
        let imports = templates.prelude(used)
        var bundle = TemplateBundle.make(templates, names: used, importPaths: importPaths)
        if let b = bundle, !TemplateSet.areFunctions(used, after: b.prelude, vm: JsonnetVM(configuration), filename: entry) {
            bundle = nil
        }
        if bundle == nil {
            let problems = templates.check(used, configuration: configuration)
            if !problems.isEmpty { throw DiagnosticsError(problems) }
        }
        let evaluator = BatchEvaluator(configuration: configuration, entryFile: entry, prelude: bundle?.prelude ?? imports,
                                       isolatedPrelude: bundle == nil ? nil : imports, parallelism: parallelism)
        // The model goes in as JSON text parsed by `std.parseJson` (native code in libjsonnet), not as
        // a jsonnet object literal: lexing, parsing and desugaring a literal cost libjsonnet 0.18
        // about 0.4 ms per model, as much as rendering a Service. A verbatim string (`@'…'`) needs
        // only its quote doubled.
        let units = models.map { m -> BatchEvaluator.Unit in
            var text = "local m = std.parseJson(@'"
            text += Self.verbatim(m.json)
            text += "'); ["
            text += m.templates.map(ModelDump.call).joined(separator: ", ")
            text += "]"
            return BatchEvaluator.Unit(text)
        }
        let output = evaluator.evaluate(units)

        var diagnostics: [Diagnostic] = []
        var objects: [[RenderedObject]] = []
        var seen: [String: String] = [:]
        for (model, result) in zip(models, output.results) {
            var list: [RenderedObject] = []
            switch result {
            case .failure(let error):
                var d = error.diagnostic(hiding: [entry], fallback: .file(model.spec.definitionFile))
                d.message += " (rendering \(model.spec.namespace)/\(model.spec.name) from \(model.spec.definitionFile))"
                diagnostics.append(d)
            case .success(let value):
                let perTemplate = value.arrayValue ?? []
                for (call, produced) in zip(model.templates, perTemplate) {
                    let items: [JSONValue] = switch produced {
                    case .null: []
                    case .array(let a): a.filter { !$0.isNull }
                    default: [produced]
                    }
                    for item in items {
                        var validator = ObjectValidator(template: call.template, file: templates.file(call.template), model: model)
                        guard let id = validator.validate(item) else {
                            diagnostics += validator.diagnostics
                            continue
                        }
                        diagnostics += validator.diagnostics
                        var obj = item
                        if case .object(var o) = obj, case .object(var meta) = o["metadata"] ?? .null, meta["namespace"] == nil {
                            meta["namespace"] = .string(id.namespace)
                            o["metadata"] = .object(meta)
                            obj = .object(o)
                        }
                        let identity = "\(id.kind)/\(id.namespace)/\(id.name)"
                        let owner = "\(model.spec.namespace)/\(model.spec.name)"
                        if let other = seen[identity] {
                            diagnostics.append(.error("\(id.kind) \(id.namespace)/\(id.name) is produced twice (by \(other) and \(owner))",
                                                      at: .file(model.spec.definitionFile), hint: "rename one of the functions or triggers"))
                            continue
                        }
                        seen[identity] = owner
                        list.append(RenderedObject(
                            apiVersion: id.apiVersion, kind: id.kind, name: id.name, namespace: id.namespace, owner: owner,
                            definitionFile: model.spec.definitionFile,
                            path: RenderedObject.path(namespace: id.namespace, function: model.spec.name, kind: id.kind, name: id.name),
                            value: obj))
                    }
                }
            }
            objects.append(list)
        }
        if diagnostics.hasErrors { throw DiagnosticsError(diagnostics) }
        return Output(objects: objects, importedFiles: output.importedFiles.union(bundle?.files ?? []))
    }

    /// `text` for the inside of a jsonnet verbatim string `@'…'`: single quotes doubled.
    static func verbatim(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "'")) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for b in text.utf8 {
            bytes.append(b)
            if b == UInt8(ascii: "'") { bytes.append(b) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
