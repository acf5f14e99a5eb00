import Foundation

/// What workers tell the poll thread; the poll thread is the only one touching librdkafka's
/// consumer handle, so workers leave notes here instead of calling it.
struct WorkerReports {
    /// Per partition, the worker that finished a message and the offset to commit next.
    var done: [Int32: (worker: UInt64, next: Int64)] = [:]
    /// Partitions whose buffer drained enough to fetch again.
    var resume: [Int32: UInt64] = [:]
    /// Workers whose task has not returned yet.
    var running: Set<UInt64> = []
}

/// Delivers the messages of one partition, strictly one after the other, which is what keeps
/// the per-partition order. Partitions run in parallel, bounded by `Permits`.
final class PartitionWorker: Sendable {
    private struct Buffer {
        var messages: [KafkaMessage] = []
        var head = 0
        var waiter: CheckedContinuation<KafkaMessage?, Never>?
        var stopping = false
        var paused = false
        var count: Int { messages.count - head }
    }

    let partition: Int32
    let id: UInt64
    private let buffer = Locked(Buffer())
    private let task = Locked<Task<Void, Never>?>(nil)
    private let reports: Locked<WorkerReports>
    private let metrics: ConsumerMetrics
    private let maxBuffered: Int
    private let resumeBelow: Int

    init(partition: Int32, id: UInt64, reports: Locked<WorkerReports>, metrics: ConsumerMetrics, maxBuffered: Int) {
        self.partition = partition
        self.id = id
        self.reports = reports
        self.metrics = metrics
        self.maxBuffered = max(maxBuffered, 1)
        resumeBelow = max(maxBuffered / 2, 1)
    }

    func start(_ delivery: MessageDelivery) {
        _ = reports.withLock { $0.running.insert(id) }
        task.withLock { $0 = Task { await self.run(delivery) } }
    }

    private func run(_ delivery: MessageDelivery) async {
        while let message = await next() {
            guard await delivery.process(message) else { break }
            reports.withLock { $0.done[partition] = (id, message.offset + 1) }
        }
        let dropped = buffer.withLock { b in
            defer { b.messages = []; b.head = 0 }
            return b.count
        }
        metrics.buffered.decrement(by: Double(dropped))
        _ = reports.withLock { $0.running.remove(id) }
    }

    /// Poll thread: hands over a message. Returns true when the buffer just became full and the
    /// caller must pause the partition; deciding that under the same lock as the worker's resume
    /// check means a pause is always followed by a resume once the worker drains.
    func enqueue(_ message: KafkaMessage) -> Bool {
        metrics.buffered.increment()
        let (waiter, pause) = buffer.withLock { b -> (CheckedContinuation<KafkaMessage?, Never>?, Bool) in
            if let waiter = b.waiter {
                b.waiter = nil
                return (waiter, false)
            }
            b.messages.append(message)
            guard !b.paused, b.count >= maxBuffered else { return (nil, false) }
            b.paused = true
            return (nil, true)
        }
        if let waiter {
            metrics.buffered.decrement()
            waiter.resume(returning: message)
        }
        return pause
    }

    private func next() async -> KafkaMessage? {
        await withCheckedContinuation { (continuation: CheckedContinuation<KafkaMessage?, Never>) in
            let (message, ready, resume) = buffer.withLock { b -> (KafkaMessage?, Bool, Bool) in
                if b.stopping { return (nil, true, false) }
                guard b.count > 0 else {
                    b.waiter = continuation
                    return (nil, false, false)
                }
                let message = b.messages[b.head]
                b.head += 1
                if b.head > 256 && b.head * 2 > b.messages.count {
                    b.messages.removeFirst(b.head)
                    b.head = 0
                }
                let resume = b.paused && b.count < resumeBelow
                if resume { b.paused = false }
                return (message, true, resume)
            }
            if resume { reports.withLock { $0.resume[partition] = id } }
            if ready {
                if message != nil { metrics.buffered.decrement() }
                continuation.resume(returning: message)
            }
        }
    }

    /// Stops taking messages and cancels retries and backoff; a request already in flight runs
    /// to its end (see `FunctionClient.post`). Buffered messages are dropped, uncommitted.
    func stop() {
        let waiter = buffer.withLock { b -> CheckedContinuation<KafkaMessage?, Never>? in
            b.stopping = true
            defer { b.waiter = nil }
            return b.waiter
        }
        waiter?.resume(returning: nil)
        task.withLock { $0?.cancel() }
    }
}
