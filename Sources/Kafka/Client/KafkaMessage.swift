internal import CRdKafka

/// One record read from Kafka, copied out of librdkafka's buffers so it can cross threads.
public struct KafkaMessage: Sendable, Equatable {
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: [UInt8]
        public init(name: String, value: [UInt8]) { self.name = name; self.value = value }
    }

    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var key: [UInt8]?
    public var value: [UInt8]
    /// Milliseconds since the epoch (create or log-append time), nil when the broker has none.
    public var timestampMilliseconds: Int64?
    public var headers: [Header]

    public init(topic: String, partition: Int32, offset: Int64, key: [UInt8]?, value: [UInt8],
                timestampMilliseconds: Int64?, headers: [Header]) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.timestampMilliseconds = timestampMilliseconds
        self.headers = headers
    }

    /// Copies a message; the caller still destroys `raw`.
    init(copying raw: UnsafeMutablePointer<rd_kafka_message_t>) {
        let m = raw.pointee
        topic = String(cString: rd_kafka_topic_name(m.rkt))
        partition = m.partition
        offset = m.offset
        key = m.key.map { Array(UnsafeRawBufferPointer(start: $0, count: m.key_len)) }
        value = m.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: m.len)) } ?? []
        var type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let ts = rd_kafka_message_timestamp(raw, &type)
        timestampMilliseconds = type == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE || ts < 0 ? nil : ts
        headers = []
        var hdrs: OpaquePointer?
        if rd_kafka_message_headers(raw, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR, let hdrs {
            var index = 0
            var name: UnsafePointer<CChar>?
            var value: UnsafeRawPointer?
            var size = 0
            while rd_kafka_header_get_all(hdrs, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
                let bytes = value.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) } ?? []
                headers.append(Header(name: name.map { String(cString: $0) } ?? "", value: bytes))
                index += 1
            }
        }
    }
}
