import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import Runtime

/// The routes that need no worker, driven in-process through Hummingbird's router test client.
struct InProcessTests {
    func application(_ env: [String: String]) throws -> some ApplicationProtocol {
        let config = try RuntimeConfiguration.fromEnvironment(env) { _ in false }
        return FunctionServer.makeApplication(configuration: config, logger: Logger(label: "test"))
    }

    @Test func unloadableFunctionIsReportedOnHealthzAndFunctionRoutes() async throws {
        let app = try application(["FUNC_HANDLER": "h"])
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body) == "failed: MOD_NAME is not set")
            }
            try await client.execute(uri: "/any/path", method: .post) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body) == "Service Unavailable: MOD_NAME is not set")
                #expect(response.headers[.accessControlAllowOrigin] == "*")
            }
            // POST /healthz belongs to the function, as in the Kubeless Python runtime.
            try await client.execute(uri: "/healthz", method: .post) { response in
                #expect(String(buffer: response.body).hasPrefix("Service Unavailable"))
            }
        }
    }

    @Test func metricsAreServedInPrometheusTextWithEveryMethodSeries() async throws {
        let app = try application([:])
        try await app.test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                let text = String(buffer: response.body)
                for method in ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] {
                    #expect(text.contains(#"function_calls_total{method="\#(method)"} 0"#))
                }
                #expect(text.contains("# HELP function_duration_seconds Duration of user function in seconds"))
                #expect(text.contains("# TYPE function_duration_seconds histogram"))
                #expect(text.contains("function_worker_restarts_total 0"))
            }
        }
    }

    @Test func preflightEchoesTheRequestedMethodAndHeaders() async throws {
        let app = try application([:])
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/fn", method: .options,
                headers: [.accessControlRequestMethod: "DELETE", .accessControlRequestHeaders: "x-a, x-b"]
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.accessControlAllowOrigin] == "*")
                #expect(response.headers[.accessControlAllowMethods] == "DELETE")
                #expect(response.headers[.accessControlAllowHeaders] == "x-a, x-b")
            }
        }
    }
}
