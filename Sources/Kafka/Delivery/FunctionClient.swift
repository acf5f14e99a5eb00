import AsyncHTTPClient
import Foundation

/// Result of one POST to the function.
enum DeliveryOutcome: Sendable, Equatable {
    case delivered(status: Int)
    /// The function answered but not 2xx; `detail` is the start of its body for the log.
    case rejected(status: Int, detail: String)
    /// No answer: connection refused, timeout, reset.
    case unreachable(String)

    var succeeded: Bool { if case .delivered = self { return true } else { return false } }

    var description: String {
        switch self {
        case .delivered(let status): return "HTTP \(status)"
        case .rejected(let status, let detail): return detail.isEmpty ? "HTTP \(status)" : "HTTP \(status): \(detail)"
        case .unreachable(let reason): return reason
        }
    }
}

/// POSTs events to the function over a pooled HTTP client.
final class FunctionClient: Sendable {
    private let client: HTTPClient
    private let url: String
    private let timeout: Duration

    init(url: URL, timeout: Duration, connections: Int) {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(connections, 1)
        configuration.redirectConfiguration = .disallow
        // The pool keeps retrying a refused connection until this deadline before failing the
        // request, so it is how fast "function down" becomes a failed attempt (and a log line).
        configuration.timeout.connect = .seconds(2)
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.url = url.absoluteString
        self.timeout = timeout
    }

    func shutdown() async {
        try? await client.shutdown()
    }

    /// One attempt. Runs in an unstructured task so cancelling the caller (a rebalance or
    /// SIGTERM) lets the request in flight finish instead of cutting it off: the function may
    /// already be acting on it, and the answer decides whether the offset is committed.
    func post(_ event: FunctionEvent) async -> DeliveryOutcome {
        let client = self.client, url = self.url, timeout = self.timeout
        return await Task {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            for (name, value) in event.headers { request.headers.add(name: name, value: value) }
            request.body = .bytes(event.body)
            do {
                let response = try await client.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
                // Read the body to the end so the connection goes back to the pool; keep only a
                // little of it for the log line.
                var detail = [UInt8]()
                for try await chunk in response.body where detail.count < 200 {
                    detail += chunk.readableBytesView.prefix(200 - detail.count)
                }
                let status = Int(response.status.code)
                if (200..<300).contains(status) { return .delivered(status: status) }
                return .rejected(status: status, detail: String(decoding: detail, as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines))
            } catch {
                return .unreachable("\(error)")
            }
        }.value
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
