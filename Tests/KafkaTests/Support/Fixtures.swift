import Foundation
import Kafka
import Testing

/// A mock cluster with one topic, and helpers to fill it and to run a consumer against it.
struct KafkaFixture {
    let cluster: KafkaMockCluster
    let topic: String

    init(topic: String = "events", partitions: Int32 = 3) throws {
        cluster = try KafkaMockCluster(brokers: 1)
        self.topic = topic
        try cluster.createTopic(topic, partitions: partitions)
    }

    var brokers: String { cluster.bootstrapServers }

    /// Produces `count` messages round-robin over `partitions`; the value is made by `value(i)`.
    /// Returns once every message is acknowledged, so offsets are known: message i lands at
    /// offset i / partitions of partition i % partitions.
    func produce(_ count: Int, partitions: Int32 = 3, topic: String? = nil,
                 value: (Int) -> String = { "{\"n\": \($0)}" }) throws {
        let producer = try KafkaProducer(properties: [("bootstrap.servers", brokers), ("linger.ms", "5")])
        var tickets: [KafkaProducer.Ticket] = []
        for i in 0..<count {
            tickets.append(try producer.produce(topic: topic ?? self.topic, partition: Int32(i) % partitions,
                                                key: Array("k\(i)".utf8), value: Array(value(i).utf8)))
        }
        try producer.flush(timeoutMilliseconds: 30_000)
        for ticket in tickets {
            if case .failure(let error)? = ticket.result { throw error }
        }
    }

    /// The environment the compiler's Deployment would set, pointing at this cluster.
    func environment(function: String, group: String = "test-group", extra: [String: String] = [:]) -> [String: String] {
        var env = [
            "KFN_KAFKA_BROKERS": brokers, "KFN_KAFKA_TOPIC": topic, "KFN_KAFKA_GROUP": group,
            "KFN_FUNCTION_URL": function, "KFN_HOST": "127.0.0.1", "KFN_PORT": "0",
            "KFN_RETRY_BACKOFF_MS": "10", "KFN_RETRY_BACKOFF_MAX_MS": "100",
            // The mock coordinator keeps a vanished member until its session times out.
            "KFN_RDKAFKA_SESSION_TIMEOUT_MS": "6000", "KFN_RDKAFKA_HEARTBEAT_INTERVAL_MS": "500",
            "KFN_RDKAFKA_LOG_LEVEL": "3",
        ]
        env.merge(extra) { $1 }
        return env
    }
}

/// A consumer running in this process, with the port of its health server.
struct RunningConsumer {
    let consumer: KafkaConsumer
    let task: Task<Void, any Error>
    let healthPort: Int

    static func start(_ configuration: ConsumerConfiguration) async throws -> RunningConsumer {
        let consumer = try KafkaConsumer(configuration: configuration)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            try await consumer.run(handleSignals: false) { port in
                continuation.yield(port)
                continuation.finish()
            }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw TestFailure("health server did not start") }
        return RunningConsumer(consumer: consumer, task: task, healthPort: port)
    }

    /// Stops as SIGTERM would and waits for the orderly exit (commit, leave the group).
    func stop() async throws {
        consumer.stop()
        try await task.value
    }
}

/// Polls `condition` every 50 ms until it holds or `seconds` pass; the bound keeps a broken
/// consumer from hanging the suite. Returns whether it held.
func eventually(within seconds: Double, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}

/// Reads a metric value (first series whose line starts with `name`) from Prometheus text.
func metric(_ name: String, in text: String) -> Double? {
    for line in text.split(separator: "\n") where line.hasPrefix(name) && !line.hasPrefix("#") {
        let rest = line.dropFirst(name.count)
        guard rest.first == " " || rest.first == "{" else { continue }
        return line.split(separator: " ").last.flatMap { Double($0) }
    }
    return nil
}
