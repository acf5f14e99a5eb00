import Foundation
internal import CRdKafka

/// A librdkafka producer: used for the dead-letter topic, and by tests and the benchmark to fill
/// topics. librdkafka's producer API is thread-safe, hence `@unchecked Sendable`.
public final class KafkaProducer: @unchecked Sendable {
    /// The outcome of one produced message, filled in by librdkafka's delivery report.
    public final class Ticket: @unchecked Sendable {
        private let state = Locked<Result<Void, KafkaError>?>(nil)
        public var result: Result<Void, KafkaError>? { state.withLock { $0 } }
        fileprivate func complete(_ result: Result<Void, KafkaError>) { state.withLock { $0 = result } }
    }

    private let rk: OpaquePointer

    /// `properties` are librdkafka producer properties, at least `bootstrap.servers`.
    public init(properties: [(String, String)]) throws(KafkaError) {
        let conf = try makeConf(properties)
        // Delivery reports resolve the ticket passed as the message opaque; the callback runs on
        // whichever thread calls rd_kafka_poll / rd_kafka_flush.
        rd_kafka_conf_set_dr_msg_cb(conf) { _, message, _ in
            guard let message, let opaque = message.pointee._private else { return }
            let ticket = Unmanaged<Ticket>.fromOpaque(opaque).takeRetainedValue()
            let err = message.pointee.err
            ticket.complete(err == RD_KAFKA_RESP_ERR_NO_ERROR ? .success(()) : .failure(.from(err, "deliver message")))
        }
        rk = try makeHandle(RD_KAFKA_PRODUCER, conf, "producer")
    }

    deinit {
        // Give queued messages a moment to leave, then free; messages still queued are dropped,
        // and their tickets leak, which only happens when the process is going away anyway.
        rd_kafka_flush(rk, 2_000)
        rd_kafka_destroy(rk)
    }

    /// Queues one message without waiting; `partition` nil lets librdkafka partition by key.
    @discardableResult
    public func produce(topic: String, partition: Int32? = nil, key: [UInt8]?, value: [UInt8],
                        headers: [KafkaMessage.Header] = []) throws(KafkaError) -> Ticket {
        let ticket = Ticket()
        let opaque = Unmanaged.passRetained(ticket).toOpaque()
        var hdrs: OpaquePointer? = nil
        if !headers.isEmpty {
            hdrs = rd_kafka_headers_new(headers.count)
            for header in headers {
                _ = header.value.withUnsafeBytes { rd_kafka_header_add(hdrs, header.name, -1, $0.baseAddress, $0.count) }
            }
        }
        let err = value.withUnsafeBytes { valueBytes in
            withOptionalBytes(key) { keyBytes in
                kfn_produce(rk, topic, partition ?? -1 /* RD_KAFKA_PARTITION_UA */,
                            keyBytes?.baseAddress, keyBytes?.count ?? 0,
                            valueBytes.baseAddress, valueBytes.count, hdrs, opaque)
            }
        }
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            Unmanaged<Ticket>.fromOpaque(opaque).release()
            if let hdrs { rd_kafka_headers_destroy(hdrs) }
            throw KafkaError.from(err, "produce to \(topic)")
        }
        rd_kafka_poll(rk, 0)  // serve delivery reports of earlier messages
        return ticket
    }

    /// Waits (blocking the calling thread) until every queued message is delivered or failed.
    public func flush(timeoutMilliseconds: Int32) throws(KafkaError) {
        try check(rd_kafka_flush(rk, timeoutMilliseconds), "flush producer")
    }

    /// Produces one message and waits for its delivery report, off the cooperative thread pool
    /// because librdkafka's wait blocks.
    public func send(topic: String, key: [UInt8]?, value: [UInt8], headers: [KafkaMessage.Header],
                     timeoutMilliseconds: Int32) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async {
                do {
                    let ticket = try self.produce(topic: topic, key: key, value: value, headers: headers)
                    let deadline = DispatchTime.now() + .milliseconds(Int(timeoutMilliseconds))
                    while ticket.result == nil, DispatchTime.now() < deadline {
                        rd_kafka_poll(self.rk, 50)
                    }
                    switch ticket.result {
                    case .success?: continuation.resume()
                    case .failure(let error)?: continuation.resume(throwing: error)
                    case nil: continuation.resume(throwing: KafkaError.from(RD_KAFKA_RESP_ERR__TIMED_OUT, "produce to \(topic)"))
                    }
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}

private func withOptionalBytes<R>(_ bytes: [UInt8]?, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
    guard let bytes else { return body(nil) }
    return bytes.withUnsafeBytes { body($0) }
}
