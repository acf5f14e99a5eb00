import Foundation
import Logging
import ServiceLifecycle

/// `kfn-runtime consume` as a library: assembles the function client, the dead-letter producer,
/// the consumer engine and the health server from one configuration, and runs them together.
public final class KafkaConsumer: Sendable {
    private let configuration: ConsumerConfiguration
    private let engine: ConsumerEngine
    private let deadLetter: DeadLetterPublisher?
    private let metrics: ConsumerMetrics
    private let logger: Logger
    private let alive = Locked(true)

    /// Fails with `KafkaError.invalidConfiguration` when librdkafka rejects a property; nothing
    /// touches the network yet, so unreachable brokers are not an error here.
    public init(configuration: ConsumerConfiguration, logger: Logger? = nil) throws(KafkaError) {
        let logger = logger ?? KafkaConsumer.defaultLogger()
        self.configuration = configuration
        self.logger = logger
        metrics = ConsumerMetrics(topic: configuration.topic)
        deadLetter = try configuration.deadLetterTopic.map { topic throws(KafkaError) in
            DeadLetterPublisher(producer: try KafkaProducer(properties: configuration.producerProperties), topic: topic)
        }
        engine = try ConsumerEngine(configuration: configuration, metrics: metrics, logger: logger)
    }

    /// Runs until SIGTERM/SIGINT (when `handleSignals`), `stop()` or cancellation, then finishes
    /// the in-flight messages, commits and leaves the group. `onHealthServerRunning` receives the
    /// bound port (useful with port 0).
    public func run(handleSignals: Bool = true,
                    onHealthServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        // The HTTP client lives exactly as long as `run`: AsyncHTTPClient must be shut down
        // explicitly, which an initializer that can fail halfway could not guarantee.
        let function = FunctionClient(url: configuration.functionURL, timeout: configuration.requestTimeout,
                                      connections: configuration.concurrency)
        let policy = RetryPolicy(maxRetries: configuration.maxRetries, initialBackoff: configuration.initialBackoff,
                                 maxBackoff: configuration.maxBackoff, hasDeadLetterTopic: deadLetter != nil)
        let delivery = MessageDelivery(function: function, policy: policy, deadLetter: deadLetter,
                                       permits: Permits(configuration.concurrency), metrics: metrics, logger: logger)
        let alive = self.alive
        let health = HealthServer.application(configuration: configuration, metrics: metrics,
                                              isAlive: { alive.withLock { $0 } }, logger: logger,
                                              onRunning: onHealthServerRunning)
        let consumer = EngineService(engine: engine, delivery: delivery, alive: alive)
        let group = ServiceGroup(configuration: .init(
            services: [
                // Whichever ends first takes the other down gracefully.
                .init(service: consumer, successTerminationBehavior: .gracefullyShutdownGroup,
                      failureTerminationBehavior: .gracefullyShutdownGroup),
                .init(service: health, successTerminationBehavior: .gracefullyShutdownGroup,
                      failureTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [],
            logger: logger))
        do {
            try await group.run()
        } catch {
            await function.shutdown()
            throw error
        }
        await function.shutdown()
    }

    /// swift-log's default handler (stderr), at `LOG_LEVEL` when set (trace … critical).
    static func defaultLogger() -> Logger {
        var logger = Logger(label: "kfn.kafka")
        if let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap({ Logger.Level(rawValue: $0.lowercased()) }) {
            logger.logLevel = level
        }
        return logger
    }

    /// Asks the consumer to stop as on SIGTERM; `run` returns once it has.
    public func stop() { engine.stop() }
}

/// Adapts the engine to ServiceLifecycle: graceful shutdown and cancellation both stop it the
/// same orderly way, because an abrupt stop would only cause redeliveries.
private struct EngineService: Service {
    let engine: ConsumerEngine
    let delivery: MessageDelivery
    let alive: Locked<Bool>

    func run() async throws {
        defer { alive.withLock { $0 = false } }
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await engine.run(delivery)
            } onGracefulShutdown: {
                engine.stop()
            }
        } onCancel: {
            engine.stop()
        }
    }
}
