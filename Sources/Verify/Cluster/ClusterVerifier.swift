import Foundation

/// `kfn verify --cluster`: apply out/ with kubectl, wait for the rollouts, call every case through
/// a port-forward to the function's Service, run each CronJob once as a Job.
///
/// Port-forward rather than the API server's service proxy (`kubectl get --raw …/proxy/`): the
/// proxy path only carries GET through `get --raw`, hides the status code in kubectl's error text
/// and drops request headers; the port-forward carries any method, header and status, so the
/// cases are judged exactly as in the local mode (by the same `FunctionCaller`).
public struct ClusterVerifier: Sendable {
    public var outputDirectory: String
    public var kubectl: Kubectl
    public var dryRun: Bool
    public var rolloutTimeout: Duration
    public var caseTimeout: Duration
    public var progress: @Sendable (String) -> Void

    public init(outputDirectory: String, kubectl: Kubectl = Kubectl(), dryRun: Bool = false, rolloutTimeout: Duration = .seconds(180),
                caseTimeout: Duration = .seconds(60), progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.outputDirectory = outputDirectory
        self.kubectl = kubectl
        self.dryRun = dryRun
        self.rolloutTimeout = rolloutTimeout
        self.caseTimeout = caseTimeout
        self.progress = progress
    }

    /// Throws when nothing can be verified at all (no kubectl, no cluster, apply rejected).
    public func run(_ targets: [VerifyTarget]) async throws(VerifyError) -> [CaseResult] {
        Interrupts.shared.install()
        let runner = try KubectlRunner()
        defer { runner.cleanUp() }
        let reach = try await runner.run(kubectl.reachability(), timeout: .seconds(15))
        guard reach.ok else { throw .noCluster(Kubectl.unreachableReason(reach.output)) }

        progress("kubectl apply -k \(outputDirectory)\(dryRun ? " --dry-run=server" : "")")
        let start = ContinuousClock.now
        let applied = try await runner.run(kubectl.apply(outputDirectory, dryRun: dryRun), timeout: .seconds(300))
        guard applied.ok else { throw .kubectl("kubectl apply -k \(outputDirectory) failed:\n\(applied.output)") }
        if dryRun {
            // A server-side dry run validates and admits every object but starts nothing to call.
            return targets.map { CaseResult(function: $0.key, name: "[apply --dry-run=server]", status: .pass,
                                            seconds: start.duration(to: .now).seconds) }
        }
        let reader = ManifestReader(directory: outputDirectory)
        var results: [CaseResult] = []
        for target in targets {
            do {
                results += await verify(try reader.read(target.key), cases: target.cases, runner: runner)
            } catch {
                results.append(CaseResult(function: target.key, name: "[manifest]", status: .fail, seconds: 0, reason: error.description))
            }
        }
        return results
    }

    private func verify(_ m: FunctionManifest, cases: [VerifyCase], runner: KubectlRunner) async -> [CaseResult] {
        let start = ContinuousClock.now
        let seconds = Int(rolloutTimeout.components.seconds)
        func fail(_ step: String, _ reason: String, workload: String? = nil) async -> CaseResult {
            let logs = try? await runner.run(kubectl.logs(namespace: m.namespace, workload: workload ?? "deployment/\(m.name)"),
                                             timeout: .seconds(20))
            return CaseResult(function: m.key, name: step, status: .fail, seconds: start.duration(to: .now).seconds,
                              reason: reason, log: logs?.output)
        }
        progress("\(m.key): rollout")
        guard let rollout = try? await runner.run(kubectl.rolloutStatus(namespace: m.namespace, deployment: m.name, timeoutSeconds: seconds),
                                                  timeout: rolloutTimeout + .seconds(10)), rollout.ok else {
            return [await fail("[rollout]", "deployment/\(m.name) did not become available within \(seconds)s")]
        }
        var results: [CaseResult] = []
        if !cases.isEmpty {
            progress("\(m.key): port-forward")
            do {
                let (forward, port) = try await runner.portForward(kubectl.portForward(namespace: m.namespace, service: m.name, port: m.servicePort))
                defer { forward.stop() }
                let caller = FunctionCaller(baseURL: "http://127.0.0.1:\(port)", timeout: caseTimeout)
                for c in cases {
                    progress("\(m.key): \(c.name)")
                    let r = await caller.run(c, function: m.key)
                    results.append(r.status == .fail ? await fail(r.name, r.reason ?? "") : r)
                }
            } catch {
                results.append(await fail("[port-forward]", error.description))
            }
        }
        if m.cronTrigger != nil {
            progress("\(m.key): CronJob call")
            let job = Kubectl.jobName(cronJob: m.name, suffix: UUID().uuidString)
            let jobStart = ContinuousClock.now
            let created = try? await runner.run(kubectl.createJob(namespace: m.namespace, cronJob: m.name, job: job), timeout: .seconds(30))
            let done = created?.ok == true
                ? try? await runner.run(kubectl.waitJob(namespace: m.namespace, job: job, timeoutSeconds: Int(caseTimeout.components.seconds)),
                                        timeout: caseTimeout + .seconds(10))
                : nil
            if done?.ok == true {
                results.append(CaseResult(function: m.key, name: "[schedule] CronJob call", status: .pass, seconds: jobStart.duration(to: .now).seconds))
            } else {
                results.append(await fail("[schedule] CronJob call", "job/\(job) from cronjob/\(m.name) did not complete: \(created?.output ?? "")",
                                          workload: "job/\(job)"))
            }
            _ = try? await runner.run(kubectl.deleteJob(namespace: m.namespace, job: job), timeout: .seconds(30))
        }
        return results
    }
}
