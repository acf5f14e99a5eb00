/// The kubectl command lines `kfn verify --cluster` runs, and the parsing of their output: pure
/// functions, so they are tested without a cluster.
public struct Kubectl: Sendable, Hashable {
    /// `--context`, when the user picked one; otherwise kubectl's current context.
    public var context: String?

    public init(context: String? = nil) {
        self.context = context
    }

    private func with(_ args: [String]) -> [String] {
        (context.map { ["--context", $0] } ?? []) + args
    }

    /// A cheap authenticated call: fails fast (5 s) when no API server answers.
    public func reachability() -> [String] {
        with(["get", "--raw", "/version", "--request-timeout=5s"])
    }

    public func apply(_ directory: String, dryRun: Bool) -> [String] {
        with(["apply", "-k", directory] + (dryRun ? ["--dry-run=server"] : []))
    }

    public func rolloutStatus(namespace: String, deployment: String, timeoutSeconds: Int) -> [String] {
        with(["rollout", "status", "-n", namespace, "deployment/\(deployment)", "--timeout=\(timeoutSeconds)s"])
    }

    /// A port-forward to the Service on a free local port (`:<port>`), bound to 127.0.0.1 only.
    public func portForward(namespace: String, service: String, port: Int) -> [String] {
        with(["port-forward", "-n", namespace, "service/\(service)", ":\(port)", "--address", "127.0.0.1"])
    }

    /// The CronJob's call, made the way the schedule makes it: a Job from its template.
    public func createJob(namespace: String, cronJob: String, job: String) -> [String] {
        with(["create", "job", "-n", namespace, job, "--from=cronjob/\(cronJob)"])
    }

    public func waitJob(namespace: String, job: String, timeoutSeconds: Int) -> [String] {
        with(["wait", "-n", namespace, "--for=condition=complete", "job/\(job)", "--timeout=\(timeoutSeconds)s"])
    }

    public func deleteJob(namespace: String, job: String) -> [String] {
        with(["delete", "-n", namespace, "job/\(job)", "--ignore-not-found", "--wait=false"])
    }

    /// The log tail for a failure: every container of one of the workload's pods.
    public func logs(namespace: String, workload: String, lines: Int = 20) -> [String] {
        with(["logs", "-n", namespace, workload, "--all-containers", "--tail=\(lines)"])
    }

    /// The local port from port-forward's `Forwarding from 127.0.0.1:41234 -> 8080`.
    public static func forwardedPort(in output: String) -> Int? {
        for line in output.split(separator: "\n") where line.hasPrefix("Forwarding from ") {
            let address = line.dropFirst("Forwarding from ".count).split(separator: " ").first ?? ""
            if let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]) { return port }
        }
        return nil
    }

    /// What kubectl said when the API server cannot be reached, as one line: its last `error:` or
    /// connection line, without the log-prefix noise (`E0101 12:00:00.000 memcache.go:265] …`).
    public static func unreachableReason(_ output: String) -> String {
        let lines = output.split(separator: "\n").map { line -> String in
            var s = String(line)
            if let bracket = s.firstIndex(of: "]"), s.first.map({ "EWI".contains($0) }) == true,
               s[s.startIndex..<bracket].contains(".go:") {
                s = String(s[s.index(after: bracket)...])
            }
            return s.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        let preferred = lines.last { $0.contains("connection to the server") || $0.hasPrefix("error:") || $0.contains("Unable to connect") }
        return preferred ?? lines.last ?? "kubectl gave no reason"
    }

    /// A Job name for one verification run: `<cronjob>-verify-<suffix>`, the CronJob's name cut so
    /// the whole fits the 63 characters of a label value (Jobs label their pods with their name).
    public static func jobName(cronJob: String, suffix: String) -> String {
        var base = String(cronJob.prefix(63 - "-verify-".count - 6))
        while base.hasSuffix("-") { base.removeLast() }
        return "\(base)-verify-\(suffix.prefix(6))".lowercased()
    }
}
