import Hummingbird
import Logging

/// `/healthz` and `/metrics` for the kubelet and Prometheus. The consumer has no other HTTP
/// surface; messages reach the function through `FunctionClient`, not through this server.
enum HealthServer {
    static func router(metrics: ConsumerMetrics, isAlive: @escaping @Sendable () -> Bool) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/healthz") { _, _ -> Response in
            // Alive means the poll loop is running; brokers being down is not a reason for the
            // kubelet to restart the pod (librdkafka reconnects), so it does not count here.
            isAlive()
                ? Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
                : Response(status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "stopping\n")))
        }
        router.get("/metrics") { _, _ -> Response in
            Response(status: .ok,
                     headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: metrics.render())))
        }
        return router
    }

    static func application(configuration: ConsumerConfiguration, metrics: ConsumerMetrics,
                            isAlive: @escaping @Sendable () -> Bool, logger: Logger,
                            onRunning: @escaping @Sendable (Int) async -> Void) -> some ApplicationProtocol {
        Application(router: router(metrics: metrics, isAlive: isAlive),
                    configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                         serverName: "kfn-runtime-consume"),
                    onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
                    logger: logger)
    }
}
