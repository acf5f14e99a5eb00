import Foundation
import Runtime
import Testing

extension Live {
    @Suite struct Faults {
        @Test(arguments: Language.allCases)
        func neverReturningFunctionTimesOutWith408AndTheNextRequestSucceeds(language: Language) async throws {
            try await withServer(language, environment: ["FUNC_TIMEOUT": "1", "FUNC_CONCURRENCY": "1"]) { server in
                let start = Date()
                let timedOut = try await server.get("/forever")
                let elapsed = Date().timeIntervalSince(start)
                #expect(timedOut.status == 408)
                #expect(elapsed < 1.5, "408 took \(elapsed) s")
                #expect(timedOut.text.hasPrefix("Timeout exceeded"))
                // With one worker, this only succeeds if the stuck worker was killed and replaced.
                let next = try await server.get("/hello")
                #expect(next.status == 200)
                #expect(next.text == "hello world")
            }
        }

        @Test(arguments: Language.allCases)
        func workerThatExitsGives502AndIsReplaced(language: Language) async throws {
            try await withServer(language, environment: ["FUNC_CONCURRENCY": "1"]) { server in
                let crashed = try await server.get("/crash")
                #expect(crashed.status == 502)
                #expect(crashed.text.contains("exit status 3"))
                let next = try await server.get("/hello")
                #expect(next.status == 200)
                try await eventually { server.stderrText.contains("worker exited, starting a replacement") }
            }
        }

        @Test(arguments: Language.allCases)
        func parallelSlowRequestsTakeAboutOneRequestsTime(language: Language) async throws {
            let count = 4
            try await withServer(language, environment: ["FUNC_CONCURRENCY": "\(count)"]) { server in
                let start = Date()
                #expect(try await server.get("/slow").status == 200)
                let single = Date().timeIntervalSince(start)

                let parallelStart = Date()
                let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<count { group.addTask { try await server.get("/slow").status } }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                let parallel = Date().timeIntervalSince(parallelStart)
                #expect(statuses == Array(repeating: 200, count: count))
                // Serial execution would take count × single; allow half of that.
                #expect(parallel < Double(count) / 2 * single, "\(count) parallel took \(parallel) s, one took \(single) s")
            }
        }

        @Test(arguments: Language.allCases)
        func bodyOverTheLimitIsRejectedWith413(language: Language) async throws {
            try await withServer(language, environment: ["FUNC_MAX_BODY_BYTES": "1000"]) { server in
                let tooLarge = try await server.send(
                    .POST, "/echo", headers: [("Content-Type", "text/plain")], body: Array(repeating: 65, count: 2000))
                #expect(tooLarge.status == 413)
                #expect(tooLarge.text.contains("1000 bytes"))
                let fits = try await server.send(
                    .POST, "/echo", headers: [("Content-Type", "text/plain")], body: Array(repeating: 66, count: 1000))
                #expect(fits.status == 200)
                #expect(fits.body.count == 1000)
            }
        }

        @Test(arguments: Language.allCases)
        func missingModuleIsReportedOnHealthzAndInTheLog(language: Language) async throws {
            try await withServer(language, module: "nothere", waitForHealthy: false) { server in
                let health = try await server.waitForLoadFailure()
                #expect(health.contains("module nothere not found"))
                #expect(server.stderrText.contains("cannot load the function: module nothere not found"))
                let call = try await server.get("/")
                #expect(call.status == 503)
            }
        }

        @Test(arguments: Language.allCases)
        func missingHandlerIsReportedOnHealthzAndInTheLog(language: Language) async throws {
            try await withServer(language, handler: "nope", waitForHealthy: false) { server in
                let health = try await server.waitForLoadFailure()
                #expect(health.contains("module functions has no function nope"), "\(health)")
                try await eventually { server.stderrText.contains("has no function nope") }
            }
        }

        @Test(arguments: Language.allCases)
        func moduleThatDoesNotCompileIsReported(language: Language) async throws {
            try await withServer(language, module: "broken", handler: "hello", waitForHealthy: false) { server in
                let health = try await server.waitForLoadFailure()
                #expect(health.contains("cannot load module broken") || health.contains("cannot import module broken"),
                        "\(health)")
            }
        }
    }
}
