#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NIOConcurrencyHelpers

/// One line per request on stdout.
///
/// Text lines follow the Kubeless Python runtime (Apache combined plus `%T/%D`, seconds and total
/// microseconds), so greps written for Kubeless (`GET / HTTP/1.1" 200 11 ""`) keep working:
///
///     127.0.0.1 - - [20/Nov/2026:23:04:51 +0000] "GET /path?q=1 HTTP/1.1" 200 11 "" "curl/8.5.0" 0/1189
///
/// Unlike Kubeless Python the query string is kept (it is part of the request line in Apache's
/// `%r`). Missing Referer / User-Agent are logged as `""` as Kubeless did. JSON lines carry the
/// same fields as an object.
struct AccessLogEntry {
    var remoteAddress: String
    var method: String
    var uri: String
    var status: Int
    var bytes: Int
    var referer: String
    var userAgent: String
    var durationMicroseconds: Int64
}

final class AccessLog: Sendable {
    enum Format: Sendable { case text, json }

    let format: Format
    /// The formatted time only changes once a second; formatting it per request with strftime
    /// shows up in profiles at 10k requests/s.
    private let clock = NIOLockedValueBox<(second: time_t, clf: String, iso: String)>((-1, "", ""))
    private let output: CInt

    init(format: Format, fileDescriptor: CInt = 1) {
        self.format = format
        self.output = fileDescriptor
    }

    func record(_ entry: AccessLogEntry) {
        var line = format == .text ? textLine(entry) : jsonLine(entry)
        line.append("\n")
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(output, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // a closed stdout must not take the server down
                }
                offset += written
            }
        }
    }

    func textLine(_ e: AccessLogEntry) -> String {
        let seconds = e.durationMicroseconds / 1_000_000
        return "\(e.remoteAddress) - - [\(times().clf)] \"\(e.method) \(escaped(e.uri)) HTTP/1.1\" \(e.status) \(e.bytes) "
            + "\"\(escaped(e.referer))\" \"\(escaped(e.userAgent))\" \(seconds)/\(e.durationMicroseconds)"
    }

    func jsonLine(_ e: AccessLogEntry) -> String {
        "{\"time\":\"\(times().iso)\",\"remote\":\(JSONText.quote(e.remoteAddress)),\"method\":\(JSONText.quote(e.method)),"
            + "\"uri\":\(JSONText.quote(e.uri)),\"protocol\":\"HTTP/1.1\",\"status\":\(e.status),\"bytes\":\(e.bytes),"
            + "\"referer\":\(JSONText.quote(e.referer)),\"userAgent\":\(JSONText.quote(e.userAgent)),"
            + "\"durationSeconds\":\(Double(e.durationMicroseconds) / 1e6)}"
    }

    /// Quotes and control characters in the quoted fields would let a client forge log lines.
    private func escaped(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }) else { return field }
        var result = ""
        for scalar in field.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private func times() -> (clf: String, iso: String) {
        let now = time(nil)
        return clock.withLockedValue { cached in
            if cached.second != now {
                var parts = tm()
                var seconds = now
                gmtime_r(&seconds, &parts)
                let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
                let year = Int(parts.tm_year) + 1900
                let month = Int(parts.tm_mon)
                let (day, hour, minute, second) = (
                    pad(parts.tm_mday), pad(parts.tm_hour), pad(parts.tm_min), pad(parts.tm_sec))
                cached = (now, "\(day)/\(months[month])/\(year):\(hour):\(minute):\(second) +0000",
                          "\(year)-\(pad(CInt(month + 1)))-\(day)T\(hour):\(minute):\(second)Z")
            }
            return (cached.clf, cached.iso)
        }
    }

    private func pad(_ value: CInt) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Minimal JSON string quoting for the log lines (the worker protocol writes into ByteBuffers instead).
enum JSONText {
    static func quote(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                result += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
