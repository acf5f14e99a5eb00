import Foundation

/// What `kfn verify` needs from one function's generated objects: enough to emulate its pod
/// (sources, init containers, the function container's env) and to call it the way its Service
/// and CronJob do. Read from out/, never from the definitions, so what is verified is what gets
/// deployed.
public struct FunctionManifest: Sendable {
    public var namespace: String
    public var name: String
    /// `namespace/name`, the key of the ownership index.
    public var key: String { "\(namespace)/\(name)" }

    /// Files of the `sources` ConfigMap volume, by their path under `/src`.
    public var sources: [(path: String, data: Data)]
    /// `prepare`, `install`, `compile`, in the Deployment's order.
    public var initContainers: [Container]
    /// The function container (its env; kfn-runtime is the process).
    public var runtime: Container
    /// The Service port the function is called on (the CronJob's URL names it).
    public var servicePort: Int
    /// The CronJob's trigger container, when the function has a schedule.
    public var cronTrigger: Container?

    /// A custom-image function's code lives in its image: there is nothing to lay out locally.
    public var hasCustomImage: Bool { initContainers.isEmpty }

    /// The in-cluster URL the CronJob calls, which the emulation swaps for the local one.
    public var serviceURL: String { "http://\(name).\(namespace).svc.cluster.local:\(servicePort)" }

    public init(namespace: String, name: String, sources: [(path: String, data: Data)], initContainers: [Container],
                runtime: Container, servicePort: Int, cronTrigger: Container?) {
        self.namespace = namespace
        self.name = name
        self.sources = sources
        self.initContainers = initContainers
        self.runtime = runtime
        self.servicePort = servicePort
        self.cronTrigger = cronTrigger
    }
}

/// One container of a pod template, reduced to what a local run uses.
public struct Container: Sendable, Hashable {
    public struct Env: Sendable, Hashable {
        public var name: String
        /// nil for `valueFrom` entries (Secrets, field refs), which only a cluster can fill.
        public var value: String?
        /// `valueFrom.fieldRef.fieldPath`, e.g. `metadata.uid` for the CronJob's POD_UID.
        public var fieldPath: String?

        public init(name: String, value: String?, fieldPath: String? = nil) {
            self.name = name
            self.value = value
            self.fieldPath = fieldPath
        }
    }

    public var name: String
    /// The `sh -c` script (kfn generates every init and trigger container that way); nil for the
    /// function container, whose process is kfn-runtime.
    public var script: String?
    public var env: [Env]
    public var workingDir: String?

    public init(name: String, script: String?, env: [Env], workingDir: String? = nil) {
        self.name = name
        self.script = script
        self.env = env
        self.workingDir = workingDir
    }

    /// The env as the kubelet builds it: entries in order with `$(VAR)` expanded; `valueFrom`
    /// entries take `fields` (by field path) or are left out. Values pass through `map` first
    /// (the local path rewrite), so `$(KUBELESS_INSTALL_VOLUME)` expands to the mapped folder.
    public func resolvedEnv(fields: [String: String] = [:], map: (String) -> String = { $0 }) -> [String: String] {
        var entries: [(name: String, value: String)] = []
        for e in env {
            if let v = e.value {
                entries.append((e.name, map(v)))
            } else if let path = e.fieldPath, let v = fields[path] {
                entries.append((e.name, v))
            }
        }
        return KubeletExpansion.resolve(entries)
    }
}
