import Foundation
import NIOCore
import Testing

@testable import Runtime

struct WorkerProtocolTests {
    @Test func requestFrameCarriesLengthsMetaAndRawBody() throws {
        let body = ByteBuffer(bytes: [0, 255, 10])
        var frame = WorkerRequest(
            method: "POST", path: "/a\"b", query: "x=1",
            headers: [("x-quote", "say \"hi\"\\\n\u{1}")], bodyIsJSON: false, body: body
        ).encode(allocator: ByteBufferAllocator())
        let frameLength = frame.readInteger(as: UInt32.self)
        #expect(frameLength.map(Int.init) == frame.readableBytes)
        let metaLength = try #require(frame.readInteger(as: UInt32.self) as UInt32?)
        let meta = try #require(frame.readBytes(length: Int(metaLength)) as [UInt8]?)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(meta)) as? [String: Any])
        #expect(object["method"] as? String == "POST")
        #expect(object["path"] as? String == "/a\"b")
        #expect(object["query"] as? String == "x=1")
        #expect(object["json"] as? Bool == false)
        #expect((object["headers"] as? [String: String])?["x-quote"] == "say \"hi\"\\\n\u{1}")
        #expect(frame.readBytes(length: frame.readableBytes) == [0, 255, 10])
    }

    @Test func resultMessageDecodesStatusHeadersAndBody() throws {
        var frame = ByteBuffer()
        frame.writeInteger(UInt8(3))
        frame.writeInteger(UInt16(201))
        frame.writeInteger(UInt16(1))
        frame.writeInteger(UInt16(5)); frame.writeString("x-kfn")
        frame.writeInteger(UInt16(3)); frame.writeString("yes")
        frame.writeString("body")
        let message = try WorkerMessage(frame: frame)
        #expect(message == .result(WorkerResult(status: 201, headers: [("x-kfn", "yes")], body: ByteBuffer(string: "body"))))
    }

    @Test func truncatedOrUnknownMessagesAreProtocolErrors() {
        #expect(throws: WorkerProtocolError.self) { try WorkerMessage(frame: ByteBuffer(bytes: [3, 0])) }
        #expect(throws: WorkerProtocolError.self) { try WorkerMessage(frame: ByteBuffer(bytes: [9])) }
        #expect(throws: WorkerProtocolError.self) { try WorkerMessage(frame: ByteBuffer()) }
    }

    @Test func textMessagesCarryTheirReason() throws {
        var frame = ByteBuffer(bytes: [2])
        frame.writeString("module m has no function h")
        #expect(try WorkerMessage(frame: frame) == .loadError("module m has no function h"))
        #expect(try WorkerMessage(frame: ByteBuffer(bytes: [1])) == .ready)
    }

    @Test(arguments: [
        ("application/json", true), ("application/json; charset=utf-8", true), ("Application/JSON", true),
        ("application/cloudevents+json", true), ("text/plain", false), ("application/jsonp", false),
        ("application/x-www-form-urlencoded", false),
    ])
    func jsonMediaTypesAreRecognised(contentType: String, isJSON: Bool) {
        #expect(jsonMediaType(contentType) == isJSON)
    }

    @Test func accessLineFollowsTheKubelessPythonFormat() {
        let log = AccessLog(format: .text, fileDescriptor: -1)
        let line = log.textLine(AccessLogEntry(
            remoteAddress: "127.0.0.1", method: "GET", uri: "/", status: 200, bytes: 11, referer: "",
            userAgent: "curl/8.5.0", durationMicroseconds: 1_234_567))
        #expect(line.hasPrefix("127.0.0.1 - - ["))
        #expect(line.hasSuffix(#"] "GET / HTTP/1.1" 200 11 "" "curl/8.5.0" 1/1234567"#))
        #expect(line.range(of: #"\[\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d \+0000\]"#, options: .regularExpression) != nil)
    }

    @Test func accessLineEscapesQuotesSoClientsCannotForgeLines() {
        let log = AccessLog(format: .text, fileDescriptor: -1)
        let line = log.textLine(AccessLogEntry(
            remoteAddress: "::1", method: "GET", uri: "/", status: 200, bytes: 0, referer: "a\"b",
            userAgent: "x\ny", durationMicroseconds: 5))
        #expect(line.contains(#""a\"b" "x\x0ay""#))
        #expect(!line.contains("\n"))
    }
}
