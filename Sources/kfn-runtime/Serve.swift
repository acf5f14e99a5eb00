import ArgumentParser
import Foundation
import Logging
import Runtime

/// `kfn-runtime serve` (the default): serves the function named by MOD_NAME and FUNC_HANDLER.
/// Every flag is optional and overrides the environment variable named in its help, so the
/// Kubeless env contract stays the primary interface and flags are for local runs.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the function named by MOD_NAME and FUNC_HANDLER over HTTP.",
        discussion: """
            Configuration comes from the environment as in Kubeless: MOD_NAME, FUNC_HANDLER, \
            FUNC_TIMEOUT (180), FUNC_PORT (8080), FUNC_HOST (0.0.0.0), FUNC_RUNTIME, FUNC_MEMORY_LIMIT, \
            KUBELESS_INSTALL_VOLUME (/kubeless), KFN_RUNTIMES_DIR (/opt/kfn/runtimes), FUNC_CONCURRENCY \
            (CPU count), FUNC_MAX_BODY_BYTES (1048576), SHUTDOWN_TIMEOUT (25), KFN_LOG_FORMAT (text|json), \
            KFN_LOG_LEVEL (info). See docs/runtime.md.
            """)

    @Option(help: "Module file name without suffix (MOD_NAME).") var module: String?
    @Option(help: "Function inside the module (FUNC_HANDLER).") var handler: String?
    @Option(help: "Seconds a call may take before 408 (FUNC_TIMEOUT).") var timeout: String?
    @Option(help: "Address to bind (FUNC_HOST).") var host: String?
    @Option(help: "Port to bind, 0 for any free port (FUNC_PORT).") var port: String?
    @Option(help: "Runtime string such as python3.12 (FUNC_RUNTIME).") var runtime: String?
    @Option(help: "Folder holding the module (KUBELESS_INSTALL_VOLUME).") var installVolume: String?
    @Option(help: "Folder holding the python/, nodejs/, ruby/ worker shims (KFN_RUNTIMES_DIR).") var runtimesDir: String?
    @Option(help: "Number of language workers (FUNC_CONCURRENCY).") var concurrency: String?
    @Option(help: "Largest request body accepted, in bytes (FUNC_MAX_BODY_BYTES).") var maxBodyBytes: String?
    @Option(help: "Access and server log format, text or json (KFN_LOG_FORMAT).") var logFormat: String?

    func run() async throws {
        var environment = ProcessInfo.processInfo.environment
        let overrides: [(String, String?)] = [
            ("MOD_NAME", module), ("FUNC_HANDLER", handler), ("FUNC_TIMEOUT", timeout), ("FUNC_HOST", host),
            ("FUNC_PORT", port), ("FUNC_RUNTIME", runtime), ("KUBELESS_INSTALL_VOLUME", installVolume),
            ("KFN_RUNTIMES_DIR", runtimesDir), ("FUNC_CONCURRENCY", concurrency),
            ("FUNC_MAX_BODY_BYTES", maxBodyBytes), ("KFN_LOG_FORMAT", logFormat),
        ]
        for case (let key, let value?) in overrides { environment[key] = value }

        let configuration: RuntimeConfiguration
        do {
            configuration = try RuntimeConfiguration.fromEnvironment(environment)
        } catch {
            throw ValidationError(error.description)
        }
        ServerLogging.bootstrap(format: configuration.logFormat, level: configuration.logLevel)
        try await FunctionServer.run(configuration: configuration, logger: Logger(label: "kfn-runtime"))
    }
}
