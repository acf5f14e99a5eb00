import Foundation
import Logging

/// The consumer's core: one dedicated thread owns librdkafka's consumer handle and runs the
/// poll loop (polling blocks, so it must not sit on Swift's cooperative pool), hands messages to
/// one `PartitionWorker` per owned partition, stores and commits the offsets the workers report,
/// pauses partitions whose buffer is full, and handles rebalances.
public final class ConsumerEngine: @unchecked Sendable {
    // Everything below up to `reports` is confined to the poll thread (or to `run` before it starts).
    private let configuration: ConsumerConfiguration
    private let handle: KafkaConsumerHandle
    private var delivery: MessageDelivery!
    private let metrics: ConsumerMetrics
    private let logger: Logger
    private var workers: [Int32: PartitionWorker] = [:]
    private var nextWorkerID: UInt64 = 0
    private var lastDone: [Int32: Int64] = [:]
    private var firstSeen: [Int32: Int64] = [:]
    private var uncommitted = false
    private var lastCommit = ContinuousClock.now
    private var lastLagUpdate = ContinuousClock.now
    private var lastErrorLog: [String: ContinuousClock.Instant] = [:]
    private var fatal: KafkaError?

    private let reports = Locked(WorkerReports())
    private let stopRequested = Locked(false)

    static let pollTimeoutMilliseconds: Int32 = 100
    static let commitInterval = Duration.milliseconds(100)

    init(configuration: ConsumerConfiguration, metrics: ConsumerMetrics, logger: Logger) throws(KafkaError) {
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        let callbacks = ConsumerCallbacks()
        handle = try KafkaConsumerHandle(properties: configuration.consumerProperties,
                                         topic: configuration.topic, callbacks: callbacks)
        callbacks.onRebalance = { [unowned self] in self.rebalance($0) }
        callbacks.onError = { [unowned self] error, fatal in self.clientError(error, fatal: fatal) }
        try handle.subscribe()
    }

    /// Runs until `stop()`; then finishes in-flight messages, commits and leaves the group.
    /// Throws only for a fatal client error.
    func run(_ delivery: MessageDelivery) async throws {
        self.delivery = delivery
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let thread = Thread { [self] in
                pollLoop()
                if let fatal { continuation.resume(throwing: fatal) } else { continuation.resume() }
            }
            thread.name = "kfn-kafka-poll"
            thread.start()
        }
    }

    /// Thread-safe; returns at once.
    func stop() { stopRequested.withLock { $0 = true } }

    private func pollLoop() {
        logger.info("consuming", metadata: ["topic": "\(configuration.topic)", "group": "\(configuration.group)",
                                            "brokers": "\(configuration.brokers.joined(separator: ","))",
                                            "function": "\(configuration.functionURL.absoluteString)"])
        while !stopRequested.withLock({ $0 }) && fatal == nil {
            switch handle.poll(timeoutMilliseconds: Self.pollTimeoutMilliseconds) {
            case .message(let message): dispatch(message)
            case .error(let error): logThrottled(error, "cannot read from Kafka; retrying")
            case .nothing: break
            }
            applyReports()
            let now = ContinuousClock.now
            if uncommitted && now - lastCommit >= Self.commitInterval { commit(wait: false) }
            if now - lastLagUpdate >= .seconds(1) { updateLag(); lastLagUpdate = now }
        }
        // SIGTERM path: let in-flight requests finish, commit them, then leave the group (whose
        // revoke callback finds no workers left and commits nothing new).
        stopWorkers(Array(workers.keys))
        commit(wait: true)
        do { try handle.close() } catch { logger.warning("leaving the consumer group failed", metadata: ["error": "\(error)"]) }
        logger.info("consumer stopped", metadata: ["topic": "\(configuration.topic)"])
    }

    private func dispatch(_ message: KafkaMessage) {
        metrics.consumed.increment()
        guard let worker = workers[message.partition] else { return }  // not ours any more
        if firstSeen[message.partition] == nil { firstSeen[message.partition] = message.offset }
        if worker.enqueue(message) { handle.pause([message.partition]) }
    }

    /// Stores the offsets workers finished and resumes partitions whose buffer drained.
    private func applyReports() {
        let (done, resume) = reports.withLock { r in
            defer { r.done = [:]; r.resume = [:] }
            return (r.done, r.resume)
        }
        for (partition, report) in done where workers[partition]?.id == report.worker {
            do {
                try handle.storeOffset(partition: partition, nextOffset: report.next)
                lastDone[partition] = report.next
                uncommitted = true
            } catch {
                logger.warning("cannot store offset", metadata: ["partition": "\(partition)", "error": "\(error)"])
            }
        }
        let resumable = resume.filter { workers[$0.key]?.id == $0.value }.map(\.key)
        if !resumable.isEmpty { handle.resume(resumable) }
    }

    private func commit(wait: Bool, beforeRevoke: Bool = false) {
        applyReports()
        guard uncommitted else { return }
        do {
            try handle.commitStored(wait: wait)
            uncommitted = false
            lastCommit = .now
        } catch where beforeRevoke {
            // Kafka accepts this commit while the group prepares a rebalance; a broker that
            // refuses it (librdkafka's mock cluster does) costs redeliveries since the last
            // periodic commit, never a lost message.
            logger.warning("could not commit before giving partitions up; their next owner redelivers from the last commit",
                           metadata: ["error": "\(error)"])
        } catch {
            logThrottled(error, "cannot commit offsets; will try again")
        }
    }

    private func rebalance(_ event: Rebalance) {
        switch event {
        case .assigned(let partitions):
            logger.info("partitions assigned", metadata: ["partitions": "\(partitions.sorted())"])
            for partition in partitions {
                nextWorkerID += 1
                let worker = PartitionWorker(partition: partition, id: nextWorkerID, reports: reports,
                                             metrics: metrics, maxBuffered: configuration.maxBufferedPerPartition)
                workers[partition] = worker
                worker.start(delivery)
            }
        case .revoked(let partitions, let lost):
            logger.info("partitions revoked", metadata: ["partitions": "\(partitions.sorted())", "lost": "\(lost)"])
            stopWorkers(partitions)
            // Committing what is done means the next owner starts right after it; anything not
            // done is simply read again by that owner, so nothing is lost.
            if !lost { commit(wait: true, beforeRevoke: true) }
            for partition in partitions {
                workers[partition] = nil
                lastDone[partition] = nil
                firstSeen[partition] = nil
                metrics.forgetLag(partition: partition)
            }
        }
        metrics.assignedPartitions.set(Double(workers.count))
    }

    /// Stops the workers of `partitions` and waits, bounded, for their in-flight requests.
    private func stopWorkers(_ partitions: [Int32]) {
        let stopping = partitions.compactMap { workers[$0] }
        guard !stopping.isEmpty else { return }
        stopping.forEach { $0.stop() }
        let ids = Set(stopping.map(\.id))
        let grace = configuration.requestTimeout + .seconds(5)
        let deadline = Date(timeIntervalSinceNow: Double(grace.nanoseconds) / 1e9)
        if !reports.wait(until: deadline, for: { $0.running.isDisjoint(with: ids) }) {
            logger.warning("in-flight requests did not finish in time; their messages will be delivered again")
        }
        applyReports()
    }

    private func updateLag() {
        for partition in workers.keys {
            guard let high = handle.highWatermark(partition: partition),
                  let position = lastDone[partition] ?? firstSeen[partition] else { continue }
            metrics.setLag(partition: partition, max(0, high - position))
        }
    }

    private func clientError(_ error: KafkaError, fatal: Bool) {
        if fatal {
            logger.critical("fatal Kafka client error; exiting", metadata: ["error": "\(error)"])
            self.fatal = error
        } else {
            logThrottled(error, "Kafka client error; librdkafka keeps retrying")
        }
    }

    /// Brokers that stay down make librdkafka report the same error many times a second; one
    /// line per kind of error every 10 s keeps the log readable.
    private func logThrottled(_ error: KafkaError, _ message: Logger.Message) {
        let key: String
        if case .librdkafka(_, let code, _) = error { key = code } else { key = "\(error)" }
        let now = ContinuousClock.now
        if let last = lastErrorLog[key], now - last < .seconds(10) { return }
        lastErrorLog[key] = now
        logger.warning(message, metadata: ["error": "\(error)"])
    }
}
