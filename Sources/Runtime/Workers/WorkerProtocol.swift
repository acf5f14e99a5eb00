import NIOCore

/// The framed protocol between kfn-runtime and a language worker, over two pipes (the worker reads
/// fd 3 and writes fd 4, so the function's own stdout and stderr stay the pod's log).
///
/// Every message is a frame: a 4-byte big-endian length, then that many bytes.
///
/// Server → worker, one per request: a 4-byte big-endian length of a JSON object
/// `{"method","path","query","headers","json"}`, that object, then the raw request body. The body
/// travels unencoded so large or binary bodies cost no escaping, and the worker (not the server)
/// parses JSON bodies, in the language's own parser.
///
/// Worker → server: one kind byte, then
/// - `1` ready: the module was imported and the handler found;
/// - `2` load error: UTF-8 reason (missing module, missing handler, syntax error);
/// - `3` result: status (u16), header count (u16), per header name length (u16), name,
///   value length (u16), value, then the body — binary, because the server parses one of these per
///   request and this costs no JSON decoder on the hot path;
/// - `4` function error: UTF-8 short message (the stack went to the worker's stderr);
/// - `5` bad request: UTF-8 message (for example a JSON body that does not parse).
enum WorkerMessage: Equatable {
    case ready
    case loadError(String)
    case result(WorkerResult)
    case functionError(String)
    case badRequest(String)
}

struct WorkerResult: Equatable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: ByteBuffer

    static func == (lhs: WorkerResult, rhs: WorkerResult) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body
            && lhs.headers.map { "\($0.name):\($0.value)" } == rhs.headers.map { "\($0.name):\($0.value)" }
    }
}

enum WorkerProtocolError: Error, Equatable {
    case frameTooLarge(Int)
    case malformed(String)
}

extension WorkerMessage {
    /// A frame larger than this means the worker wrote garbage to its protocol pipe (or a function
    /// answered something no HTTP client wants); the worker is replaced rather than trusted.
    static let maximumFrameLength = 512 << 20

    init(frame: ByteBuffer) throws(WorkerProtocolError) {
        var frame = frame
        guard let kind = frame.readInteger(as: UInt8.self) else { throw .malformed("empty frame") }
        switch kind {
        case 1: self = .ready
        case 2: self = .loadError(frame.readString(length: frame.readableBytes) ?? "")
        case 3: self = .result(try WorkerResult(reading: &frame))
        case 4: self = .functionError(frame.readString(length: frame.readableBytes) ?? "")
        case 5: self = .badRequest(frame.readString(length: frame.readableBytes) ?? "")
        default: throw .malformed("unknown message kind \(kind)")
        }
    }
}

extension WorkerResult {
    init(reading frame: inout ByteBuffer) throws(WorkerProtocolError) {
        guard let status = frame.readInteger(as: UInt16.self), let count = frame.readInteger(as: UInt16.self) else {
            throw .malformed("truncated result header")
        }
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let nameLength = frame.readInteger(as: UInt16.self),
                  let name = frame.readString(length: Int(nameLength)),
                  let valueLength = frame.readInteger(as: UInt16.self),
                  let value = frame.readString(length: Int(valueLength))
            else { throw .malformed("truncated result headers") }
            headers.append((name, value))
        }
        self.init(status: Int(status), headers: headers, body: frame)
    }
}

/// What the server sends for one request.
struct WorkerRequest {
    var method: String
    var path: String
    var query: String
    var headers: [(name: String, value: String)]
    var bodyIsJSON: Bool
    var body: ByteBuffer

    /// Writes the whole frame in one buffer so the request costs one pipe write.
    func encode(allocator: ByteBufferAllocator) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 256 + body.readableBytes)
        buffer.moveWriterIndex(forwardBy: 8)  // frame length and meta length, filled in below
        buffer.writeStaticString(#"{"method":"#)
        buffer.writeJSONString(method)
        buffer.writeStaticString(#","path":"#)
        buffer.writeJSONString(path)
        buffer.writeStaticString(#","query":"#)
        buffer.writeJSONString(query)
        buffer.writeStaticString(#","headers":{"#)
        for (index, header) in headers.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            buffer.writeJSONString(header.name)
            buffer.writeInteger(UInt8(ascii: ":"))
            buffer.writeJSONString(header.value)
        }
        buffer.writeStaticString(bodyIsJSON ? #"},"json":true}"# : #"},"json":false}"#)
        let metaLength = buffer.writerIndex - 8
        buffer.writeImmutableBuffer(body)
        buffer.setInteger(UInt32(buffer.writerIndex - 4), at: 0)
        buffer.setInteger(UInt32(metaLength), at: 4)
        return buffer
    }
}

extension ByteBuffer {
    /// A JSON string literal; only `"`, `\` and control characters need escaping, and everything
    /// else is copied as UTF-8.
    mutating func writeJSONString(_ string: String) {
        writeInteger(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<index]))
                switch byte {
                case 0x22: writeStaticString(#"\""#)
                case 0x5C: writeStaticString(#"\\"#)
                case 0x0A: writeStaticString(#"\n"#)
                case 0x0D: writeStaticString(#"\r"#)
                case 0x09: writeStaticString(#"\t"#)
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    writeStaticString(#"\u00"#)
                    writeInteger(hex[Int(byte >> 4)])
                    writeInteger(hex[Int(byte & 0x0F)])
                }
                start = index + 1
            }
            writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start...]))
        }
        writeInteger(UInt8(ascii: "\""))
    }
}

/// Splits the worker's output pipe into frames.
struct WorkerFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else { return .needMoreData }
        guard Int(length) <= WorkerMessage.maximumFrameLength else {
            throw WorkerProtocolError.frameTooLarge(Int(length))
        }
        guard buffer.readableBytes >= 4 + Int(length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 4)
        context.fireChannelRead(Self.wrapInboundOut(buffer.readSlice(length: Int(length))!))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        // A partial frame at EOF is a worker that died mid-write; the channel's close reports it.
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
