import Foundation
@testable import Kafka
import Testing

struct ConfigurationTests {
    let minimal = [
        "KFN_KAFKA_BROKERS": "a:9092, b:9092", "KFN_KAFKA_TOPIC": "orders",
        "KFN_KAFKA_GROUP": "default_hello_orders", "KFN_FUNCTION_URL": "http://hello.default.svc.cluster.local:8080",
    ]

    @Test func defaultsFollowTheDeploymentContract() throws {
        let c = try ConsumerConfiguration(environment: minimal)
        #expect(c.brokers == ["a:9092", "b:9092"])
        #expect(c.maxRetries == 5)
        #expect(c.initialBackoff == .milliseconds(200))
        #expect(c.maxBackoff == .seconds(30))
        #expect(c.requestTimeout == .seconds(180))
        #expect(c.deadLetterTopic == nil)
        #expect(c.host == "0.0.0.0" && c.port == 8080)
        let properties = Dictionary(c.consumerProperties, uniquingKeysWith: { $1 })
        #expect(properties["bootstrap.servers"] == "a:9092,b:9092")
        #expect(properties["group.id"] == "default_hello_orders")
        #expect(properties["enable.auto.commit"] == "false")
        #expect(properties["enable.auto.offset.store"] == "false")
        #expect(properties["auto.offset.reset"] == "earliest")
    }

    @Test func passthroughMapsNamesToLibrdkafkaProperties() throws {
        var env = minimal
        env["KFN_RDKAFKA_SECURITY_PROTOCOL"] = "SASL_SSL"
        env["KFN_RDKAFKA_SASL_MECHANISMS"] = "PLAIN"
        env["KFN_RDKAFKA_LOG_LEVEL"] = "3"
        env["KFN_RDKAFKA_AUTO_OFFSET_RESET"] = "latest"
        let c = try ConsumerConfiguration(environment: env)
        let properties = c.consumerProperties
        // The passthrough comes after kfn's defaults, so librdkafka keeps the user's value.
        #expect(properties.last { $0.0 == "auto.offset.reset" }?.1 == "latest")
        #expect(properties.contains { $0 == ("security.protocol", "SASL_SSL") })
        #expect(properties.contains { $0 == ("sasl.mechanisms", "PLAIN") })
        #expect(properties.contains { $0 == ("log_level", "3") })
        // Security settings reach the dead-letter producer too; consumer-only ones do not.
        #expect(c.producerProperties.contains { $0 == ("security.protocol", "SASL_SSL") })
        #expect(!c.producerProperties.contains { $0.0 == "auto.offset.reset" })
    }

    @Test func everyProblemIsReportedAtOnce() {
        let env = ["KFN_KAFKA_TOPIC": "orders", "KFN_FUNCTION_URL": "ftp://x", "KFN_RETRY_BACKOFF_MS": "500",
                   "KFN_RETRY_BACKOFF_MAX_MS": "100", "KFN_RDKAFKA_ENABLE_AUTO_COMMIT": "true",
                   "KFN_DEAD_LETTER_TOPIC": "orders"]
        #expect {
            try ConsumerConfiguration(environment: env)
        } throws: { error in
            let text = "\(error)"
            return ["KFN_KAFKA_BROKERS is not set", "KFN_KAFKA_GROUP is not set", "ftp://x",
                    "KFN_RETRY_BACKOFF_MAX_MS (100) is below", "would override enable.auto.commit",
                    "KFN_DEAD_LETTER_TOPIC must differ"].allSatisfy(text.contains)
        }
    }

    @Test func librdkafkaRejectionCarriesItsOwnText() throws {
        var env = minimal
        env["KFN_RDKAFKA_FETCH_WAIT_MAX_MS"] = "soon"
        let c = try ConsumerConfiguration(environment: env)
        #expect {
            try KafkaConsumer(configuration: c)
        } throws: { error in
            guard case KafkaError.invalidConfiguration(let text) = error else { return false }
            return text.contains("fetch.wait.max.ms=soon") && text.contains("Invalid value")
        }
    }

    @Test func backoffDoublesUpToTheCap() {
        let policy = RetryPolicy(maxRetries: 5, initialBackoff: .milliseconds(200), maxBackoff: .seconds(1),
                                 hasDeadLetterTopic: true)
        #expect((1...5).map(policy.backoff(beforeRetry:)) ==
            [.milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1)])
        #expect(policy.backoff(beforeRetry: 1_000) == .seconds(1))
        #expect(!policy.shouldDeadLetter(afterFailedAttempts: 5))
        #expect(policy.shouldDeadLetter(afterFailedAttempts: 6))
        let noDLQ = RetryPolicy(maxRetries: 5, initialBackoff: .milliseconds(1), maxBackoff: .seconds(1), hasDeadLetterTopic: false)
        #expect(!noDLQ.shouldDeadLetter(afterFailedAttempts: 1_000))
    }
}

struct FunctionEventTests {
    func message(_ value: String, timestamp: Int64? = 1_700_000_000_123) -> KafkaMessage {
        KafkaMessage(topic: "orders", partition: 2, offset: 41, key: nil, value: Array(value.utf8),
                     timestampMilliseconds: timestamp, headers: [])
    }

    @Test func headersFollowTheKubelessContractAndAreStableAcrossRedeliveries() {
        let event = FunctionEvent(message: message("{\"a\": 1}"))
        let headers = Dictionary(event.headers, uniquingKeysWith: { $1 })
        #expect(headers["event-id"] == "orders-2-41")
        #expect(headers["event-time"] == "2023-11-14T22:13:20.123Z")
        #expect(headers["event-namespace"] == "kafkatriggers.kubeless.io")
        #expect(headers["event-topic"] == "orders")
        #expect(headers["event-type"] == "application/json")
        #expect(headers["Content-Type"] == "application/json")
        #expect(FunctionEvent(message: message("{\"a\": 1}")).headers.map(\.1) == event.headers.map(\.1))
    }

    @Test(arguments: [
        ("{\"a\": [1, 2]}", "application/json"),
        ("  {}", "application/json"),
        ("[1, 2]", "text/plain; charset=utf-8"),  // JSON, but not an object: Kubeless's rule
        ("{not json", "text/plain; charset=utf-8"),
        ("hello", "text/plain; charset=utf-8"),
    ])
    func contentTypeFollowsThePayload(payload: String, expected: String) {
        #expect(FunctionEvent.contentType(of: Array(payload.utf8)) == expected)
    }

    @Test func binaryPayloadIsOctetStream() {
        #expect(FunctionEvent.contentType(of: [0xff, 0x00, 0x10]) == "application/octet-stream")
        #expect(FunctionEvent.contentType(of: [0x41, 0x00]) == "application/octet-stream")
    }
}
