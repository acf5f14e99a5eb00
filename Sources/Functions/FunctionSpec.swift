import Catalog
import Jsonnet

/// One function definition, decoded and validated (`functions/<name>/function.jsonnet`).
public struct FunctionSpec: Sendable, Hashable {
    public var name: String
    public var namespace: String
    /// The folder that holds the definition and the sources, e.g. `functions/hello`.
    public var folder: String
    /// The definition file, e.g. `functions/hello/function.jsonnet`.
    public var definitionFile: String

    public var runtime: String?
    /// A custom runtime image (Kubeless `--runtime-image`): no init containers, the image holds the code.
    public var image: String?
    public var handler: String?
    /// Extra source files, relative to the folder (folders already expanded, sorted).
    public var files: [String]
    /// The dependency file, relative to the folder.
    public var deps: String?
    public var env: [EnvVar]
    public var secretEnv: [SecretEnv]
    public var secrets: [String]
    public var timeout: Int
    public var port: Int
    public var replicas: Int?
    public var resources: Resources
    public var autoscale: Autoscale?
    public var labels: [String: String]
    public var annotations: [String: String]
    public var http: HTTPTrigger?
    public var schedule: Schedule?
    public var kafka: [KafkaTrigger]
    /// `verify` cases, kept as written (checked for shape; run by `kfn verify`).
    public var verify: [JSONValue]

    /// `module.function` with exactly one dot and both parts present.
    public var hasValidHandler: Bool {
        guard let h = handler else { return false }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts.contains(where: \.isEmpty)
    }

    public var module: String? { handler.flatMap { $0.split(separator: ".", omittingEmptySubsequences: false).first.map(String.init) } }
    public var functionName: String? { handler.flatMap { h in h.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first.map(String.init) } }
}

public struct SecretEnv: Sendable, Hashable {
    public var name: String
    public var secret: String
    public var key: String
    public var optional: Bool
}

public struct Resources: Sendable, Hashable {
    public var requests: [String: String]
    public var limits: [String: String]
    public init(requests: [String: String] = [:], limits: [String: String] = [:]) {
        self.requests = requests
        self.limits = limits
    }
}

public struct Autoscale: Sendable, Hashable {
    public var min: Int
    public var max: Int
    public var cpuPercent: Int
}

public struct HTTPTrigger: Sendable, Hashable {
    public enum Gateway: String, Sendable, CaseIterable { case nginx, traefik, kong }
    public var host: String
    public var path: String
    public var gateway: Gateway
    public var ingressClassName: String
    public var tlsSecret: String?
    public var tlsAcme: Bool
    public var basicAuthSecret: String?
    public var cors: Bool
}

public struct Schedule: Sendable, Hashable {
    public enum ConcurrencyPolicy: String, Sendable, CaseIterable { case Forbid, Allow, Replace }
    public var cron: String
    public var payload: JSONValue?
    public var concurrencyPolicy: ConcurrencyPolicy
    public var timeZone: String?
}

public struct KafkaTrigger: Sendable, Hashable {
    public var topic: String
    public var brokers: [String]
    public var group: String?
    public var deadLetterTopic: String?
    public var maxRetries: Int
}
