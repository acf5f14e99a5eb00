import Diagnostics
import Functions
import Jsonnet

/// Checks what the API server would reject outright in a rendered object (names, labels, required
/// fields), so a template or definition problem fails the build with the function and template
/// named, not `kubectl apply` later. Full schema checks run in `make test` (kubernetes-validate).
struct ObjectValidator {
    /// Kinds whose names are DNS-1035 labels rather than subdomains.
    static let labelNamedKinds: Set<String> = ["Service"]
    /// CronJob names feed Job names with an 11-character suffix, so they are capped at 52.
    static let nameLimits: [String: Int] = ["CronJob": 52]

    let template: String
    let templateFile: String
    let model: FunctionModel
    var diagnostics: [Diagnostic] = []

    init(template: String, file: String, model: FunctionModel) {
        self.template = template
        templateFile = file
        self.model = model
    }

    private var where_: String { "\(model.spec.namespace)/\(model.spec.name)" }

    private mutating func fail(_ message: String, path: String, hint: String? = nil) {
        diagnostics.append(.error("\(message) (template \(template), function \(where_))",
                                  at: .value(file: templateFile, path: path, line: nil), hint: hint))
    }

    mutating func validate(_ value: JSONValue) -> (apiVersion: String, kind: String, name: String, namespace: String)? {
        guard case .object(let o) = value else {
            fail("a template must return a Kubernetes object, an array of them, or null; got \(value.typeName)", path: ".")
            return nil
        }
        let apiVersion = o["apiVersion"]?.stringValue ?? ""
        let kind = o["kind"]?.stringValue ?? ""
        if apiVersion.isEmpty { fail("the object has no apiVersion", path: ".apiVersion") }
        if kind.isEmpty { fail("the object has no kind", path: ".kind") }
        guard let meta = o["metadata"]?.objectValue else {
            fail("the object has no metadata", path: ".metadata")
            return nil
        }
        let name = meta["name"]?.stringValue ?? ""
        let limit = Self.nameLimits[kind]
        if name.isEmpty {
            fail("the \(kind) has no metadata.name", path: ".metadata.name")
        } else if Self.labelNamedKinds.contains(kind) ? !KubernetesNames.isDNS1035Label(name) : !KubernetesNames.isDNSSubdomain(name) {
            fail("'\(name)' is not a valid \(kind) name", path: ".metadata.name",
                 hint: "lowercase letters, digits and '-'\(Self.labelNamedKinds.contains(kind) ? ", at most 63, starting with a letter" : "")")
        } else if let limit, name.count > limit {
            fail("\(kind) name '\(name)' has \(name.count) characters; Kubernetes allows at most \(limit)", path: ".metadata.name",
                 hint: "shorten the function name (\(model.spec.name.count) characters) by \(name.count - limit) or more: set `name:` in \(model.spec.definitionFile)")
        }
        let namespace = meta["namespace"]?.stringValue ?? model.spec.namespace
        checkLabels(meta["labels"], path: ".metadata.labels")
        checkAnnotations(meta["annotations"], path: ".metadata.annotations")
        if let pod = podTemplate(o, kind: kind) {
            checkLabels(pod["metadata"]?["labels"], path: ".spec.template.metadata.labels")
            let containers = pod["spec"]?["containers"]?.arrayValue ?? []
            if containers.isEmpty { fail("the \(kind) has no containers", path: ".spec.template.spec.containers") }
            for (i, c) in (containers + (pod["spec"]?["initContainers"]?.arrayValue ?? [])).enumerated() {
                let cname = c["name"]?.stringValue ?? ""
                if !KubernetesNames.isDNSLabel(cname) {
                    fail("container name '\(cname)' is not a valid DNS label", path: ".spec.template.spec.containers[\(i)].name")
                }
                if (c["image"]?.stringValue ?? "").isEmpty {
                    fail("container '\(cname)' has no image", path: ".spec.template.spec.containers[\(i)].image",
                         hint: "the runtime catalog or templates/settings.libsonnet must provide one")
                }
            }
        }
        return (apiVersion, kind, name, namespace)
    }

    private func podTemplate(_ o: [String: JSONValue], kind: String) -> JSONValue? {
        switch kind {
        case "Deployment", "StatefulSet", "DaemonSet", "Job": o["spec"]?["template"]
        case "CronJob": o["spec"]?["jobTemplate"]?["spec"]?["template"]
        default: nil
        }
    }

    private mutating func checkLabels(_ value: JSONValue?, path: String) {
        guard let labels = value?.objectValue else { return }
        for (k, v) in labels.sorted(by: { $0.key < $1.key }) {
            if !KubernetesNames.isQualifiedName(k) { fail("'\(k)' is not a valid label key", path: "\(path).\(k)") }
            guard let s = v.stringValue else {
                fail("label \(k) must be a string, got \(v.typeName)", path: "\(path).\(k)")
                continue
            }
            if !KubernetesNames.isLabelValue(s) {
                fail("label \(k) has the value '\(s)', which is not a valid label value\(s.count > 63 ? " (\(s.count) characters, at most 63)" : "")",
                     path: "\(path).\(k)",
                     hint: s.count > 63 ? "shorten the function or topic name it is made from"
                         : "label values are at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit")
            }
        }
    }

    private mutating func checkAnnotations(_ value: JSONValue?, path: String) {
        guard let annotations = value?.objectValue else { return }
        for (k, v) in annotations.sorted(by: { $0.key < $1.key }) {
            if !KubernetesNames.isQualifiedName(k) { fail("'\(k)' is not a valid annotation key", path: "\(path).\(k)") }
            if v.stringValue == nil { fail("annotation \(k) must be a string, got \(v.typeName)", path: "\(path).\(k)") }
        }
    }
}
