import Foundation

/// The HTTP request a Kafka message becomes: the Kubeless event headers plus `event-topic`.
/// Kubeless used a random event-id and the consumer's clock; kfn derives both from the message so
/// a redelivered message carries the same id and time, letting functions deduplicate.
struct FunctionEvent: Sendable {
    static let namespace = "kafkatriggers.kubeless.io"

    var headers: [(String, String)]
    var body: [UInt8]

    init(message: KafkaMessage, now: Date = Date()) {
        let contentType = Self.contentType(of: message.value)
        let time = message.timestampMilliseconds.map { Date(timeIntervalSince1970: Double($0) / 1000) } ?? now
        headers = [
            ("event-id", Self.eventID(topic: message.topic, partition: message.partition, offset: message.offset)),
            ("event-time", Self.rfc3339(time)),
            ("event-namespace", Self.namespace),
            ("event-type", contentType),
            ("event-topic", message.topic),
            ("Content-Type", contentType),
        ]
        body = message.value
    }

    /// Unique per record in a cluster and identical on every redelivery.
    static func eventID(topic: String, partition: Int32, offset: Int64) -> String {
        "\(topic)-\(partition)-\(offset)"
    }

    /// JSON only for a JSON object, as Kubeless decides (its runtimes parse `data` on that type);
    /// other UTF-8 text is text; anything else is opaque bytes. (Kubeless said form-urlencoded,
    /// which misdescribes both.)
    static func contentType(of body: [UInt8]) -> String {
        if body.first(where: { !isJSONWhitespace($0) }) == UInt8(ascii: "{"),
           (try? JSONSerialization.jsonObject(with: Data(body))) is [String: Any] {
            return "application/json"
        }
        if String(validating: body, as: UTF8.self) != nil,
           !body.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) {
            return "text/plain; charset=utf-8"
        }
        return "application/octet-stream"
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// RFC 3339 in UTC with milliseconds (Kafka timestamps have millisecond precision).
    static func rfc3339(_ date: Date) -> String {
        var seconds = time_t(floor(date.timeIntervalSince1970))
        let millis = Int((date.timeIntervalSince1970 - Double(seconds)) * 1000 + 0.5) % 1000
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ n: Int32, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(millis), 3))Z"
    }
}
