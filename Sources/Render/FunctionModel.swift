import Catalog
import Diagnostics
import Foundation
import Functions
import Jsonnet

/// Everything the templates need about one function, computed in Swift so the templates stay
/// plain data: names, labels, the env in Kubeless order, the init containers per phase, the
/// ConfigMap content and its digest. The templates decide only the shape of the objects.
public struct FunctionModel: Sendable {
    public var spec: FunctionSpec
    /// The model as the templates receive it.
    public let value: JSONValue
    /// `value` as JSON text, written once: the render batch, the model digest and the model dump
    /// all need it, and writing it is a visible part of a large build.
    public let json: String
    /// Which templates render this function, in output order.
    public var templates: [TemplateCall]

    public init(spec: FunctionSpec, value: JSONValue, templates: [TemplateCall]) {
        self.spec = spec
        self.value = value
        self.json = JSONWriter.write(value)
        self.templates = templates
    }

    public struct TemplateCall: Sendable, Hashable {
        public var template: String
        /// An extra argument, e.g. the Kafka trigger for `kafka-consumer`.
        public var argument: String?
    }
}

/// Builds `FunctionModel`s from validated definitions and the catalog.
public struct ModelBuilder: Sendable {
    public var catalog: Catalog

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    public static let labelFunction = "function"

    public func build(_ spec: FunctionSpec) -> Result<FunctionModel, DiagnosticsError> {
        let resolved: (Runtime, RuntimeVersion)? = spec.runtime.flatMap { try? catalog.resolve($0).get() }
        // The catalog path ships the sources in a ConfigMap; a custom image carries its own code.
        let catalogPath = spec.image == nil && resolved != nil
        var moduleFile: String?
        if catalogPath, let (runtime, _) = resolved, let module = spec.module { moduleFile = module + runtime.fileNameSuffix }
        var bundle: SourceBundle?
        if catalogPath {
            switch SourceBundle.read(spec, moduleFile: moduleFile) {
            case .success(let b): bundle = b
            case .failure(let e): return .failure(e)
            }
        }

        let labels = spec.labels.merging([
            Self.labelFunction: spec.name,
            "app.kubernetes.io/name": spec.name,
            "app.kubernetes.io/component": "function",
            "app.kubernetes.io/managed-by": "kfn",
        ]) { _, kfn in kfn }
        let selector: [String: String] = [Self.labelFunction: spec.name, "app.kubernetes.io/component": "function"]
        let resources = Self.withDefaults(spec.resources)
        let memoryLimit = resources.limits["memory"] ?? ""

        var model: [String: JSONValue] = [
            "name": .string(spec.name),
            "namespace": .string(spec.namespace),
            "labels": Self.object(labels),
            "selector": Self.object(selector),
            "annotations": Self.object(spec.annotations),
            "port": .number(Double(spec.port)),
            "timeout": .number(Double(spec.timeout)),
            "replicas": spec.autoscale != nil ? .null : .number(Double(spec.replicas ?? 1)),
            "runtime": spec.runtime.map(JSONValue.string) ?? .null,
            "handler": spec.handler.map(JSONValue.string) ?? .null,
            "customImage": .bool(!catalogPath),
            "image": .string(spec.image ?? resolved?.1.image(for: .runtime)?.image ?? ""),
            "imagePullSecrets": .array((resolved?.1.imagePullSecrets ?? []).map(JSONValue.string)),
            "livenessProbe": resolved?.0.livenessProbe ?? .null,
            "resources": .object(["requests": Self.object(resources.requests), "limits": Self.object(resources.limits)]),
            "secrets": .array(spec.secrets.map(JSONValue.string)),
            "url": .string("http://\(spec.name).\(spec.namespace).svc.cluster.local:\(spec.port)"),
            "sourceDigest": .string(bundle?.digest ?? ""),
            "definition": .string(spec.definitionFile),
        ]
        model["env"] = .array(mainEnv(spec, resolved: resolved, memoryLimit: memoryLimit))
        if let bundle {
            model["configMap"] = configMap(spec, bundle: bundle)
            model["sourceFiles"] = .array((bundle.files + (bundle.deps.map { [$0] } ?? [])).map { f in
                .object(["key": .string(f.key), "path": .string(f.path)])
            })
            model["initContainers"] = .array(initContainers(spec, resolved: resolved!, bundle: bundle))
        } else {
            model["configMap"] = .null
            model["sourceFiles"] = .array([])
            model["initContainers"] = .array([])
        }
        model["phaseSecrets"] = .array(Array(Set(resolved.map { r in catalogPath ? r.1.images.filter { $0.phase != .runtime }.flatMap(\.secrets) : [] } ?? [])).sorted().map(JSONValue.string))
        model["http"] = spec.http.map(httpModel) ?? .null
        model["schedule"] = spec.schedule.map { scheduleModel($0, spec) } ?? .null
        model["autoscale"] = spec.autoscale.map { a in
            .object(["min": .number(Double(a.min)), "max": .number(Double(a.max)), "cpuPercent": .number(Double(a.cpuPercent))])
        } ?? .null
        model["kafka"] = .array(spec.kafka.map { kafkaModel($0, spec) })

        var calls: [FunctionModel.TemplateCall] = []
        if catalogPath { calls.append(.init(template: "configmap")) }
        calls.append(.init(template: "deployment"))
        calls.append(.init(template: "service"))
        if spec.http != nil { calls.append(.init(template: "ingress")) }
        if spec.schedule != nil { calls.append(.init(template: "cronjob")) }
        if spec.autoscale != nil { calls.append(.init(template: "hpa")) }
        for i in spec.kafka.indices { calls.append(.init(template: "kafka-consumer", argument: "m.kafka[\(i)]")) }
        return .success(FunctionModel(spec: spec, value: .object(model), templates: calls))
    }

    /// Requests and limits for the function container when the definition sets none. Per resource:
    /// a request alone also becomes the limit, a limit alone also becomes the request, so a pod is
    /// never given a request above its limit.
    public static let defaultResources = Resources(requests: ["cpu": "100m", "memory": "128Mi"], limits: ["cpu": "1", "memory": "256Mi"])

    static func withDefaults(_ r: Resources) -> Resources {
        var out = r
        for key in ["cpu", "memory"] {
            switch (r.requests[key], r.limits[key]) {
            case (nil, nil):
                out.requests[key] = defaultResources.requests[key]
                out.limits[key] = defaultResources.limits[key]
            case (let req?, nil): out.limits[key] = req
            case (nil, let lim?): out.requests[key] = lim
            default: break
            }
        }
        return out
    }

    static func object(_ map: [String: String]) -> JSONValue {
        .object(map.mapValues(JSONValue.string))
    }

    static func envValue(_ name: String, _ value: String) -> JSONValue {
        .object(["name": .string(name), "value": .string(value)])
    }

    /// The user's env: plain values, then secret references (values never inlined).
    func userEnv(_ spec: FunctionSpec) -> [JSONValue] {
        spec.env.map { Self.envValue($0.name, $0.value) } + spec.secretEnv.map { s in
            var ref: [String: JSONValue] = ["name": .string(s.secret), "key": .string(s.key)]
            if s.optional { ref["optional"] = .bool(true) }
            return .object(["name": .string(s.name), "valueFrom": .object(["secretKeyRef": .object(ref)])])
        }
    }

    /// The function container's env in Kubeless order: user env, FUNC_* (when there is a handler),
    /// FUNC_PORT, then KUBELESS_INSTALL_VOLUME and the runtime phase env so `$(VAR)` expands.
    func mainEnv(_ spec: FunctionSpec, resolved: (Runtime, RuntimeVersion)?, memoryLimit: String) -> [JSONValue] {
        var env = userEnv(spec)
        if spec.handler != nil, spec.functionName != nil {
            env.append(Self.envValue("FUNC_HANDLER", spec.functionName!))
            env.append(Self.envValue("MOD_NAME", spec.module!))
            env.append(Self.envValue("FUNC_TIMEOUT", String(spec.timeout)))
            env.append(Self.envValue("FUNC_RUNTIME", spec.runtime ?? ""))
            env.append(Self.envValue("FUNC_MEMORY_LIMIT", memoryLimit.isEmpty ? "0" : memoryLimit))
        }
        env.append(Self.envValue("FUNC_PORT", String(spec.port)))
        if let (_, version) = resolved {
            env.append(Self.envValue("KUBELESS_INSTALL_VOLUME", "/kubeless"))
            for e in version.image(for: .runtime)?.env ?? [] { env.append(Self.envValue(e.name, e.value)) }
        }
        return env
    }
}
