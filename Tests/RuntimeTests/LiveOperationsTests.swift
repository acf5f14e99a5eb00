import Foundation
import Runtime
import Testing

extension Live {
    @Suite struct Operations {
        @Test(arguments: Language.allCases)
        func metricsCountTheRequestsSent(language: Language) async throws {
            try await withServer(language) { server in
                for _ in 0..<5 { #expect(try await server.get("/hello").status == 200) }
                for _ in 0..<3 {
                    #expect(try await server.send(.POST, "/echo", headers: [("Content-Type", "text/plain")],
                                                  body: Array("x".utf8)).status == 200)
                }
                #expect(try await server.get("/boom").status == 500)
                _ = try await server.get("/healthz")  // not a function call

                let text = try await server.get("/metrics").text
                #expect(sample(text, #"function_calls_total{method="GET"}"#) == 6)
                #expect(sample(text, #"function_calls_total{method="POST"}"#) == 3)
                #expect(sample(text, #"function_failures_total{method="GET"}"#) == 1)
                #expect(sample(text, #"function_failures_total{method="POST"}"#) == 0)
                #expect(sample(text, #"function_duration_seconds_count{method="GET"}"#) == 6)
                #expect(sample(text, #"function_timeouts_total{method="GET"}"#) == 0)
                #expect(sample(text, "function_worker_restarts_total") == 0)
            }
        }

        @Test(.enabled(if: promtoolPath != nil, "promtool is not installed (apt-get install prometheus)"))
        func metricsPassPromtoolCheck() async throws {
            try await withServer(.python, environment: ["FUNC_TIMEOUT": "1"]) { server in
                _ = try await server.get("/hello")
                _ = try await server.send(.POST, "/boom")
                _ = try await server.get("/forever")
                try checkWithPromtool(try await server.get("/metrics").text)
            }
        }

        @Test func timeoutsAndRestartsAreCounted() async throws {
            try await withServer(.python, environment: ["FUNC_TIMEOUT": "1"]) { server in
                #expect(try await server.get("/forever").status == 408)
                #expect(try await server.get("/crash").status == 502)
                try await eventually {
                    server.stderrText.components(separatedBy: "worker exited, starting a replacement").count == 3
                }
                let text = try await server.get("/metrics").text
                #expect(sample(text, #"function_timeouts_total{method="GET"}"#) == 1)
                // Timeouts are not failures (as in Kubeless Python); a crashed worker is.
                #expect(sample(text, #"function_failures_total{method="GET"}"#) == 1)
                #expect(sample(text, #"function_calls_total{method="GET"}"#) == 2)
                #expect(sample(text, "function_worker_restarts_total") == 2)
            }
        }

        @Test(arguments: Language.allCases)
        func sigtermLetsInFlightRequestsCompleteThenExitsZero(language: Language) async throws {
            let server = RuntimeProcess(language: language, environment: ["FUNC_CONCURRENCY": "3"])
            try server.start()
            _ = try await server.waitForHealth()
            async let first = server.get("/slow")
            async let second = server.get("/slow")
            async let third = server.get("/slow")
            try await Task.sleep(for: .milliseconds(300))
            kill(server.process.processIdentifier, SIGTERM)
            let statuses = try await [first.status, second.status, third.status]
            let exitStatus = await server.terminate(within: 10)
            #expect(statuses == [200, 200, 200])
            #expect(exitStatus == 0, "stderr:\n\(server.stderrText)")
        }

        @Test func optionsIsAPreflightAndResponsesAllowAnyOrigin() async throws {
            try await withServer(.python) { server in
                let preflight = try await server.send(
                    .OPTIONS, "/anything",
                    headers: [("Origin", "https://example.com"), ("Access-Control-Request-Method", "PUT"),
                              ("Access-Control-Request-Headers", "x-custom")])
                #expect(preflight.status == 200)
                #expect(preflight.headers["access-control-allow-origin"].first == "*")
                #expect(preflight.headers["access-control-allow-methods"].first == "PUT")
                #expect(preflight.headers["access-control-allow-headers"].first == "x-custom")

                let call = try await server.send(.PUT, "/hello")
                #expect(call.status == 200)
                #expect(call.headers["access-control-allow-origin"].first == "*")
                // OPTIONS never reached the function.
                let metrics = try await server.get("/metrics").text
                #expect(sample(metrics, #"function_calls_total{method="PUT"}"#) == 1)
            }
        }

        @Test func headRunsTheFunctionWithoutABody() async throws {
            try await withServer(.nodejs) { server in
                let head = try await server.send(.HEAD, "/hello")
                #expect(head.status == 200)
                #expect(head.body.isEmpty)
                #expect(head.headers["content-length"].first == "11")
                #expect(try await server.get("/hello").text == "hello world")
            }
        }

        @Test func jsonLogFormatWritesOneObjectPerAccessLine() async throws {
            try await withServer(.ruby, environment: ["KFN_LOG_FORMAT": "json"]) { server in
                _ = try await server.get("/hello?x=1")
                try await eventually { server.stdoutText.contains(#""uri":"/hello?x=1""#) }
                let line = try #require(server.stdoutText.split(separator: "\n").first { $0.contains(#""uri":"/hello?x=1""#) })
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(object["status"] as? Int == 200)
                #expect(object["method"] as? String == "GET")
                #expect(object["bytes"] as? Int == 11)
            }
        }
    }
}

/// The value of one sample line (`name{labels} value`) in Prometheus text, or nil.
func sample(_ text: String, _ series: String) -> Double? {
    for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
        return Double(line.dropFirst(series.count + 1))
    }
    return nil
}

let promtoolPath = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// `promtool check metrics` reads the exposition on stdin and exits non-zero on any problem.
func checkWithPromtool(_ text: String) throws {
    let promtool = try #require(promtoolPath)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: promtool)
    process.arguments = ["check", "metrics"]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = output
    try process.run()
    input.fileHandleForWriting.write(Data(text.utf8))
    try input.fileHandleForWriting.close()
    let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "promtool check metrics:\n\(report)\n\(text)")
}
