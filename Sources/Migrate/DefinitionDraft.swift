import Foundation

/// One function as it will be written: the definition's fields, its files, and what the trigger
/// objects need to find it.
struct DefinitionDraft {
    struct SecretRef: Equatable { var name: String; var secret: String; var key: String; var optional: Bool }

    var name: String
    var namespace: String
    var origin: Origin
    /// The Function's labels as the cluster had them (with `function` and `created-by`), which
    /// KafkaTrigger selectors were matched against.
    var clusterLabels: [String: String] = [:]
    /// The folder under the functions directory; `<namespace>-<name>` when names clash.
    var folder: String
    var files: [String: Data] = [:]

    var runtime: String?
    var image: String?
    var handler: String?
    var extraFiles: [String] = []
    var timeout: Int?
    var port: Int?
    var replicas: Int?
    var resources: DefinitionValue?
    var autoscale: (min: Int, max: Int, cpuPercent: Int)?
    var env: [(name: String, value: String)] = []
    var secretEnv: [SecretRef] = []
    var secrets: [String] = []
    var labels: [String: String] = [:]
    var annotations: [String: String] = [:]
    var http: DefinitionValue?
    var schedule: DefinitionValue?
    var kafka: [DefinitionValue] = []

    /// The definition in a fixed field order, defaults left out.
    var members: [DefinitionValue.Member] {
        typealias M = DefinitionValue.Member
        var m: [M] = []
        if folder != name { m.append(M(key: "name", value: .string(name))) }
        if namespace != "default" { m.append(M(key: "namespace", value: .string(namespace))) }
        if let runtime { m.append(M(key: "runtime", value: .string(runtime))) }
        if let image { m.append(M(key: "image", value: .string(image))) }
        if let handler { m.append(M(key: "handler", value: .string(handler))) }
        if !extraFiles.isEmpty { m.append(M(key: "files", value: .list(extraFiles.sorted().map(DefinitionValue.string)))) }
        if let timeout { m.append(M(key: "timeout", value: .int(timeout))) }
        if let port { m.append(M(key: "port", value: .int(port))) }
        if let replicas { m.append(M(key: "replicas", value: .int(replicas))) }
        if let resources { m.append(M(key: "resources", value: resources)) }
        if let a = autoscale {
            m.append(M(key: "autoscale", value: .object([M(key: "min", value: .int(a.min)), M(key: "max", value: .int(a.max)),
                                                          M(key: "cpuPercent", value: .int(a.cpuPercent))])))
        }
        if !env.isEmpty {
            // A value that refers to another with $(VAR) needs the list form, which keeps the order.
            if env.contains(where: { $0.value.contains("$(") }) {
                m.append(M(key: "env", value: .list(env.map { .object([M(key: "name", value: .string($0.name)), M(key: "value", value: .string($0.value))]) })))
            } else {
                m.append(M(key: "env", value: .object(env.sorted { $0.name < $1.name }.map { M(key: $0.name, value: .string($0.value)) })))
            }
        }
        if !secretEnv.isEmpty {
            m.append(M(key: "secretEnv", value: .object(secretEnv.sorted { $0.name < $1.name }.map { s in
                var ref = [M(key: "secret", value: .string(s.secret)), M(key: "key", value: .string(s.key))]
                if s.optional { ref.append(M(key: "optional", value: .scalar(.bool(true)))) }
                return M(key: s.name, value: .object(ref))
            })))
        }
        if !secrets.isEmpty { m.append(M(key: "secrets", value: .list(secrets.map(DefinitionValue.string)))) }
        if !labels.isEmpty { m.append(M(key: "labels", value: .object(labels.keys.sorted().map { M(key: $0, value: .string(labels[$0]!)) }))) }
        if !annotations.isEmpty {
            m.append(M(key: "annotations", value: .object(annotations.keys.sorted().map { M(key: $0, value: .string(annotations[$0]!)) })))
        }
        if let http { m.append(M(key: "http", value: http)) }
        if let schedule { m.append(M(key: "schedule", value: schedule)) }
        if !kafka.isEmpty { m.append(M(key: "kafka", value: .list(kafka))) }
        return m
    }

    /// The text of `function.jsonnet`.
    var definitionText: String {
        let source = origin.path.isEmpty ? "\(origin.file):\(origin.line)" : "\(origin.file):\(origin.line) (\(origin.path))"
        return DefinitionText.render(header: [
            "Imported by `kfn import` from Function \(namespace)/\(name) in \(source).",
            "Edit freely: this file is the function's definition from now on.",
        ], members)
    }
}
