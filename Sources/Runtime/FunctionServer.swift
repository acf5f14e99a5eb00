import Foundation
import Hummingbird
import NIOCore
import NIOPosix
import Logging
import ServiceLifecycle

/// Assembles and runs kfn-runtime from a configuration value: the one place that decides what the
/// server is made of (STYLE: one function assembles the application).
public enum FunctionServer {
    /// Builds the application. Problems with the function itself (no MOD_NAME, unknown runtime,
    /// missing module or shim) do not prevent serving: `/healthz` answers 503 with the reason.
    public static func makeApplication(
        configuration: RuntimeConfiguration,
        logger: Logger,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let metrics = FunctionMetrics()
        let group = MultiThreadedEventLoopGroup.singleton
        let accessLog = AccessLog(format: configuration.logFormat == .json ? .json : .text)

        var services: [any Service] = []
        let health: @Sendable () -> FunctionHealth
        let invoker: FunctionInvoker?
        switch launchPlan(configuration) {
        case .success(let launch):
            let pool = WorkerPool(launch: launch, group: group, logger: logger, metrics: metrics)
            services.append(pool)
            health = { pool.health }
            invoker = FunctionInvoker(
                pool: pool, metrics: metrics,
                timeout: .nanoseconds(Int64(configuration.timeoutSeconds * 1e9)),
                timeoutText: "\(formatSeconds(configuration.timeoutSeconds)) s (FUNC_TIMEOUT)",
                maxBodyBytes: configuration.maxBodyBytes, logger: logger)
        case .failure(let problem):
            logger.error("cannot load the function: \(problem.reason)")
            health = { .failed(problem.reason) }
            invoker = nil
        }

        let responder = Chained(
            middleware: AccessLogMiddleware(log: accessLog),
            next: Chained(
                middleware: CORSMiddleware<FunctionRequestContext>(),
                next: FunctionResponder(health: health, metrics: metrics, invoker: invoker)))
        return Application(
            responder: responder,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            services: services,
            onServerRunning: onServerRunning,
            eventLoopGroupProvider: .shared(group),
            logger: logger)
    }

    /// Runs until SIGTERM or SIGINT, then drains: the listener closes, in-flight requests get up to
    /// SHUTDOWN_TIMEOUT to finish, the workers are stopped, and the call returns normally.
    public static func run(configuration: RuntimeConfiguration, logger: Logger) async throws {
        let app = makeApplication(configuration: configuration, logger: logger) { channel in
            let address = channel.localAddress.map { "\($0.ipAddress ?? configuration.host):\($0.port ?? 0)" } ?? "?"
            logger.info("kfn-runtime listening on \(address)", metadata: [
                "module": "\(configuration.moduleName ?? "-")", "handler": "\(configuration.handler ?? "-")",
                "language": "\(configuration.language?.rawValue ?? "-")", "workers": "\(configuration.concurrency)",
            ])
        }
        var groupConfiguration = ServiceGroupConfiguration(
            services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = configuration.shutdownTimeout
        try await ServiceGroup(configuration: groupConfiguration).run()
        logger.info("kfn-runtime stopped")
    }

    struct LaunchProblem: Error {
        var reason: String
    }

    /// How to start a worker for this configuration, or why it cannot be done.
    static func launchPlan(_ configuration: RuntimeConfiguration) -> Result<WorkerLaunch, LaunchProblem> {
        guard let module = configuration.moduleName else { return .failure(.init(reason: "MOD_NAME is not set")) }
        guard let handler = configuration.handler else { return .failure(.init(reason: "FUNC_HANDLER is not set")) }
        guard let language = configuration.language else {
            if let runtime = configuration.runtime {
                return .failure(.init(reason: "FUNC_RUNTIME=\(runtime) is not a runtime kfn-runtime runs (python, nodejs, ruby)"))
            }
            return .failure(.init(reason:
                "module \(module) not found: none of \(module).py, \(module).js, \(module).rb is in \(configuration.installVolume)"))
        }
        let modulePath = configuration.modulePath(for: language, moduleName: module)
        guard FileManager.default.fileExists(atPath: modulePath) else {
            return .failure(.init(reason: "module \(module) not found: \(modulePath) does not exist"))
        }
        let shim = URL(fileURLWithPath: configuration.runtimesDirectory)
            .appendingPathComponent(language.rawValue).appendingPathComponent(language.shimFileName).path
        guard FileManager.default.fileExists(atPath: shim) else {
            return .failure(.init(reason: "the \(language.rawValue) worker shim \(shim) does not exist (set KFN_RUNTIMES_DIR)"))
        }
        var environment = configuration.environment
        environment["MOD_NAME"] = module
        environment["FUNC_HANDLER"] = handler
        environment["FUNC_TIMEOUT"] = formatSeconds(configuration.timeoutSeconds)
        environment["FUNC_RUNTIME"] = configuration.runtime
        environment["FUNC_MEMORY_LIMIT"] = configuration.memoryLimit
        environment["KUBELESS_INSTALL_VOLUME"] = configuration.installVolume
        return .success(WorkerLaunch(
            arguments: [language.interpreter(environment: environment), shim],
            environment: environment,
            size: configuration.concurrency))
    }

    static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
