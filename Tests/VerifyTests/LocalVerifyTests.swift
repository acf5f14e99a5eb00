import Foundation
import Jsonnet
import Testing
@testable import Verify

/// `kfn build` then `kfn verify --local` through the real binaries, on a throwaway project with
/// the repository's templates, a small catalog and one function per way a function can fail.
/// Nothing here needs the network: the failing install points pip at a folder that is missing.
@Suite(.serialized) struct LocalVerifyTests {
    /// Three runtimes: Python with pip as the repository's catalog has it; one with a compile
    /// step (py_compile, so a syntax error fails it); one whose module suffix is not the one
    /// kfn-runtime looks for (so the module is "missing" in the pod, although the build found it).
    static let catalog = """
        [
          { ID: 'python', depName: 'requirements.txt', fileNameSuffix: '.py', versions: [{ name: 'python311', version: '3.11', images: [
            { phase: 'installation', image: 'python:3.11-slim', command: 'pip install --no-cache-dir --disable-pip-version-check --no-index --prefix=$KUBELESS_INSTALL_VOLUME -r $KUBELESS_DEPS_FILE', env: { HOME: '/tmp' } },
            { phase: 'runtime', image: 'kfn-python:3.11', env: { PYTHONPATH: '$(KUBELESS_INSTALL_VOLUME)/lib/python3.11/site-packages:$(KUBELESS_INSTALL_VOLUME)' } },
          ] }] },
          { ID: 'pythoncompiled', depName: '', fileNameSuffix: '.py', versions: [{ name: 'pc1', version: '1', images: [
            { phase: 'compilation', image: 'python:3.11-slim', command: 'python3 -m py_compile $KUBELESS_INSTALL_VOLUME/*.py' },
            { phase: 'runtime', image: 'kfn-python:3.11' },
          ] }] },
          { ID: 'pythonw', depName: '', fileNameSuffix: '.pyw', versions: [{ name: 'pw1', version: '1', images: [
            { phase: 'runtime', image: 'kfn-python:3.11' },
          ] }] },
        ]
        """

    final class Project {
        let url: URL
        init() throws {
            url = URL(fileURLWithPath: "/tmp/kfn-verify-test-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Repo.root.appendingPathComponent("templates"), to: url.appendingPathComponent("templates"))
            try write(LocalVerifyTests.catalog, to: "runtimes/runtimes.jsonnet")
        }
        deinit { try? FileManager.default.removeItem(at: url) }

        func write(_ text: String, to path: String) throws {
            let dest = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: dest.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: dest, atomically: true, encoding: .utf8)
        }

        func function(_ name: String, _ definition: String, files: [String: String]) throws {
            try write(definition, to: "functions/\(name)/function.jsonnet")
            for (file, text) in files { try write(text, to: "functions/\(name)/\(file)") }
        }

        func kfn(_ args: String...) throws -> Run {
            try run(Repo.kfn, args, in: url, env: ["NO_COLOR": "1"])
        }

        /// `kfn verify --local` with the repository's worker shims and a short health deadline.
        func verify(_ extra: String...) throws -> Run {
            try run(Repo.kfn, ["verify", "--local", "--worker-shims", Repo.root.appendingPathComponent("runtimes").path,
                               "--ready-timeout", "8"] + extra, in: url, env: ["NO_COLOR": "1"])
        }
    }

    static let hello = "def handler(event, context):\n    return 'hello'\n"
    static func says(_ body: String) -> String {
        "{ runtime: 'python3.11', handler: 'hello.handler', verify: [{ name: 'says hello', method: 'GET', path: '/', expect: { status: 200, body: '\(body)' } }] }"
    }

    @Test func aWorkingFunctionPassesAndAChangedExpectationFails() throws {
        let p = try Project()
        try p.function("good", Self.says("hello"), files: ["hello.py": Self.hello])
        try p.function("changed", Self.says("goodbye"), files: ["hello.py": Self.hello])
        #expect(try p.kfn("build").status == 0)

        let good = try p.verify("good")
        #expect(good.status == 0, "\(good.stdout)\n\(good.stderr)")
        #expect(good.stdout.contains("default/good  says hello  PASS"))
        #expect(good.stdout.contains("ok: 1 function, 1 passed, 0 failed, 0 skipped"))
        #expect(good.stderr.contains("==> default/good: prepare"))

        let changed = try p.verify("changed")
        #expect(changed.status == 1)
        #expect(changed.stdout.contains(#"FAIL default/changed › says hello: body "hello", expected "goodbye""#))
        #expect(changed.stdout.contains("log tail:"))
        #expect(changed.stdout.contains("FAILED: 1 function, 0 passed, 1 failed"))
    }

    @Test func eachBrokenFunctionFailsOnItsOwnWithTheReasonAndTheOthersStillRun() throws {
        let p = try Project()
        try p.function("good", Self.says("hello"), files: ["hello.py": Self.hello])
        try p.function("install-fails", Self.says("hello"), files: ["hello.py": Self.hello, "requirements.txt": "/nonexistent/kfn-package\n"])
        try p.function("compile-fails", "{ runtime: 'pythoncompiled1', handler: 'broken.handler' }",
                       files: ["broken.py": "def handler(event, context)\n    return 1\n"])
        try p.function("never-healthy", Self.says("hello").replacingOccurrences(of: "hello.handler", with: "slow.handler"),
                       files: ["slow.py": "import time\ntime.sleep(300)\n\ndef handler(event, context):\n    return 'hello'\n"])
        try p.function("module-missing", "{ runtime: 'pythonw1', handler: 'hello.handler' }", files: ["hello.pyw": Self.hello])
        #expect(try p.kfn("build").status == 0)

        let r = try p.verify("--format", "json")
        #expect(r.status == 1)
        let doc = try JSONParser.parse(r.stdout)
        let rows = try #require(doc["results"]?.arrayValue)
        func row(_ function: String) -> JSONValue? { rows.first { $0["function"] == .string("default/" + function) } }
        #expect(row("good")?["status"] == "pass")
        #expect(row("install-fails")?["case"] == "[install]")
        #expect(row("install-fails")?["reason"]?.stringValue?.hasPrefix("install failed (exit status 1)") == true)
        #expect(row("install-fails")?["log"]?.stringValue?.contains("kfn-package") == true)
        #expect(row("compile-fails")?["case"] == "[compile]")
        #expect(row("compile-fails")?["log"]?.stringValue?.contains("SyntaxError") == true)
        #expect(row("never-healthy")?["case"] == "[start]")
        #expect(row("never-healthy")?["reason"]?.stringValue?.contains("not healthy within") == true)
        #expect(row("module-missing")?["case"] == "[start]")
        #expect(row("module-missing")?["reason"]?.stringValue?.contains("module hello not found") == true)
        #expect(doc["summary"]?["failed"] == 4)
        #expect(doc["summary"]?["passed"] == 1)
    }

    @Test func aScheduledFunctionIsCalledTheWayItsCronJobCallsIt() throws {
        let p = try Project()
        // Raises unless the call carries the CronJob's payload and Kubeless event headers.
        try p.function("cron", "{ runtime: 'python3.11', handler: 'cron.handler', schedule: { cron: '@hourly', payload: { n: 1, cost: '$5' } } }", files: [
            "cron.py": """
                def handler(event, context):
                    assert event['data'] == {'n': 1, 'cost': '$5'}, event['data']
                    assert event['event-namespace'] == 'cronjobtrigger.kubeless.io', event['event-namespace']
                    assert event['event-id'] and event['event-time'], event
                    assert event['extensions']['request']['method'] == 'POST'
                    return 'done'

                """,
        ])
        try p.function("cron-broken", "{ runtime: 'python3.11', handler: 'cron.handler', schedule: '@hourly' }", files: [
            "cron.py": "def handler(event, context):\n    raise ValueError('no payload')\n",
        ])
        #expect(try p.kfn("build").status == 0)
        let r = try p.verify()
        #expect(r.status == 1)
        #expect(r.stdout.contains("default/cron         [schedule] CronJob call  PASS"), "\(r.stdout)")
        #expect(r.stdout.contains("FAIL default/cron-broken › [schedule] CronJob call: the CronJob's call failed (curl exit status 22)"))
        #expect(r.stdout.contains("ValueError: no payload"))
    }

    @Test func aStaleOutIsRefusedAndNothingRuns() throws {
        let p = try Project()
        try p.function("good", Self.says("hello"), files: ["hello.py": Self.hello])
        #expect(try p.kfn("build").status == 0)
        try p.write("def handler(event, context):\n    return 'changed'\n", to: "functions/good/hello.py")
        let r = try p.verify()
        #expect(r.status == 1)
        #expect(r.stderr.contains("out/ is stale, run kfn build"))
        #expect(!r.stderr.contains("==> default/good"))
    }

    @Test func anUnknownFunctionNameIsBadUsage() throws {
        let p = try Project()
        try p.function("good", Self.says("hello"), files: ["hello.py": Self.hello])
        #expect(try p.kfn("build").status == 0)
        let r = try p.verify("nope")
        #expect(r.status == 64)
        #expect(r.stderr.contains("no function nope in out/ (functions: default/good)"))
    }

    @Test func temporaryFoldersAreRemovedAfterARun() throws {
        let p = try Project()
        try p.function("good", Self.says("hello"), files: ["hello.py": Self.hello])
        #expect(try p.kfn("build").status == 0)
        let before = Set((try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []).filter { $0.hasPrefix("kfn-verify-good-") }
        #expect(try p.verify("--quiet").status == 0)
        let after = Set((try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []).filter { $0.hasPrefix("kfn-verify-good-") }
        #expect(after.subtracting(before).isEmpty)
    }
}
