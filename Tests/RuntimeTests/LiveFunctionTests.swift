import Foundation
import Runtime
import Testing

/// Every test that starts a real server lives under this suite so they run one after another:
/// the timing assertions (408 within 1.5 s, parallel requests) stay meaningful on a 2-core machine.
@Suite(.serialized) struct Live {}

extension Live {
    @Suite struct Functions {
        @Test(arguments: Language.allCases)
        func helloAnswersGetWithText(language: Language) async throws {
            try await withServer(language, handler: "hello") { server in
                let response = try await server.get("/")
                #expect(response.status == 200)
                #expect(response.text == "hello world")
                #expect(response.headers["content-type"].first == "text/plain; charset=utf-8")
            }
        }

        @Test(arguments: Language.allCases)
        func postedJSONIsParsedAndEchoedAsJSON(language: Language) async throws {
            try await withServer(language) { server in
                let document = #"{"name":"kfn","list":[1,2,3],"nested":{"ok":true}}"#
                let response = try await server.send(
                    .POST, "/echo", headers: [("Content-Type", "application/json")], body: Array(document.utf8))
                #expect(response.status == 200)
                #expect(response.headers["content-type"].first == "application/json")
                let echoed = try response.json()
                #expect(echoed["name"] as? String == "kfn")
                #expect(echoed["list"] as? [Int] == [1, 2, 3])
                #expect((echoed["nested"] as? [String: Any])?["ok"] as? Bool == true)
            }
        }

        @Test(arguments: Language.allCases)
        func eventAndContextCarryTheContractFields(language: Language) async throws {
            try await withServer(language, environment: ["FUNC_TIMEOUT": "7"]) { server in
                let response = try await server.send(
                    .POST, "/describe?a=1&b=two",
                    headers: [
                        ("Content-Type", "text/plain"), ("event-id", "id-1"), ("event-type", "com.example.test"),
                        ("event-time", "2024-01-02T03:04:05Z"), ("event-namespace", "cli.kubeless.io"),
                        ("X-Test", "header value"),
                    ],
                    body: Array("plain body".utf8))
                #expect(response.status == 200)
                let event = try response.json()
                #expect(event["data"] as? String == "plain body")
                #expect(event["eventId"] as? String == "id-1")
                #expect(event["eventType"] as? String == "com.example.test")
                #expect(event["eventTime"] as? String == "2024-01-02T03:04:05Z")
                #expect(event["eventNamespace"] as? String == "cli.kubeless.io")
                #expect(event["method"] as? String == "POST")
                #expect(event["path"] as? String == "/describe")
                #expect(event["query"] as? [String: String] == ["a": "1", "b": "two"])
                #expect(event["header"] as? String == "header value")
                let context = try #require(event["context"] as? [String: Any])
                #expect(context["function-name"] as? String == "main")
                #expect(context["timeout"] as? Double == 7)
                #expect(context["runtime"] as? String == server.process.environment?["FUNC_RUNTIME"])
                #expect(context["memory-limit"] as? String == "128Mi")
            }
        }

        @Test(arguments: Language.allCases)
        func jsonWithCharsetIsParsedAndEmptyBodyIsRaw(language: Language) async throws {
            try await withServer(language) { server in
                let parsed = try await server.send(
                    .POST, "/describe", headers: [("Content-Type", "application/json; charset=utf-8")],
                    body: Array(#"{"k":"v"}"#.utf8))
                #expect((try parsed.json()["data"] as? [String: Any])?["k"] as? String == "v")

                let empty = try await server.get("/describe")
                let data = try empty.json()
                #expect(data["data"] as? String == "")
                // The raw type of each language: bytes in Python (as in Kubeless), strings otherwise.
                let expectedType = ["python": "bytes", "nodejs": "string", "ruby": "String"][language.rawValue]
                #expect(data["dataType"] as? String == expectedType)
                #expect(data["eventId"] is NSNull)
            }
        }

        @Test(arguments: Language.allCases)
        func invalidJSONBodyIsABadRequest(language: Language) async throws {
            try await withServer(language) { server in
                let response = try await server.send(
                    .POST, "/echo", headers: [("Content-Type", "application/json")], body: Array("{nope".utf8))
                #expect(response.status == 400)
                #expect(response.text.hasPrefix("Bad Request: the body is not valid JSON"))
            }
        }

        @Test(arguments: Language.allCases)
        func functionSetsStatusHeadersAndBinaryBodies(language: Language) async throws {
            try await withServer(language) { server in
                let custom = try await server.get("/custom")
                #expect(custom.status == 201)
                #expect(custom.headers["x-kfn"].first == "yes")
                #expect(custom.text == "created")

                let binary = try await server.get("/binary")
                #expect(binary.status == 200)
                #expect(binary.headers["content-type"].first == "application/octet-stream")
                #expect(binary.body == [0, 1, 2, 255])
            }
        }

        @Test(arguments: Language.allCases)
        func throwingFunctionGives500AndTheNextRequestSucceeds(language: Language) async throws {
            try await withServer(language) { server in
                let failed = try await server.get("/boom")
                #expect(failed.status == 500)
                #expect(failed.text.hasPrefix("Internal Server Error: "))
                #expect(failed.text.contains("boom from \(language.rawValue)"))
                let next = try await server.get("/hello")
                #expect(next.status == 200)
                #expect(next.text == "hello world")
                // The stack goes to the log, not to the client.
                try await eventually { server.stderrText.contains("Function failed to execute") }
            }
        }

        @Test(arguments: Language.allCases)
        func printedOutputAndAccessLinesReachStdout(language: Language) async throws {
            try await withServer(language) { server in
                _ = try await server.get("/shout")
                let hello = try await server.get("/hello")
                #expect(hello.status == 200)
                try await eventually { server.stdoutText.contains(#""GET /hello HTTP/1.1" 200 11 """#) }
                #expect(server.stdoutText.contains("function says hello to the log"))
            }
        }
    }
}

/// Polls `condition` for up to `seconds`; log lines are written after the response is sent.
func eventually(within seconds: Double = 5, _ condition: () -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition() {
        guard Date() < deadline else {
            Issue.record("condition not met within \(seconds) s")
            return
        }
        try await Task.sleep(for: .milliseconds(20))
    }
}
