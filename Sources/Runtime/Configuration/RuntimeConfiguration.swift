import Foundation

/// Everything kfn-runtime needs to serve one function, read from the same environment variables the
/// Kubeless runtimes read (so a Deployment generated for a Kubeless image runs unchanged on ours).
///
/// Problems with the *function* (no MOD_NAME, unknown runtime, missing module) are not configuration
/// errors: the server still starts and reports them on `/healthz`, because a pod that crash-loops
/// before it can say why is harder to debug than one that answers 503 with the reason.
/// Only values the server itself cannot run without (port, timeout, sizes) throw.
public struct RuntimeConfiguration: Sendable, Equatable {
    /// `MOD_NAME`: the module file, without its suffix, inside the install volume.
    public var moduleName: String?
    /// `FUNC_HANDLER`: the function inside the module.
    public var handler: String?
    /// `FUNC_TIMEOUT` in seconds (default 180). Fractions are accepted, which the tests rely on.
    public var timeout: Duration
    /// `FUNC_HOST` (default `0.0.0.0`) and `FUNC_PORT` (default 8080).
    public var host: String
    public var port: Int
    /// `FUNC_RUNTIME`, e.g. `python3.12`; passed to the function in its context.
    public var runtime: String?
    /// `FUNC_MEMORY_LIMIT`; passed to the function in its context.
    public var memoryLimit: String?
    /// `KUBELESS_INSTALL_VOLUME` (default `/kubeless`): the folder holding the module and its deps.
    public var installVolume: String
    /// `KFN_RUNTIMES_DIR` (default `/opt/kfn/runtimes`): holds `python/`, `nodejs/`, `ruby/` shims.
    public var runtimesDirectory: String
    /// `FUNC_CONCURRENCY`: number of language workers (default: the CPU count).
    public var concurrency: Int
    /// `FUNC_MAX_BODY_BYTES` (default 1 MiB, like Kubeless's `REQ_MB_LIMIT=1`).
    public var maxBodyBytes: Int
    /// `SHUTDOWN_TIMEOUT` in seconds (default 25, inside Kubernetes' 30 s grace period): how long
    /// in-flight requests may run after SIGTERM.
    public var shutdownTimeout: Duration
    /// `KFN_LOG_FORMAT`: `text` (default) or `json`.
    public var logFormat: LogFormat
    /// `KFN_LOG_LEVEL` (default `info`).
    public var logLevel: String
    /// The language, from `FUNC_RUNTIME` or the module's file suffix; nil when neither tells.
    public var language: Language?
    /// The whole environment, handed to the workers (PYTHONPATH, NODE_PATH, GEM_HOME, user env).
    public var environment: [String: String]

    public enum LogFormat: String, Sendable, Equatable {
        case text, json
    }

    public static let defaultRuntimesDirectory = "/opt/kfn/runtimes"

    /// Reads the configuration; `fileExists` decides the language from the module's suffix when
    /// `FUNC_RUNTIME` is unset (injected so tests need no files).
    public static func fromEnvironment(
        _ env: [String: String] = ProcessInfo.processInfo.environment,
        fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    ) throws(ConfigurationError) -> RuntimeConfiguration {
        func nonEmpty(_ key: String) -> String? {
            guard let value = env[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        func seconds(_ key: String, default value: Double) throws(ConfigurationError) -> Duration {
            guard let text = nonEmpty(key) else { return .milliseconds(Int64(value * 1000)) }
            guard let parsed = Double(text), parsed > 0, parsed.isFinite else {
                throw .invalid(key, text, "a positive number of seconds")
            }
            return .milliseconds(Int64((parsed * 1000).rounded()))
        }
        func integer(_ key: String, default value: Int, range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
            guard let text = nonEmpty(key) else { return value }
            guard let parsed = Int(text), range.contains(parsed) else {
                throw .invalid(key, text, "an integer in \(range.lowerBound)...\(range.upperBound)")
            }
            return parsed
        }

        var config = RuntimeConfiguration(
            moduleName: nonEmpty("MOD_NAME"),
            handler: nonEmpty("FUNC_HANDLER"),
            timeout: try seconds("FUNC_TIMEOUT", default: 180),
            host: nonEmpty("FUNC_HOST") ?? "0.0.0.0",
            port: try integer("FUNC_PORT", default: 8080, range: 0...65535),
            runtime: nonEmpty("FUNC_RUNTIME"),
            memoryLimit: nonEmpty("FUNC_MEMORY_LIMIT"),
            installVolume: nonEmpty("KUBELESS_INSTALL_VOLUME") ?? "/kubeless",
            runtimesDirectory: nonEmpty("KFN_RUNTIMES_DIR") ?? defaultRuntimesDirectory,
            concurrency: try integer(
                "FUNC_CONCURRENCY", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...1024),
            maxBodyBytes: try integer("FUNC_MAX_BODY_BYTES", default: 1 << 20, range: 0...(1 << 31)),
            shutdownTimeout: try seconds("SHUTDOWN_TIMEOUT", default: 25),
            logFormat: .text,
            logLevel: nonEmpty("KFN_LOG_LEVEL") ?? "info",
            language: nil,
            environment: env
        )
        if let format = nonEmpty("KFN_LOG_FORMAT") {
            guard let parsed = LogFormat(rawValue: format.lowercased()) else {
                throw .invalid("KFN_LOG_FORMAT", format, "`text` or `json`")
            }
            config.logFormat = parsed
        }
        config.language = config.detectLanguage(fileExists: fileExists)
        return config
    }

    /// `FUNC_RUNTIME` wins (that is what the catalog entry says); without it, the first
    /// `<MOD_NAME><suffix>` found in the install volume decides.
    public func detectLanguage(fileExists: (String) -> Bool) -> Language? {
        if let runtime { return Language(runtimeString: runtime) }
        guard let moduleName else { return nil }
        return Language.allCases.first { fileExists(modulePath(for: $0, moduleName: moduleName)) }
    }

    func modulePath(for language: Language, moduleName: String) -> String {
        (installVolume as NSString).appendingPathComponent(moduleName + language.fileNameSuffix)
    }

    /// The timeout as the number of seconds the function sees in `context.timeout`.
    public var timeoutSeconds: Double {
        Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
    }
}

public enum ConfigurationError: Error, CustomStringConvertible, Equatable {
    case invalid(String, String, String)

    public var description: String {
        switch self {
        case .invalid(let key, let value, let expected):
            "\(key)=\(value) is not valid: expected \(expected)."
        }
    }
}
