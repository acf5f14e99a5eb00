import Foundation

/// How the local emulation runs: which kfn-runtime, where the worker shims are, how long to wait.
public struct LocalOptions: Sendable {
    public var runtimeBinary: String
    /// `KFN_RUNTIMES_DIR`: the folder with `python/`, `nodejs/`, `ruby/` worker shims.
    public var workerShims: String
    public var readyTimeout: Duration
    public var phaseTimeout: Duration
    public var caseTimeout: Duration

    public init(runtimeBinary: String, workerShims: String, readyTimeout: Duration = .seconds(30),
                phaseTimeout: Duration = .seconds(600), caseTimeout: Duration = .seconds(60)) {
        self.runtimeBinary = runtimeBinary
        self.workerShims = workerShims
        self.readyTimeout = readyTimeout
        self.phaseTimeout = phaseTimeout
        self.caseTimeout = caseTimeout
    }
}

/// One function's pod, emulated on this machine from its generated objects:
/// a temporary folder with `kubeless/`, `src/` and `tmp/` plays the pod's volumes; the init
/// containers' `sh -c` scripts run in order with their env (paths mapped, `$(VAR)` expanded);
/// kfn-runtime starts with the function container's env; the cases run; everything stops.
struct LocalPod {
    var manifest: FunctionManifest
    var cases: [VerifyCase]
    var options: LocalOptions
    var progress: @Sendable (String) -> Void

    /// Why the pod could not be brought up: the step's name, the reason.
    struct StepFailure: Error {
        var step: String
        var reason: String
    }

    func run() async -> [CaseResult] {
        let key = manifest.key
        let start = ContinuousClock.now
        guard !manifest.hasCustomImage else {
            return [CaseResult(function: key, name: "[pod]", status: .skip, seconds: 0,
                               reason: "custom image: its code is in the image, only `kfn verify --cluster` can run it")]
        }
        let root: String
        do { root = try LocalHost.temporaryFolder(prefix: "kfn-verify-\(manifest.name)") } catch {
            return [CaseResult(function: key, name: "[pod]", status: .fail, seconds: 0, reason: error.description)]
        }
        defer { LocalHost.remove(folder: root) }
        let paths = PodPaths(root: root)
        let log = root + "/pod.log"
        let fail = { (f: StepFailure) in
            [CaseResult(function: key, name: "[\(f.step)]", status: .fail, seconds: start.duration(to: .now).seconds,
                        reason: f.reason, log: Report.tail(of: log))]
        }
        var server: ChildProcess?
        defer { server?.stop() }
        let port: Int
        do {
            try layOut(paths)
            for container in manifest.initContainers {
                progress("\(key): \(container.name)")
                try await runInit(container, paths: paths, log: log)
            }
            progress("\(key): starting kfn-runtime")
            port = try LocalHost.freePort()
            server = try startRuntime(paths: paths, port: port, log: log)
        } catch let f as StepFailure {
            return fail(f)
        } catch {
            return fail(StepFailure(step: "pod", reason: "\(error)"))
        }
        let caller = FunctionCaller(baseURL: "http://127.0.0.1:\(port)", timeout: options.caseTimeout)
        let running = server!
        switch await caller.waitHealthy(within: options.readyTimeout, stillRunning: { running.exited == nil }) {
        case .healthy: break
        case .failed(let why): return fail(StepFailure(step: "start", reason: "the function did not load: \(why)"))
        case .timedOut(let why):
            return fail(StepFailure(step: "start", reason: "not healthy within \(options.readyTimeout) (\(why))"))
        }
        var results: [CaseResult] = []
        for c in cases {
            progress("\(key): \(c.name)")
            var r = await caller.run(c, function: key)
            if r.status == .fail { r.log = Report.tail(of: log) }
            results.append(r)
        }
        if let trigger = manifest.cronTrigger {
            progress("\(key): CronJob call")
            results.append(await callLikeCronJob(trigger, port: port, paths: paths, log: log))
        }
        if results.isEmpty {
            results.append(CaseResult(function: key, name: "[healthz]", status: .pass, seconds: start.duration(to: .now).seconds,
                                      reason: "no verify cases: only checked that the function loads"))
        }
        return results
    }

    /// What the `sources` ConfigMap volume shows at /src.
    private func layOut(_ paths: PodPaths) throws {
        let fm = FileManager.default
        for dir in [paths.kubeless, paths.src, paths.tmp] { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        for (path, data) in manifest.sources {
            let url = URL(fileURLWithPath: paths.src + "/" + path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
    }

    private func runInit(_ c: Container, paths: PodPaths, log: String) async throws {
        let env = c.resolvedEnv(map: paths.rewrite)
        // Paths first, then `$(VAR)`: expanded values already hold mapped paths.
        let script = KubeletExpansion.expand(paths.rewrite(c.script ?? ""), env)
        append("==> \(c.name): \(script)\n", to: log)
        let child = try ChildProcess(executable: "/bin/sh", arguments: ["-c", script],
                                     environment: LocalHost.baseEnvironment().merging(env) { _, pod in pod },
                                     directory: c.workingDir.map(paths.rewrite) ?? paths.root, log: log)
        guard let exit = await child.wait(timeout: options.phaseTimeout) else {
            child.stop()
            throw StepFailure(step: c.name, reason: "\(c.name) did not finish within \(options.phaseTimeout)")
        }
        guard exit == .status(0) else {
            var reason = "\(c.name) failed (\(exit))"
            if exit == .status(127), let line = Report.tail(of: log, lines: 50).split(separator: "\n").last(where: { $0.contains("not found") }) {
                // A missing toolchain is an error, not a skip: the function's pod would have it.
                reason += ": a command is not installed on this machine (\(line)); install the toolchain or use --cluster"
            }
            throw StepFailure(step: c.name, reason: reason)
        }
    }

    private func startRuntime(paths: PodPaths, port: Int, log: String) throws -> ChildProcess {
        var env = LocalHost.baseEnvironment().merging(manifest.runtime.resolvedEnv(map: paths.rewrite)) { _, pod in pod }
        // Local stand-ins for what the pod gets from the cluster and its image.
        env["FUNC_PORT"] = String(port)
        env["FUNC_HOST"] = "127.0.0.1"
        env["KFN_RUNTIMES_DIR"] = options.workerShims
        env["SHUTDOWN_TIMEOUT"] = "2"
        append("==> kfn-runtime on 127.0.0.1:\(port)\n", to: log)
        return try ChildProcess(executable: options.runtimeBinary, arguments: [], environment: env, directory: paths.root, log: log)
    }

    /// The CronJob's own `sh -c` curl command, with the Service's cluster URL swapped for the
    /// local port: same method, payload and event headers as the scheduled call.
    private func callLikeCronJob(_ trigger: Container, port: Int, paths: PodPaths, log: String) async -> CaseResult {
        let start = ContinuousClock.now
        let name = "[schedule] CronJob call"
        let env = trigger.resolvedEnv(fields: ["metadata.uid": UUID().uuidString.lowercased()])
        let script = KubeletExpansion.expand(trigger.script ?? "", env)
            .replacingOccurrences(of: manifest.serviceURL, with: "http://127.0.0.1:\(port)")
        append("==> CronJob \(trigger.name): \(script)\n", to: log)
        let result = { (status: CaseResult.Status, reason: String?) in
            CaseResult(function: manifest.key, name: name, status: status, seconds: start.duration(to: .now).seconds, reason: reason,
                       log: status == .fail ? Report.tail(of: log) : nil)
        }
        guard ChildProcess.which("curl") != nil else { return result(.fail, "the CronJob calls the function with curl, which is not installed") }
        do {
            let child = try ChildProcess(executable: "/bin/sh", arguments: ["-c", script],
                                         environment: LocalHost.baseEnvironment().merging(env) { _, pod in pod },
                                         directory: paths.tmp, log: log)
            guard let exit = await child.wait(timeout: options.caseTimeout) else {
                child.stop()
                return result(.fail, "the CronJob's call did not finish within \(options.caseTimeout)")
            }
            append("\n", to: log)
            return exit == .status(0) ? result(.pass, nil) : result(.fail, "the CronJob's call failed (curl \(exit))")
        } catch {
            return result(.fail, "\(error)")
        }
    }

    private func append(_ text: String, to path: String) {
        guard let h = FileHandle(forWritingAtPath: path) ?? {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }() else { return }
        defer { try? h.close() }
        _ = try? h.seekToEnd()
        try? h.write(contentsOf: Data(text.utf8))
    }
}
