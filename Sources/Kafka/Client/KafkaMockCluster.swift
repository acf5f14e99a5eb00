internal import CRdKafka

/// librdkafka's in-process mock Kafka cluster: real brokers speaking the Kafka protocol on
/// 127.0.0.1 ports, with consumer groups and offset commits. Tests and the benchmark use it as the
/// broker, so the consumer is exercised over the real protocol without a JVM.
public final class KafkaMockCluster: @unchecked Sendable {
    // The mock API posts operations to the cluster's own thread, so calls are thread-safe.
    private let rk: OpaquePointer
    private let cluster: OpaquePointer

    /// The `host:port,…` list to give clients as `bootstrap.servers`.
    public let bootstrapServers: String

    public init(brokers: Int32 = 3) throws(KafkaError) {
        // The cluster needs a client handle to live in; a producer without brokers does nothing else.
        let conf = try makeConf([("log_level", "3")])
        rk = try makeHandle(RD_KAFKA_PRODUCER, conf, "mock cluster host")
        guard let cluster = rd_kafka_mock_cluster_new(rk, brokers) else {
            rd_kafka_destroy(rk)
            throw .invalidConfiguration("librdkafka could not start a mock cluster")
        }
        self.cluster = cluster
        bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
    }

    deinit {
        rd_kafka_mock_cluster_destroy(cluster)
        rd_kafka_destroy(rk)
    }

    /// Creates a topic; the mock would otherwise auto-create it with its default partition count.
    public func createTopic(_ name: String, partitions: Int32, replicationFactor: Int32 = 1) throws(KafkaError) {
        try check(rd_kafka_mock_topic_create(cluster, name, partitions, replicationFactor), "create topic \(name)")
    }
}
