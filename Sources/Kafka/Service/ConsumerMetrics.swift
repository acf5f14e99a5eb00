import Prometheus

/// The consumer's Prometheus metrics. Names carry `kfn_kafka_` so they never collide with the
/// function server's `function_*` metrics when both are scraped into one place.
final class ConsumerMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    let consumed: Counter
    let delivered: Counter
    let retried: Counter
    let failedAttempts: Counter
    let deadLettered: Counter
    /// Partitions whose current message has failed and is waiting to be retried.
    let retrying: Gauge
    /// Messages read from Kafka and not yet delivered, over all partitions (bounded by pausing).
    let buffered: Gauge
    let assignedPartitions: Gauge
    let latency: DurationHistogram
    private let topic: String
    private let lagGauges = Locked<[Int32: Gauge]>([:])

    init(topic: String, registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        self.topic = topic
        let labels = [("topic", topic)]
        consumed = registry.makeCounter(descriptor: descriptor("kfn_kafka_messages_consumed_total", "Messages read from Kafka"), labels: labels)
        delivered = registry.makeCounter(descriptor: descriptor("kfn_kafka_messages_delivered_total", "Messages the function answered with 2xx"), labels: labels)
        retried = registry.makeCounter(descriptor: descriptor("kfn_kafka_delivery_retries_total", "Attempts repeated after a failed attempt"), labels: labels)
        failedAttempts = registry.makeCounter(descriptor: descriptor("kfn_kafka_delivery_failures_total", "Attempts that got no 2xx answer"), labels: labels)
        deadLettered = registry.makeCounter(descriptor: descriptor("kfn_kafka_messages_dead_lettered_total", "Messages written to the dead-letter topic after the retries ran out"), labels: labels)
        retrying = registry.makeGauge(descriptor: descriptor("kfn_kafka_partitions_retrying", "Partitions blocked on a failing message"), labels: labels)
        buffered = registry.makeGauge(descriptor: descriptor("kfn_kafka_messages_buffered", "Messages read and not yet delivered"), labels: labels)
        assignedPartitions = registry.makeGauge(descriptor: descriptor("kfn_kafka_partitions_assigned", "Partitions this consumer owns"), labels: labels)
        latency = registry.makeDurationHistogram(
            descriptor: descriptor("kfn_kafka_delivery_duration_seconds",
                                   "Time from reading a message to its 2xx answer or dead-lettering, retries included"),
            labels: labels,
            buckets: [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                      .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
                      .seconds(5), .seconds(10), .seconds(30), .seconds(60)])
    }

    /// Records the lag (high watermark minus the next offset to deliver) of an owned partition.
    func setLag(partition: Int32, _ lag: Int64) {
        let gauge = lagGauges.withLock { gauges in
            if let g = gauges[partition] { return g }
            let g = registry.makeGauge(descriptor: descriptor("kfn_kafka_consumer_lag", "Messages in the partition not yet delivered"),
                                       labels: [("topic", topic), ("partition", String(partition))])
            gauges[partition] = g
            return g
        }
        gauge.set(Double(lag))
    }

    /// Drops the lag series of a partition this consumer no longer owns, so a stale value does
    /// not look like lag here.
    func forgetLag(partition: Int32) {
        if let gauge = lagGauges.withLock({ $0.removeValue(forKey: partition) }) {
            registry.unregisterGauge(gauge)
        }
    }

    func render() -> String { registry.emitToString() }
}

/// Full metric names are spelled out (greppable), so the descriptor gets no namespace or unit.
private func descriptor(_ name: String, _ help: String) -> MetricNameDescriptor {
    MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
}
