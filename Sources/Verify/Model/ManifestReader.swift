import Foundation
import Yams

/// Reads the functions of an out/ folder: the ownership index (`.kfn-index.json`) says which
/// files belong to which function; each file is one object, found by its kind.
public struct ManifestReader: Sendable {
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The `namespace/name` keys of the index, sorted.
    public func functionKeys() throws(VerifyError) -> [String] {
        try index().keys.sorted()
    }

    public func read(_ key: String) throws(VerifyError) -> FunctionManifest {
        guard let files = try index()[key] else { throw .manifest(key, "\(directory)/.kfn-index.json has no function \(key)") }
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw .manifest(key, "the index key is not namespace/name") }
        let (namespace, name) = (parts[0], parts[1])
        var objects: [String: [String: Any]] = [:]
        for file in files.sorted() {
            let path = directory + "/" + file
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw .manifest(key, "cannot read \(path)") }
            guard let object = (try? Yams.load(yaml: text)) as? [String: Any], let kind = object["kind"] as? String else {
                throw .manifest(key, "\(path) is not a Kubernetes object")
            }
            let objectName = (object["metadata"] as? [String: Any])?["name"] as? String
            // Kafka consumer Deployments share the kind; the function's own objects carry its name.
            if objectName == name { objects[kind] = object }
        }
        guard let deployment = objects["Deployment"] else { throw .manifest(key, "no Deployment \(name) in \(directory)/") }
        let pod = try Self.podSpec(deployment, key: key)
        let inits = try (pod["initContainers"] as? [[String: Any]] ?? []).map { c throws(VerifyError) in try Self.container(c, key: key) }
        guard let main = (pod["containers"] as? [[String: Any]])?.first else { throw .manifest(key, "the Deployment has no container") }
        var runtime = try Self.container(main, key: key, needsScript: false)
        runtime.script = nil

        var sources: [(path: String, data: Data)] = []
        if !inits.isEmpty {
            guard let configMap = objects["ConfigMap"] else { throw .manifest(key, "no ConfigMap \(name) in \(directory)/") }
            sources = try Self.sources(pod: pod, configMap: configMap, key: key)
        }
        let port = ((objects["Service"]?["spec"] as? [String: Any])?["ports"] as? [[String: Any]])?.first?["port"] as? Int
        var trigger: Container?
        if let cron = objects["CronJob"] {
            let job = (cron["spec"] as? [String: Any])?["jobTemplate"] as? [String: Any]
            let jobPod = try Self.podSpec(job ?? [:], key: key)
            guard let c = (jobPod["containers"] as? [[String: Any]])?.first else { throw .manifest(key, "the CronJob has no container") }
            trigger = try Self.container(c, key: key)
        }
        return FunctionManifest(namespace: namespace, name: name, sources: sources, initContainers: inits, runtime: runtime,
                                servicePort: port ?? 8080, cronTrigger: trigger)
    }

    private func index() throws(VerifyError) -> [String: [String]] {
        let path = directory + "/.kfn-index.json"
        guard let data = FileManager.default.contents(atPath: path),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let functions = json["functions"] as? [String: Any]
        else { throw .noOutput(directory) }
        var out: [String: [String]] = [:]
        for (key, entry) in functions {
            out[key] = ((entry as? [String: Any])?["files"] as? [String: Any]).map { Array($0.keys) } ?? []
        }
        return out
    }

    /// `spec.template.spec` of a Deployment or a Job template.
    private static func podSpec(_ object: [String: Any], key: String) throws(VerifyError) -> [String: Any] {
        let template = (object["spec"] as? [String: Any])?["template"] as? [String: Any]
        guard let pod = template?["spec"] as? [String: Any] else { throw .manifest(key, "a pod template has no spec") }
        return pod
    }

    static func container(_ c: [String: Any], key: String, needsScript: Bool = true) throws(VerifyError) -> Container {
        let name = c["name"] as? String ?? "?"
        let command = c["command"] as? [String] ?? []
        let args = c["args"] as? [String] ?? []
        let script: String?
        if command.count == 2, ["sh", "/bin/sh"].contains(command[0]), command[1] == "-c", args.count == 1 {
            script = args[0]
        } else if needsScript {
            // Every container kfn's templates generate runs `sh -c <script>`; anything else was
            // edited by hand or comes from a custom template this emulation cannot follow.
            throw .manifest(key, "container \(name) does not run `sh -c <script>` (command \(command), args \(args))")
        } else {
            script = nil
        }
        let env = (c["env"] as? [[String: Any]] ?? []).map { e in
            Container.Env(name: e["name"] as? String ?? "", value: Self.string(e["value"]),
                          fieldPath: (((e["valueFrom"] as? [String: Any])?["fieldRef"]) as? [String: Any])?["fieldPath"] as? String)
        }
        return Container(name: name, script: script, env: env, workingDir: c["workingDir"] as? String)
    }

    /// The items of the `sources` volume, with their bytes from the ConfigMap.
    static func sources(pod: [String: Any], configMap: [String: Any], key: String) throws(VerifyError) -> [(path: String, data: Data)] {
        let volumes = pod["volumes"] as? [[String: Any]] ?? []
        guard let volume = volumes.first(where: { $0["name"] as? String == "sources" })?["configMap"] as? [String: Any] else {
            throw .manifest(key, "the Deployment has no `sources` ConfigMap volume")
        }
        let text = configMap["data"] as? [String: Any] ?? [:]
        let binary = configMap["binaryData"] as? [String: Any] ?? [:]
        var out: [(path: String, data: Data)] = []
        for item in volume["items"] as? [[String: Any]] ?? [] {
            guard let k = item["key"] as? String, let p = item["path"] as? String else { continue }
            if let s = text[k] as? String {
                out.append((p, Data(s.utf8)))
            } else if let b = binary[k] as? String, let d = Data(base64Encoded: b) {
                out.append((p, d))
            } else {
                throw .manifest(key, "the ConfigMap has no key \(k) for \(p)")
            }
        }
        return out
    }

    /// YAML scalars as the kubelet sees them: quoted numbers stay strings; anything else as text.
    private static func string(_ v: Any?) -> String? {
        switch v {
        case nil: nil
        case let s as String: s
        case let i as Int: String(i)
        case let b as Bool: b ? "true" : "false"
        case let d as Double: String(d)
        default: "\(v!)"
        }
    }
}
