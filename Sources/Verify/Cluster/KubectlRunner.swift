import Foundation

/// Runs kubectl as a child process (own process group, output to a temporary log), so Ctrl-C
/// stops a hanging call and the output can be read back.
struct KubectlRunner: Sendable {
    let executable: String
    let folder: String

    struct Output: Sendable {
        var ok: Bool
        var output: String
    }

    init() throws(VerifyError) {
        guard let found = ChildProcess.which("kubectl") else { throw .kubectlMissing }
        executable = found
        folder = try LocalHost.temporaryFolder(prefix: "kfn-verify-kubectl")
    }

    func run(_ arguments: [String], timeout: Duration) async throws(VerifyError) -> Output {
        let log = folder + "/\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let child = try ChildProcess(executable: executable, arguments: arguments, environment: ProcessInfo.processInfo.environment,
                                     directory: FileManager.default.currentDirectoryPath, log: log)
        let exit = await child.wait(timeout: timeout)
        if exit == nil { child.stop() }
        let text = Report.tail(of: log, lines: 40)
        return Output(ok: exit == .status(0), output: exit == nil ? text + "\n(kubectl timed out after \(timeout))" : text)
    }

    /// Starts a port-forward and waits (10 s at most) for the local port it reports.
    func portForward(_ arguments: [String]) async throws(VerifyError) -> (ChildProcess, Int) {
        let log = folder + "/\(UUID().uuidString).log"
        let child = try ChildProcess(executable: executable, arguments: arguments, environment: ProcessInfo.processInfo.environment,
                                     directory: FileManager.default.currentDirectoryPath, log: log)
        for _ in 0..<100 {
            let text = Report.tail(of: log, lines: 20)
            if let port = Kubectl.forwardedPort(in: text) { return (child, port) }
            if child.exited != nil { throw .kubectl("kubectl port-forward exited: \(text)") }
            try? await Task.sleep(for: .milliseconds(100))
        }
        child.stop()
        throw .kubectl("kubectl port-forward reported no local port within 10 s")
    }

    func cleanUp() { LocalHost.remove(folder: folder) }
}
