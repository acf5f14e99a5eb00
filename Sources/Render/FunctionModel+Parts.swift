import Catalog
import Foundation
import Functions
import Jsonnet

extension ModelBuilder {
    func configMap(_ spec: FunctionSpec, bundle: SourceBundle) -> JSONValue {
        var data: [String: JSONValue] = ["handler": .string(spec.handler ?? "")]
        var binary: [String: JSONValue] = [:]
        for f in bundle.files + (bundle.deps.map { [$0] } ?? []) {
            if f.isText {
                data[f.key] = .string(String(decoding: f.data, as: UTF8.self))
            } else {
                binary[f.key] = .string(f.data.base64EncodedString())
            }
        }
        return .object(["data": .object(data), "binaryData": .object(binary)])
    }

    /// `prepare` lays the ConfigMap's files out in /kubeless after checking their digests (so a
    /// pod never runs sources other than the ones its Deployment was generated for); `install` and
    /// `compile` run the catalog's commands under `sh -c`, with the env Kubeless gives them.
    func initContainers(_ spec: FunctionSpec, resolved: (Runtime, RuntimeVersion), bundle: SourceBundle) -> [JSONValue] {
        let version = resolved.1
        let all = bundle.files + (bundle.deps.map { [$0] } ?? [])
        var steps: [String] = []
        steps.append("printf '%s\\n' " + all.map { "'\($0.sha256)  /src/\($0.path)'" }.joined(separator: " ") + " > /tmp/sources.sha256")
        steps.append("sha256sum -c /tmp/sources.sha256")
        let dirs = Set(all.compactMap { f -> String? in
            let d = (f.path as NSString).deletingLastPathComponent
            return d.isEmpty ? nil : d
        }).sorted()
        if !dirs.isEmpty { steps.append("mkdir -p " + dirs.map { "'/kubeless/\($0)'" }.joined(separator: " ")) }
        for f in all { steps.append("cp '/src/\(f.path)' '/kubeless/\(f.path)'") }
        var containers: [JSONValue] = [.object([
            "name": "prepare",
            "phase": "prepare",
            "script": .string(steps.joined(separator: " && ")),
            "image": .null,
            "env": .array([]),
            "secrets": .array([]),
        ])]
        let user = userEnv(spec)
        if let deps = bundle.deps, let install = version.image(for: .installation) {
            let check = "echo '\(deps.sha256)  /kubeless/\(deps.path)' > /tmp/deps.sha256 && sha256sum -c /tmp/deps.sha256"
            var env = user
            env.append(Self.envValue("KUBELESS_INSTALL_VOLUME", "/kubeless"))
            env.append(Self.envValue("KUBELESS_DEPS_FILE", "/kubeless/\(deps.path)"))
            env += install.env.map { Self.envValue($0.name, $0.value) }
            containers.append(.object([
                "name": "install", "phase": "installation", "image": .string(install.image),
                "script": .string(check + " && " + (install.command ?? "")),
                "env": .array(env), "secrets": .array(install.secrets.map(JSONValue.string)),
            ]))
        }
        if let compile = version.image(for: .compilation) {
            var env = user
            env.append(Self.envValue("KUBELESS_INSTALL_VOLUME", "/kubeless"))
            env.append(Self.envValue("KUBELESS_FUNC_NAME", spec.functionName ?? ""))
            env += compile.env.map { Self.envValue($0.name, $0.value) }
            containers.append(.object([
                "name": "compile", "phase": "compilation", "image": .string(compile.image),
                "script": .string(compile.command ?? ""),
                "env": .array(env), "secrets": .array(compile.secrets.map(JSONValue.string)),
            ]))
        }
        return containers
    }

    func httpModel(_ h: HTTPTrigger) -> JSONValue {
        .object([
            "host": .string(h.host), "path": .string(h.path), "gateway": .string(h.gateway.rawValue),
            "ingressClassName": .string(h.ingressClassName),
            "tlsSecret": h.tlsSecret.map(JSONValue.string) ?? .null, "tlsAcme": .bool(h.tlsAcme),
            "basicAuthSecret": h.basicAuthSecret.map(JSONValue.string) ?? .null, "cors": .bool(h.cors),
        ])
    }

    /// The CronJob's request: GET without a payload, POST of the JSON payload with one, with the
    /// Kubeless event headers.
    func scheduleModel(_ s: Schedule, _ spec: FunctionSpec) -> JSONValue {
        let payload = s.payload.map(JSONWriter.write)
        return .object([
            "cron": .string(s.cron),
            "concurrencyPolicy": .string(s.concurrencyPolicy.rawValue),
            "timeZone": s.timeZone.map(JSONValue.string) ?? .null,
            "method": .string(payload == nil ? "GET" : "POST"),
            "payload": payload.map(JSONValue.string) ?? .null,
            // As an env value the payload goes through the kubelet's $(VAR) expansion: escape '$'.
            "payloadEnv": payload.map { JSONValue.string($0.replacingOccurrences(of: "$", with: "$$")) } ?? .null,
            "name": .string(spec.name),
        ])
    }

    func kafkaModel(_ k: KafkaTrigger, _ spec: FunctionSpec) -> JSONValue {
        let suffix = k.topic.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        return .object([
            "topic": .string(k.topic),
            "name": .string("\(spec.name)-kafka-\(suffix)"),
            "brokers": .string(k.brokers.joined(separator: ",")),
            "group": .string(k.group ?? "\(spec.namespace)_\(spec.name)_\(k.topic)"),
            "deadLetterTopic": k.deadLetterTopic.map(JSONValue.string) ?? .null,
            "maxRetries": .number(Double(k.maxRetries)),
        ])
    }
}
