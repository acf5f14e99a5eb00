import Foundation

/// Everything `kfn-runtime consume` needs, decoded from the environment the compiler's consumer
/// Deployment sets. Validation collects every problem so one failed start shows them all.
public struct ConsumerConfiguration: Sendable {
    public var brokers: [String]
    public var topic: String
    public var group: String
    public var functionURL: URL
    /// Retries after the first attempt; the dead-letter topic (if any) takes over after them.
    public var maxRetries: Int
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    public var deadLetterTopic: String?
    public var requestTimeout: Duration
    public var host: String
    public var port: Int
    /// How many partitions may have a request to the function in flight at the same time.
    public var concurrency: Int
    /// `KFN_RDKAFKA_*` passthrough, already translated to librdkafka property names.
    public var rdkafkaProperties: [(String, String)]
    /// Messages buffered per partition before the partition is paused; bounds memory when the
    /// function is slow or down. Not an env var: it is a safety valve, not a tuning knob.
    public var maxBufferedPerPartition = 500

    public static let passthroughPrefix = "KFN_RDKAFKA_"
    /// Properties kfn sets for its delivery guarantee; overriding them would break at-least-once.
    static let reservedProperties: Set<String> = [
        "bootstrap.servers", "group.id", "enable.auto.commit", "enable.auto.offset.store",
    ]
    /// librdkafka properties whose names contain underscores, which the env mapping cannot express.
    static let underscoreProperties = ["log.level": "log_level"]

    public init(environment env: [String: String]) throws(KafkaError) {
        var problems: [String] = []
        func value(_ name: String) -> String? {
            guard let raw = env[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        func required(_ name: String, _ hint: String) -> String {
            if let v = value(name) { return v }
            problems.append("\(name) is not set; \(hint)")
            return ""
        }
        func number(_ name: String, default def: Int, min: Int) -> Int {
            guard let raw = value(name) else { return def }
            guard let n = Int(raw), n >= min else {
                problems.append("\(name)=\(raw) must be a whole number ≥ \(min)")
                return def
            }
            return n
        }

        brokers = required("KFN_KAFKA_BROKERS", "give a comma list of host:port, e.g. kafka:9092")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if value("KFN_KAFKA_BROKERS") != nil && brokers.isEmpty {
            problems.append("KFN_KAFKA_BROKERS lists no broker; give a comma list of host:port")
        }
        topic = required("KFN_KAFKA_TOPIC", "name the topic to consume")
        group = required("KFN_KAFKA_GROUP", "name the consumer group (the compiler uses <namespace>_<function>_<topic>)")
        let urlText = required("KFN_FUNCTION_URL", "give the function's URL, e.g. http://hello.default.svc.cluster.local:8080")
        let components = URLComponents(string: urlText)
        if let components, let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
           let host = components.host, !host.isEmpty, let url = components.url {
            functionURL = url
        } else {
            if !urlText.isEmpty { problems.append("KFN_FUNCTION_URL=\(urlText) is not an http:// or https:// URL with a host") }
            functionURL = URL(string: "http://invalid")!
        }
        maxRetries = number("KFN_MAX_RETRIES", default: 5, min: 0)
        let initialMs = number("KFN_RETRY_BACKOFF_MS", default: 200, min: 1)
        let maxMs = number("KFN_RETRY_BACKOFF_MAX_MS", default: 30_000, min: 1)
        if maxMs < initialMs { problems.append("KFN_RETRY_BACKOFF_MAX_MS (\(maxMs)) is below KFN_RETRY_BACKOFF_MS (\(initialMs))") }
        initialBackoff = .milliseconds(initialMs)
        maxBackoff = .milliseconds(max(maxMs, initialMs))
        deadLetterTopic = value("KFN_DEAD_LETTER_TOPIC")
        if let dlq = deadLetterTopic, dlq == topic { problems.append("KFN_DEAD_LETTER_TOPIC must differ from KFN_KAFKA_TOPIC (\(dlq))") }
        if let raw = value("KFN_REQUEST_TIMEOUT") {
            if let seconds = Double(raw), seconds > 0, seconds.isFinite {
                requestTimeout = .milliseconds(Int64(seconds * 1000))
            } else {
                problems.append("KFN_REQUEST_TIMEOUT=\(raw) must be a positive number of seconds")
                requestTimeout = .seconds(180)
            }
        } else {
            requestTimeout = .seconds(180)
        }
        host = value("KFN_HOST") ?? "0.0.0.0"
        port = number("KFN_PORT", default: 8080, min: 0)
        if port > 65_535 { problems.append("KFN_PORT=\(port) is not a TCP port") }
        concurrency = number("KFN_CONCURRENCY", default: 16, min: 1)

        rdkafkaProperties = []
        for (name, raw) in env.sorted(by: { $0.key < $1.key }) where name.hasPrefix(Self.passthroughPrefix) {
            let dotted = name.dropFirst(Self.passthroughPrefix.count).lowercased().replacingOccurrences(of: "_", with: ".")
            let property = Self.underscoreProperties[dotted] ?? dotted
            if property.isEmpty { continue }
            if Self.reservedProperties.contains(property) {
                problems.append("\(name) would override \(property), which kfn sets itself; use the KFN_KAFKA_* variables")
            } else {
                rdkafkaProperties.append((property, raw))
            }
        }

        if !problems.isEmpty {
            throw .invalidConfiguration("invalid consumer configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n"))
        }
    }

    /// librdkafka consumer properties: kfn's defaults first, so the passthrough can replace them,
    /// then the ones the delivery guarantee depends on, which nothing replaces.
    var consumerProperties: [(String, String)] {
        [("client.id", "kfn-runtime-consume"),
         // A new group starts at the beginning: messages produced before the consumer Deployment
         // first ran still reach the function. KFN_RDKAFKA_AUTO_OFFSET_RESET=latest opts out.
         ("auto.offset.reset", "earliest")]
            + rdkafkaProperties
            + [("bootstrap.servers", brokers.joined(separator: ",")),
               ("group.id", group),
               // Offsets are stored only after the function answered 2xx (or the message was
               // dead-lettered) and committed by the poll loop; librdkafka must not do either alone.
               ("enable.auto.commit", "false"),
               ("enable.auto.offset.store", "false")]
    }

    /// Producer properties for the dead-letter topic: the same cluster and security settings.
    var producerProperties: [(String, String)] {
        let consumerOnly: Set<String> = ["auto.offset.reset", "session.timeout.ms", "max.poll.interval.ms",
                                         "heartbeat.interval.ms", "partition.assignment.strategy",
                                         "group.instance.id", "fetch.min.bytes", "fetch.wait.max.ms",
                                         "queued.max.messages.kbytes", "queued.min.messages"]
        return [("client.id", "kfn-runtime-dead-letter")]
            + rdkafkaProperties.filter { !consumerOnly.contains($0.0) }
            + [("bootstrap.servers", brokers.joined(separator: ","))]
    }
}
