import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Calls a function over HTTP (kfn-runtime on a local port, or a kubectl port-forward) and checks
/// its cases. Shared by the local and the cluster mode, so both judge answers the same way.
public struct FunctionCaller: Sendable {
    public var baseURL: String
    /// Upper bound for one call: the function's own FUNC_TIMEOUT answers 408 before this.
    public var timeout: Duration

    public init(baseURL: String, timeout: Duration = .seconds(60)) {
        self.baseURL = baseURL
        self.timeout = timeout
    }

    public struct Answer: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: Data
    }

    public func call(method: String, path: String, headers: [String: String] = [:], body: String? = nil) async throws -> Answer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = HTTPMethod(rawValue: method)
        for (k, v) in headers.sorted(by: { $0.key < $1.key }) { request.headers.add(name: k, value: v) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return Answer(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                      body: Data(bytes.readableBytesView))
    }

    /// Runs one case: pass, or fail with what differed (or why the call itself failed).
    public func run(_ c: VerifyCase, function: String) async -> CaseResult {
        let start = ContinuousClock.now
        let outcome: (CaseResult.Status, String?)
        do {
            let answer = try await call(method: c.method, path: c.path, headers: c.headers, body: c.body)
            let problem = c.check(status: answer.status, headers: answer.headers, body: answer.body)
            outcome = problem.map { (.fail, $0) } ?? (.pass, nil)
        } catch {
            outcome = (.fail, "\(c.method) \(c.path) failed: \(error)")
        }
        return CaseResult(function: function, name: c.name, status: outcome.0, seconds: start.duration(to: .now).seconds,
                          reason: outcome.1)
    }

    public enum Health: Sendable, Equatable {
        case healthy
        /// `/healthz` said 503 `failed: …`: the function cannot load, waiting longer will not help.
        case failed(String)
        /// Still not healthy at the deadline: the last answer or connection error.
        case timedOut(String)
    }

    /// Polls `/healthz` until 200, a final load failure, `stillRunning` turning false, or the deadline.
    public func waitHealthy(within deadline: Duration, stillRunning: @Sendable () -> Bool) async -> Health {
        let end = ContinuousClock.now + deadline
        var last = "no answer yet"
        while ContinuousClock.now < end {
            guard stillRunning() else { return .failed("kfn-runtime exited before it was healthy (\(last))") }
            if let a = try? await FunctionCaller(baseURL: baseURL, timeout: .seconds(5)).call(method: "GET", path: "/healthz") {
                let text = String(decoding: a.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                if a.status == 200 { return .healthy }
                last = "/healthz answered \(a.status) \(text)"
                if text.contains("failed:") { return .failed(last) }
            } else {
                last = "nothing listens on \(baseURL) yet"
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
        return .timedOut(last)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
