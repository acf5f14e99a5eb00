import Foundation
internal import CRdKafka

/// A group rebalance as the consumer logic sees it.
enum Rebalance {
    case assigned([Int32])
    /// `lost` means the group already gave the partitions away (session timeout), so committing is
    /// pointless and would fail.
    case revoked([Int32], lost: Bool)
}

/// What one poll returned.
enum PollResult {
    case message(KafkaMessage)
    /// A per-message error event (for example an unknown topic); consuming goes on.
    case error(KafkaError)
    case nothing
}

/// Receives librdkafka's callbacks. It exists before the handle (librdkafka needs the opaque
/// pointer at configuration time) and the handle keeps it alive for as long as `rk` lives.
final class ConsumerCallbacks {
    /// Called on the poll thread, inside `poll`, before partitions are assigned and before they
    /// are revoked, so offsets can still be stored and committed.
    var onRebalance: (Rebalance) -> Void = { _ in }
    /// Called on the poll thread for client-level errors (brokers down, authentication, …).
    var onError: (KafkaError, _ fatal: Bool) -> Void = { _, _ in }
}

/// The librdkafka high-level consumer. Not thread-safe by design: only the poll thread uses it.
final class KafkaConsumerHandle {
    private let rk: OpaquePointer
    private let callbacks: ConsumerCallbacks
    let topic: String
    private var closed = false

    init(properties: [(String, String)], topic: String, callbacks: ConsumerCallbacks) throws(KafkaError) {
        self.topic = topic
        self.callbacks = callbacks
        let conf = try makeConf(properties)
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(callbacks).toOpaque())
        rd_kafka_conf_set_rebalance_cb(conf) { rk, err, partitions, opaque in
            guard let rk, let opaque, let partitions else { return }
            let callbacks = Unmanaged<ConsumerCallbacks>.fromOpaque(opaque).takeUnretainedValue()
            KafkaConsumerHandle.rebalance(rk, err, partitions, callbacks)
        }
        rd_kafka_conf_set_error_cb(conf) { rk, err, reason, opaque in
            guard let opaque else { return }
            let callbacks = Unmanaged<ConsumerCallbacks>.fromOpaque(opaque).takeUnretainedValue()
            let text = reason.map { String(cString: $0) } ?? String(cString: rd_kafka_err2str(rd_kafka_resp_err_t(err)))
            let code = rd_kafka_resp_err_t(err)
            callbacks.onError(.librdkafka(operation: "Kafka client", code: String(cString: rd_kafka_err2name(code)), message: text),
                              code == RD_KAFKA_RESP_ERR__FATAL)
        }
        rk = try makeHandle(RD_KAFKA_CONSUMER, conf, "consumer")
        // Route client events (errors, rebalances) through rd_kafka_consumer_poll.
        rd_kafka_poll_set_consumer(rk)
    }

    deinit {
        if !closed { rd_kafka_consumer_close(rk) }
        rd_kafka_destroy(rk)
    }

    private static func rebalance(_ rk: OpaquePointer, _ err: rd_kafka_resp_err_t,
                                  _ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>,
                                  _ callbacks: ConsumerCallbacks) {
        let partitions = (0..<Int(list.pointee.cnt)).map { list.pointee.elems[$0].partition }
        let cooperative = String(cString: rd_kafka_rebalance_protocol(rk)) == "COOPERATIVE"
        if err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS {
            callbacks.onRebalance(.assigned(partitions))
            if cooperative {
                if let error = rd_kafka_incremental_assign(rk, list) {
                    callbacks.onError(.consuming(error, "assign partitions"), false)
                }
            } else {
                rd_kafka_assign(rk, list)
            }
        } else {
            callbacks.onRebalance(.revoked(partitions, lost: rd_kafka_assignment_lost(rk) != 0))
            if cooperative {
                if let error = rd_kafka_incremental_unassign(rk, list) {
                    callbacks.onError(.consuming(error, "unassign partitions"), false)
                }
            } else {
                rd_kafka_assign(rk, nil)
            }
        }
    }

    func subscribe() throws(KafkaError) {
        let list = rd_kafka_topic_partition_list_new(1)!
        defer { rd_kafka_topic_partition_list_destroy(list) }
        rd_kafka_topic_partition_list_add(list, topic, -1)  // RD_KAFKA_PARTITION_UA: the whole topic
        try check(rd_kafka_subscribe(rk, list), "subscribe to \(topic)")
    }

    /// Waits up to `timeoutMilliseconds` for a message; rebalance and error callbacks run inside.
    func poll(timeoutMilliseconds: Int32) -> PollResult {
        guard let raw = rd_kafka_consumer_poll(rk, timeoutMilliseconds) else { return .nothing }
        defer { rd_kafka_message_destroy(raw) }
        let err = raw.pointee.err
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            let detail = rd_kafka_message_errstr(raw).map { String(cString: $0) } ?? String(cString: rd_kafka_err2str(err))
            return .error(.librdkafka(operation: "consume \(topic)", code: String(cString: rd_kafka_err2name(err)), message: detail))
        }
        return .message(KafkaMessage(copying: raw))
    }

    /// Records `nextOffset` (last processed + 1) as the partition's position to commit.
    func storeOffset(partition: Int32, nextOffset: Int64) throws(KafkaError) {
        try withList([(partition, nextOffset)]) { list throws(KafkaError) in
            try check(rd_kafka_offsets_store(rk, list), "store offset \(nextOffset) of \(topic)/\(partition)")
        }
    }

    /// Commits the stored offsets of the current assignment. `wait` blocks until the broker answers.
    func commitStored(wait: Bool) throws(KafkaError) {
        let err = rd_kafka_commit(rk, nil, wait ? 0 : 1)
        // Nothing stored since the last commit is not a failure.
        if err == RD_KAFKA_RESP_ERR__NO_OFFSET { return }
        try check(err, "commit offsets of \(topic)")
    }

    func pause(_ partitions: [Int32]) {
        _ = try? withList(partitions.map { ($0, Int64(RD_KAFKA_OFFSET_INVALID)) }) { list throws(KafkaError) in
            try check(rd_kafka_pause_partitions(rk, list), "pause")
        }
    }

    func resume(_ partitions: [Int32]) {
        _ = try? withList(partitions.map { ($0, Int64(RD_KAFKA_OFFSET_INVALID)) }) { list throws(KafkaError) in
            try check(rd_kafka_resume_partitions(rk, list), "resume")
        }
    }

    /// The partition's high watermark as last seen in a fetch response (no network round trip).
    func highWatermark(partition: Int32) -> Int64? {
        var low: Int64 = -1
        var high: Int64 = -1
        guard rd_kafka_get_watermark_offsets(rk, topic, partition, &low, &high) == RD_KAFKA_RESP_ERR_NO_ERROR,
              high >= 0 else { return nil }
        return high
    }

    /// Leaves the group; the revoke callback runs inside, committing what is done.
    func close() throws(KafkaError) {
        guard !closed else { return }
        closed = true
        try check(rd_kafka_consumer_close(rk), "leave consumer group")
    }

    private func withList<R>(_ entries: [(Int32, Int64)],
                             _ body: (UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) throws(KafkaError) -> R) throws(KafkaError) -> R {
        let list = rd_kafka_topic_partition_list_new(Int32(entries.count))!
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for (partition, offset) in entries {
            rd_kafka_topic_partition_list_add(list, topic, partition).pointee.offset = offset
        }
        return try body(list)
    }
}
