import Catalog
import Diagnostics
import Foundation
import Jsonnet

/// Decodes and validates one evaluated definition against the catalog and its folder.
struct FunctionDecoder {
    static let fields = ["name", "namespace", "runtime", "image", "handler", "files", "deps", "env", "secretEnv", "secrets",
                         "timeout", "port", "replicas", "resources", "autoscale", "labels", "annotations", "http", "schedule",
                         "kafka", "verify"]

    let folder: String
    let definitionFile: String
    let catalog: Catalog
    var r: ValueReader

    init(folder: String, definitionFile: String, catalog: Catalog) {
        self.folder = folder
        self.definitionFile = definitionFile
        self.catalog = catalog
        r = ValueReader(file: definitionFile, text: try? String(contentsOfFile: definitionFile, encoding: .utf8))
    }

    var diagnostics: [Diagnostic] { r.diagnostics }

    mutating func decode(_ value: JSONValue) -> FunctionSpec? {
        guard case .object(let o) = value else {
            r.error("a function definition must evaluate to an object, got \(value.typeName)", at: "")
            return nil
        }
        r.rejectUnknown(o, known: Self.fields, at: "")
        let folderName = (folder as NSString).lastPathComponent
        let name = r.string(o, "name", at: "") ?? folderName
        if !KubernetesNames.isDNS1035Label(name) {
            r.error("function name '\(name)' is not a valid name", at: o["name"] == nil ? "" : ".name",
                    hint: "use at most 63 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit"
                        + (o["name"] == nil ? " (the name defaults to the folder name; set `name:` or rename the folder)" : ""))
        }
        let namespace = r.string(o, "namespace", at: "") ?? "default"
        if !KubernetesNames.isDNSLabel(namespace) {
            r.error("namespace '\(namespace)' is not a valid namespace name", at: ".namespace",
                    hint: "use at most 63 lowercase letters, digits and '-'")
        }
        var spec = FunctionSpec(
            name: name, namespace: namespace, folder: folder, definitionFile: definitionFile,
            runtime: r.string(o, "runtime", at: ""), image: r.string(o, "image", at: ""), handler: r.string(o, "handler", at: ""),
            files: [], deps: nil, env: [], secretEnv: [], secrets: [], timeout: 180, port: 8080, replicas: nil,
            resources: Resources(), autoscale: nil, labels: [:], annotations: [:], http: nil, schedule: nil, kafka: [], verify: [])

        let resolved = decodeRuntime(&spec)
        decodeSources(&spec, o, runtime: resolved)
        decodeEnv(&spec, o)
        decodeScaling(&spec, o)
        decodeMetadata(&spec, o)
        decodeTriggers(&spec, o)
        decodeVerify(&spec, o)
        return r.diagnostics.hasErrors ? nil : spec
    }

    private mutating func decodeRuntime(_ spec: inout FunctionSpec) -> (Runtime, RuntimeVersion)? {
        if spec.runtime == nil, spec.image == nil {
            r.error("the function has neither `runtime` nor `image`", at: "",
                    hint: "set `runtime:` to one of \(catalog.runtimeStrings.joined(separator: ", ")), or `image:` to a custom runtime image")
            return nil
        }
        if let image = spec.image, image.isEmpty || image.contains(" ") {
            r.error("image '\(image)' is not an image reference", at: ".image")
        }
        if let handler = spec.handler {
            let parts = handler.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count != 2 || parts.contains(where: \.isEmpty) {
                r.error("handler '\(handler)' must be `module.function` with exactly one dot", at: ".handler",
                        hint: "e.g. `hello.handler` calls handler() in hello\(spec.runtime.flatMap { catalog.resolve($0).success?.0.fileNameSuffix } ?? ".py")")
            } else if parts[0].contains("/") {
                r.error("the module '\(parts[0])' of handler '\(handler)' must be a file name, not a path", at: ".handler")
            }
        } else if spec.runtime != nil, spec.image == nil {
            r.error("the function has no handler", at: "", hint: "add `handler: 'module.function'`; the module is the source file name without its suffix")
        }
        guard let runtime = spec.runtime else { return nil }
        switch catalog.resolve(runtime) {
        case .success(let rv): return rv
        case .failure(.malformed(let s)):
            r.error("'\(s)' is not a runtime string", at: ".runtime", hint: "a runtime string is an ID followed by a version, e.g. \(catalog.runtimeStrings.first ?? "python3.12")")
        case .failure(.unknownRuntime(let s, let known)):
            let id = RuntimeName(s)?.id ?? s
            let ids = Array(Set(catalog.runtimes.map(\.id))).sorted()
            let best = ids.min { editDistance($0, id) < editDistance($1, id) }
            r.error("unknown runtime '\(s)'", at: ".runtime",
                    hint: (best.flatMap { editDistance($0, id) <= 3 ? "did you mean \($0)? " : nil } ?? "") + "the catalog offers: \(known.joined(separator: ", "))")
        case .failure(.unknownVersion(let s, let id, let versions)):
            r.error("runtime '\(id)' has no version '\(RuntimeName(s)?.version ?? s)'", at: ".runtime",
                    hint: "available: \(versions.joined(separator: ", "))")
        }
        return nil
    }

    private mutating func decodeSources(_ spec: inout FunctionSpec, _ o: [String: JSONValue], runtime: (Runtime, RuntimeVersion)?) {
        let fm = FileManager.default
        // The module's source file: required on the catalog path, shipped too with a custom image.
        if spec.image == nil, let (rt, _) = runtime, spec.hasValidHandler, let module = spec.module {
            let file = module + rt.fileNameSuffix
            if !fm.fileExists(atPath: folder + "/" + file) {
                r.error("source file \(file) for handler '\(spec.handler!)' is missing in \(folder)", at: ".handler",
                        hint: "create \(folder)/\(file), or change the handler's module")
            }
        }
        for (i, entry) in (r.strings(o, "files", at: "") ?? []).enumerated() {
            guard let rel = insideFolder(entry, at: ".files[\(i)]") else { continue }
            let full = folder + "/" + rel
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: full, isDirectory: &isDir) else {
                r.error("file '\(entry)' does not exist in \(folder)", at: ".files[\(i)]")
                continue
            }
            if isDir.boolValue {
                let children = (fm.enumerator(atPath: full)?.allObjects as? [String] ?? []).sorted()
                for c in children where !c.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                    var childIsDir: ObjCBool = false
                    if fm.fileExists(atPath: full + "/" + c, isDirectory: &childIsDir), !childIsDir.boolValue {
                        spec.files.append(rel + "/" + c)
                    }
                }
            } else {
                spec.files.append(rel)
            }
        }
        spec.files = Array(Set(spec.files)).sorted()

        if let deps = r.string(o, "deps", at: "") {
            if let rel = insideFolder(deps, at: ".deps") {
                if !fm.fileExists(atPath: folder + "/" + rel) {
                    r.error("dependency file '\(deps)' does not exist in \(folder)", at: ".deps")
                } else {
                    spec.deps = rel
                }
            }
        } else if let (rt, version) = runtime, !rt.depName.isEmpty, version.image(for: .installation) != nil,
                  fm.fileExists(atPath: folder + "/" + rt.depName) {
            // Found by name only where an installation phase can use it; compiled runtimes (go.mod,
            // pom.xml) resolve dependencies while compiling and list the file in `files`.
            spec.deps = rt.depName
        }
        if spec.deps != nil, let (rt, version) = runtime, version.image(for: .installation) == nil {
            r.error("runtime '\(rt.id)\(version.version)' has no installation phase, so dependencies cannot be installed",
                    at: o["deps"] != nil ? ".deps" : ".runtime",
                    hint: version.image(for: .compilation) != nil
                        ? "this runtime resolves dependencies in its compilation phase; remove `deps`"
                        : "remove the dependency file or pick a runtime with an installation phase")
        }
    }

    /// The path relative to the folder, or nil (reported) when it is absolute or escapes it.
    private mutating func insideFolder(_ path: String, at valuePath: String) -> String? {
        let normalized = PathNormalizer.normalize(path)
        if path.hasPrefix("/") || normalized == ".." || normalized.hasPrefix("../") || normalized == "." {
            r.error("'\(path)' is outside the function folder", at: valuePath,
                    hint: "sources must live in \(folder); shared code can be copied in or imported as a library")
            return nil
        }
        // A symlink could still point outside: compare resolved paths.
        let full = URL(fileURLWithPath: folder + "/" + normalized).resolvingSymlinksInPath().path
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        if FileManager.default.fileExists(atPath: full), !(full == root || full.hasPrefix(root + "/")) {
            r.error("'\(path)' is a link to a file outside the function folder", at: valuePath)
            return nil
        }
        return normalized
    }
}

extension Result {
    var success: Success? { if case .success(let s) = self { return s } else { return nil } }
}
