import Foundation
import Kafka
import Testing

/// `kfn-runtime consume` as the pod runs it: exit statuses, signals, health and metrics.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ProcessTests {
    @Test(arguments: [
        ("KFN_KAFKA_BROKERS", nil, "KFN_KAFKA_BROKERS is not set"),
        ("KFN_KAFKA_BROKERS", " , ", "KFN_KAFKA_BROKERS lists no broker"),
        ("KFN_KAFKA_TOPIC", "", "KFN_KAFKA_TOPIC is not set"),
        ("KFN_FUNCTION_URL", "hello.default:8080", "is not an http:// or https:// URL"),
        ("KFN_MAX_RETRIES", "many", "KFN_MAX_RETRIES=many must be a whole number"),
        ("KFN_RDKAFKA_SECURITY_PROTOCOL", "carrier_pigeon", "security.protocol=carrier_pigeon is not accepted"),
    ] as [(String, String?, String)])
    func badConfigurationExitsWithStatusOneAndSaysWhy(variable: String, value: String?, message: String) async throws {
        var env = [
            "KFN_KAFKA_BROKERS": "127.0.0.1:9", "KFN_KAFKA_TOPIC": "t", "KFN_KAFKA_GROUP": "g",
            "KFN_FUNCTION_URL": "http://127.0.0.1:9", "KFN_HOST": "127.0.0.1", "KFN_PORT": "0",
        ]
        env[variable] = value
        let child = try ChildProcess(environment: env)
        let status = await child.exitStatus(within: 20)
        #expect(status == 1)
        #expect(child.text.contains(message), "output was: \(child.text)")
    }

    @Test func unreachableBrokersAreLoggedAndRetriedThenSigtermExitsCleanly() async throws {
        let child = try ChildProcess(environment: [
            "KFN_KAFKA_BROKERS": "127.0.0.1:1", "KFN_KAFKA_TOPIC": "t", "KFN_KAFKA_GROUP": "g",
            "KFN_FUNCTION_URL": "http://127.0.0.1:9", "KFN_HOST": "127.0.0.1", "KFN_PORT": "0",
            "KFN_RDKAFKA_LOG_LEVEL": "0",
        ])
        let logged = await eventually(within: 20) { child.text.contains("Kafka client error; librdkafka keeps retrying") }
        #expect(logged, "output was: \(child.text)")
        #expect(child.isRunning, "a transient failure must not end the process")
        child.signal(SIGTERM)
        #expect(await child.exitStatus(within: 20) == 0)
    }

    @Test func sigkillMidStreamThenRestartDeliversEverythingWithBoundedDuplicates() async throws {
        let kafka = try KafkaFixture()
        let total = 900
        try kafka.produce(total)
        // A little work per message so the kill lands mid-stream.
        let function = try await TestFunction.start { _ in
            try? await Task.sleep(for: .milliseconds(2))
            return 200
        }
        defer { Task { await function.stop() } }
        let env = kafka.environment(function: function.url).merging(["PATH": "/usr/bin:/bin"]) { a, _ in a }

        let first = try ChildProcess(environment: env)
        #expect(await eventually(within: 60) { function.events.count >= total / 3 }, "output: \(first.text)")
        first.signal(SIGKILL)
        let killedAt = ContinuousClock.now
        _ = await first.exitStatus(within: 10)
        let beforeKill = function.events
        #expect(beforeKill.count < total, "the kill must land mid-stream for this test to mean anything")

        let second = try ChildProcess(environment: env)
        let distinct = { Set(function.events.map(\.eventID)).count }
        let complete = await eventually(within: 90) { distinct() >= total }
        second.signal(SIGTERM)
        let status = await second.exitStatus(within: 30)
        #expect(complete, "delivered \(distinct()) of \(total); output: \(second.text)")
        #expect(status == 0, "SIGTERM must end the consumer cleanly")

        // A message may come twice only if it was not yet committed at the kill: in flight, or
        // answered within the last commit interval (100 ms) and poll tick before it.
        let firstSeen = Dictionary(beforeKill.map { ($0.eventID, $0.at) }, uniquingKeysWith: min)
        let all = function.events
        let duplicates = Dictionary(grouping: all, by: \.eventID).filter { $0.value.count > 1 }
        for (id, _) in duplicates {
            let first = try #require(firstSeen[id], "\(id) duplicated but never seen before the kill")
            #expect(killedAt - first < .seconds(1), "\(id) was delivered long before the kill yet redelivered")
        }
        #expect(duplicates.count < total / 3, "\(duplicates.count) duplicates")
        // Per partition the second consumer starts where the first committed: never further back.
        for partition: Int32 in 0..<3 {
            let offsets = function.deliveredOffsets()[partition] ?? []
            #expect(Set(offsets) == Set(0..<Int64(total / 3)))
        }
    }

    @Test func servesHealthAndMetrics() async throws {
        let kafka = try KafkaFixture()
        try kafka.produce(30)
        let function = try await TestFunction.start()
        defer { Task { await function.stop() } }
        let consumer = try await RunningConsumer.start(ConsumerConfiguration(environment: kafka.environment(function: function.url)))
        #expect(await eventually(within: 30) { function.events.count >= 30 })
        let health = try await httpGet("http://127.0.0.1:\(consumer.healthPort)/healthz")
        #expect(health.status == 200)
        // Lag is sampled once a second.
        try await Task.sleep(for: .milliseconds(1_200))
        let text = try await fetchMetrics(port: consumer.healthPort)
        try await consumer.stop()
        #expect(metric("kfn_kafka_messages_consumed_total", in: text) == 30)
        #expect(metric("kfn_kafka_messages_delivered_total", in: text) == 30)
        #expect(metric("kfn_kafka_partitions_assigned", in: text) == 3)
        #expect(text.contains("kfn_kafka_consumer_lag{topic=\"events\",partition=\"0\"} 0"))
        #expect(text.contains("kfn_kafka_delivery_duration_seconds_count{topic=\"events\"} 30"))
    }
}
