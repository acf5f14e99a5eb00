import Foundation
import Testing
@testable import Verify

@Suite struct KubectlTests {
    let k = Kubectl()

    @Test func commandsAreTheOnesDocumented() {
        #expect(k.apply("out", dryRun: false) == ["apply", "-k", "out"])
        #expect(k.apply("out/prod", dryRun: true) == ["apply", "-k", "out/prod", "--dry-run=server"])
        #expect(k.rolloutStatus(namespace: "shop", deployment: "orders", timeoutSeconds: 180)
            == ["rollout", "status", "-n", "shop", "deployment/orders", "--timeout=180s"])
        #expect(k.portForward(namespace: "default", service: "hello", port: 8080)
            == ["port-forward", "-n", "default", "service/hello", ":8080", "--address", "127.0.0.1"])
        #expect(k.createJob(namespace: "default", cronJob: "report", job: "report-verify-abc123")
            == ["create", "job", "-n", "default", "report-verify-abc123", "--from=cronjob/report"])
        #expect(k.waitJob(namespace: "default", job: "j", timeoutSeconds: 60)
            == ["wait", "-n", "default", "--for=condition=complete", "job/j", "--timeout=60s"])
        #expect(k.reachability() == ["get", "--raw", "/version", "--request-timeout=5s"])
    }

    @Test func aContextGoesInFrontOfEveryCommand() {
        #expect(Kubectl(context: "kind-kfn").apply("out", dryRun: false) == ["--context", "kind-kfn", "apply", "-k", "out"])
        #expect(Kubectl(context: "c").logs(namespace: "n", workload: "deployment/f").prefix(2) == ["--context", "c"])
    }

    @Test func theForwardedPortIsReadFromPortForwardOutput() {
        #expect(Kubectl.forwardedPort(in: "Forwarding from 127.0.0.1:41234 -> 8080\n") == 41234)
        #expect(Kubectl.forwardedPort(in: "Forwarding from [::1]:5000 -> 8080\nForwarding from 127.0.0.1:5001 -> 8080") == 5000)
        #expect(Kubectl.forwardedPort(in: "error: unable to forward port") == nil)
    }

    @Test func jobNamesFitAndAreLowercase() {
        let name = Kubectl.jobName(cronJob: String(repeating: "a", count: 52), suffix: "ABCDEF-1234")
        #expect(name.count <= 63)
        #expect(name.hasSuffix("-verify-abcdef"))
    }

    @Test func theUnreachableReasonDropsKlogNoise() {
        let output = """
            E0101 10:00:00.000000   123 memcache.go:265] couldn't get current server API group list: Get "http://localhost:8080/api?timeout=32s": dial tcp [::1]:8080: connect: connection refused
            The connection to the server localhost:8080 was refused - did you specify the right host or port?
            """
        #expect(Kubectl.unreachableReason(output) == "The connection to the server localhost:8080 was refused - did you specify the right host or port?")
        #expect(Kubectl.unreachableReason("") == "kubectl gave no reason")
    }

    /// The real kubectl against an empty kubeconfig: `kfn verify --cluster` must say there is no
    /// cluster, in one clear message and exit 1, not a stack trace.
    @Test(.enabled(if: ChildProcess.which("kubectl") != nil, "kubectl is not installed"))
    func withoutAClusterVerifyClusterSaysSoAndExits1() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kfn-kubeconfig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let kubeconfig = dir.appendingPathComponent("config")
        try Data().write(to: kubeconfig)
        let r = try run(Repo.kfn, ["verify", "--cluster"], in: Repo.root, env: ["KUBECONFIG": kubeconfig.path, "NO_COLOR": "1"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: no Kubernetes cluster reachable: "))
        #expect(r.stderr.contains("hint: point KUBECONFIG (or --context) at a cluster"))
        #expect(!r.stderr.contains("Fatal error"))
    }
}
