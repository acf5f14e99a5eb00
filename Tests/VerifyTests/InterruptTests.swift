import Foundation
import Testing

/// Ctrl-C during `kfn verify --local`: the function's processes stop and its folder is removed.
@Suite struct InterruptTests {
    @Test func ctrlCStopsTheFunctionAndRemovesItsFolder() throws {
        let p = try LocalVerifyTests.Project()
        let pidFile = "/tmp/kfn-verify-test-\(UUID().uuidString).pid"
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        // The module never finishes loading, and its worker says where it is.
        try p.function("interrupted", LocalVerifyTests.says("hello").replacingOccurrences(of: "hello.handler", with: "stuck.handler"), files: [
            "stuck.py": "import os, time\nopen('\(pidFile)', 'w').write(str(os.getpid()))\ntime.sleep(300)\n\ndef handler(event, context):\n    return 'hello'\n",
        ])
        #expect(try p.kfn("build").status == 0)

        let process = Process()
        process.executableURL = Repo.kfn
        process.arguments = ["verify", "--local", "--worker-shims", Repo.root.appendingPathComponent("runtimes").path, "--ready-timeout", "120"]
        process.currentDirectoryURL = p.url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var workerPid: pid_t?
        for _ in 0..<300 where workerPid == nil {
            workerPid = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { pid_t($0) }
            if workerPid == nil { usleep(100_000) }
        }
        let worker = try #require(workerPid, "the function's worker never started")
        let folders = { ((try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []).filter { $0.hasPrefix("kfn-verify-interrupted-") } }
        #expect(!folders().isEmpty)

        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(folders().isEmpty)
        var alive = true
        for _ in 0..<100 where alive {
            alive = kill(worker, 0) == 0
            if alive { usleep(50_000) }
        }
        #expect(!alive, "the worker \(worker) still runs")
    }
}
