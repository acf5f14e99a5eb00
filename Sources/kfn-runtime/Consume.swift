import ArgumentParser
import Foundation
import Kafka

/// `kfn-runtime consume`: the environment (set by the compiler's consumer Deployment) is the
/// configuration; flags override it for local runs. Everything else lives in the Kafka module.
struct Consume: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Consume a Kafka topic and POST every message to the function.",
        discussion: """
            Configured by environment: KFN_KAFKA_BROKERS, KFN_KAFKA_TOPIC, KFN_KAFKA_GROUP, KFN_FUNCTION_URL \
            (required); KFN_MAX_RETRIES, KFN_RETRY_BACKOFF_MS, KFN_RETRY_BACKOFF_MAX_MS, KFN_DEAD_LETTER_TOPIC, \
            KFN_REQUEST_TIMEOUT, KFN_CONCURRENCY, KFN_HOST, KFN_PORT; any librdkafka property as \
            KFN_RDKAFKA_<NAME> (dots as underscores, e.g. KFN_RDKAFKA_SECURITY_PROTOCOL=SASL_SSL). \
            A flag given on the command line wins over its variable. See docs/kafka.md.
            """)

    @Option(help: "Comma list of host:port (KFN_KAFKA_BROKERS).") var brokers: String?
    @Option(help: "Topic to consume (KFN_KAFKA_TOPIC).") var topic: String?
    @Option(help: "Consumer group (KFN_KAFKA_GROUP).") var group: String?
    @Option(name: .customLong("function-url"), help: "Where to POST each message (KFN_FUNCTION_URL).") var functionURL: String?
    @Option(name: .customLong("max-retries"), help: "Retries before dead-lettering (KFN_MAX_RETRIES, default 5).") var maxRetries: Int?
    @Option(name: .customLong("dead-letter-topic"), help: "Topic for messages whose retries ran out (KFN_DEAD_LETTER_TOPIC).") var deadLetterTopic: String?
    @Option(help: "Partitions delivered in parallel (KFN_CONCURRENCY, default 16).") var concurrency: Int?
    @Option(help: "Health and metrics address (KFN_HOST, default 0.0.0.0).") var host: String?
    @Option(help: "Health and metrics port (KFN_PORT, default 8080).") var port: Int?

    func run() async throws {
        var environment = ProcessInfo.processInfo.environment
        let overrides: [(String, String?)] = [
            ("KFN_KAFKA_BROKERS", brokers), ("KFN_KAFKA_TOPIC", topic), ("KFN_KAFKA_GROUP", group),
            ("KFN_FUNCTION_URL", functionURL), ("KFN_MAX_RETRIES", maxRetries.map(String.init)),
            ("KFN_DEAD_LETTER_TOPIC", deadLetterTopic), ("KFN_CONCURRENCY", concurrency.map(String.init)),
            ("KFN_HOST", host), ("KFN_PORT", port.map(String.init)),
        ]
        for case let (name, value?) in overrides { environment[name] = value }
        // Configuration errors are thrown as they are: ArgumentParser prints them and exits 1.
        let consumer = try KafkaConsumer(configuration: ConsumerConfiguration(environment: environment))
        try await consumer.run()
    }
}
