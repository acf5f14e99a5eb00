import Prometheus

/// The Prometheus series of the Kubeless contract (`function_calls_total`, `function_failures_total`,
/// `function_duration_seconds`, labelled `method` with the bare HTTP method as the Python runtime and
/// the Go proxy do) plus the two this server adds: timeouts and worker restarts.
///
/// Every series is created up front for every method the function route accepts, so a scrape shows
/// zeros rather than missing series, and the request path only does dictionary look-ups.
public final class FunctionMetrics: Sendable {
    struct PerMethod: Sendable {
        let calls: Counter
        let failures: Counter
        let timeouts: Counter
        let duration: DurationHistogram
    }

    /// The methods routed to the function.
    static let methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]
    /// prometheus_client's default buckets, which the Kubeless Python runtime exposed.
    static let buckets: [Duration] = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]
        .map { .nanoseconds(Int64($0 * 1e9)) }

    public let registry: PrometheusCollectorRegistry
    let workerRestarts: Counter
    private let byMethod: [String: PerMethod]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        func descriptor(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(metricName: name, unitName: unit, helpText: help)
        }
        let calls = descriptor("function_calls", "total", "Number of calls to user function")
        let failures = descriptor("function_failures", "total", "Number of exceptions in user function")
        let timeouts = descriptor(
            "function_timeouts", "total", "Number of calls to user function that exceeded FUNC_TIMEOUT")
        let duration = descriptor("function_duration", "seconds", "Duration of user function in seconds")
        var byMethod: [String: PerMethod] = [:]
        for method in Self.methods {
            let labels = [("method", method)]
            byMethod[method] = PerMethod(
                calls: registry.makeCounter(descriptor: calls, labels: labels),
                failures: registry.makeCounter(descriptor: failures, labels: labels),
                timeouts: registry.makeCounter(descriptor: timeouts, labels: labels),
                duration: registry.makeDurationHistogram(descriptor: duration, labels: labels, buckets: Self.buckets))
        }
        self.byMethod = byMethod
        self.workerRestarts = registry.makeCounter(
            descriptor: descriptor(
                "function_worker_restarts", "total",
                "Number of language workers replaced after they timed out, crashed or exited"))
    }

    func method(_ name: String) -> PerMethod? {
        byMethod[name]
    }

    /// The exposition text for `GET /metrics`.
    public func render() -> [UInt8] {
        registry.emitToBuffer()
    }
}
