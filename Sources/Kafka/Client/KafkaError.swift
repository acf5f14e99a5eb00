internal import CRdKafka

/// Every failure of the Kafka module. librdkafka's own text is kept verbatim so an operator can
/// search for it; the `what` part says which of our operations hit it.
public enum KafkaError: Error, CustomStringConvertible, Equatable {
    /// The configuration cannot work; the process should exit with status 1.
    case invalidConfiguration(String)
    /// A librdkafka call failed: our operation, librdkafka's error name and its message.
    case librdkafka(operation: String, code: String, message: String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let text):
            return text
        case .librdkafka(let operation, let code, let message):
            return "\(operation): \(message) (librdkafka \(code))"
        }
    }

    /// Converts a response code; the caller passes what it was doing.
    static func from(_ err: rd_kafka_resp_err_t, _ operation: String) -> KafkaError {
        .librdkafka(operation: operation,
                    code: String(cString: rd_kafka_err2name(err)),
                    message: String(cString: rd_kafka_err2str(err)))
    }

    /// Converts and frees an `rd_kafka_error_t` (the newer error object some calls return).
    static func consuming(_ error: OpaquePointer, _ operation: String) -> KafkaError {
        defer { rd_kafka_error_destroy(error) }
        return .librdkafka(operation: operation,
                           code: String(cString: rd_kafka_error_name(error)),
                           message: String(cString: rd_kafka_error_string(error)))
    }
}

/// Throws when `err` is not `RD_KAFKA_RESP_ERR_NO_ERROR`.
@inline(__always)
func check(_ err: rd_kafka_resp_err_t, _ operation: @autoclosure () -> String) throws(KafkaError) {
    if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, operation()) }
}

/// Builds an `rd_kafka_conf_t` from properties. The caller owns the result until rd_kafka_new
/// succeeds. A property librdkafka rejects becomes `invalidConfiguration` with librdkafka's text,
/// because it always comes from our configuration (most often a `KFN_RDKAFKA_*` passthrough).
func makeConf(_ properties: [(String, String)]) throws(KafkaError) -> OpaquePointer {
    let conf = rd_kafka_conf_new()!
    var errstr = [CChar](repeating: 0, count: 512)
    for (name, value) in properties {
        let result = rd_kafka_conf_set(conf, name, value, &errstr, errstr.count)
        if result != RD_KAFKA_CONF_OK {
            rd_kafka_conf_destroy(conf)
            let text = String(decoding: errstr.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw .invalidConfiguration("librdkafka property \(name)=\(value) is not accepted: \(text)")
        }
    }
    return conf
}

/// Creates the client handle, taking ownership of `conf` on success and freeing it on failure.
func makeHandle(_ type: rd_kafka_type_t, _ conf: OpaquePointer, _ what: String) throws(KafkaError) -> OpaquePointer {
    var errstr = [CChar](repeating: 0, count: 512)
    guard let rk = rd_kafka_new(type, conf, &errstr, errstr.count) else {
        rd_kafka_conf_destroy(conf)
        let text = String(decoding: errstr.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        throw .invalidConfiguration("cannot create the Kafka \(what): \(text)")
    }
    return rk
}
