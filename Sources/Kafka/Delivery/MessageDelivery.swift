import Foundation
import Logging

/// Takes one message to a final state: delivered (2xx), or dead-lettered after the retries ran
/// out. Only then may its offset be committed; that is the at-least-once guarantee.
struct MessageDelivery: Sendable {
    let function: FunctionClient
    let policy: RetryPolicy
    let deadLetter: DeadLetterPublisher?
    let permits: Permits
    let metrics: ConsumerMetrics
    let logger: Logger

    /// Returns true when the message reached a final state, false when the consumer is stopping
    /// (task cancelled) first; then the offset stays uncommitted and the message comes back later.
    func process(_ message: KafkaMessage) async -> Bool {
        let started = ContinuousClock.now
        let event = FunctionEvent(message: message)
        var failedAttempts = 0
        var retrying = false
        defer { if retrying { metrics.retrying.decrement() } }

        while !Task.isCancelled {
            await permits.acquire()
            if Task.isCancelled { permits.release(); return false }
            let outcome = await function.post(event)
            permits.release()

            if outcome.succeeded {
                metrics.delivered.increment()
                metrics.latency.record(ContinuousClock.now - started)
                if failedAttempts > 0 {
                    logger.info("delivered after retries", metadata: meta(message, ["attempts": "\(failedAttempts + 1)"]))
                }
                return true
            }
            failedAttempts += 1
            metrics.failedAttempts.increment()
            if !retrying { retrying = true; metrics.retrying.increment() }

            if policy.shouldDeadLetter(afterFailedAttempts: failedAttempts), let deadLetter {
                guard await deadLetter.publish(message, reason: outcome.description, attempts: failedAttempts,
                                               policy: policy, logger: logger) else { return false }
                metrics.deadLettered.increment()
                metrics.latency.record(ContinuousClock.now - started)
                return true
            }
            let delay = policy.backoff(beforeRetry: failedAttempts)
            // Without a dead-letter topic a message is never skipped; say so once the retries a
            // dead-letter topic would have allowed are used up, so the stuck partition is visible.
            let forever = !policy.hasDeadLetterTopic && failedAttempts > policy.maxRetries
            logger.warning(forever ? "function keeps failing; no dead-letter topic, so retrying until it succeeds"
                                   : "function call failed; will retry",
                           metadata: meta(message, ["attempt": "\(failedAttempts)", "error": "\(outcome.description)",
                                                    "retry_in_ms": "\(delay.nanoseconds / 1_000_000)"]))
            do { try await Task.sleep(for: delay) } catch { return false }
            metrics.retried.increment()
        }
        return false
    }

    private func meta(_ m: KafkaMessage, _ extra: Logger.Metadata) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["topic": "\(m.topic)", "partition": "\(m.partition)", "offset": "\(m.offset)"]
        metadata.merge(extra) { $1 }
        return metadata
    }
}

/// Writes messages that exhausted their retries to the dead-letter topic, with the original
/// key, value and headers plus where they came from and why they failed.
struct DeadLetterPublisher: Sendable {
    let producer: KafkaProducer
    let topic: String

    /// Retries the produce itself until it succeeds (committing without it would lose the
    /// message); returns false only when the consumer is stopping.
    func publish(_ message: KafkaMessage, reason: String, attempts: Int,
                 policy: RetryPolicy, logger: Logger) async -> Bool {
        let headers = message.headers + [
            .init(name: "kfn-original-topic", value: Array(message.topic.utf8)),
            .init(name: "kfn-original-partition", value: Array(String(message.partition).utf8)),
            .init(name: "kfn-original-offset", value: Array(String(message.offset).utf8)),
            .init(name: "kfn-attempts", value: Array(String(attempts).utf8)),
            .init(name: "kfn-error", value: Array(reason.prefix(500).utf8)),
        ]
        var failures = 0
        while !Task.isCancelled {
            do {
                try await producer.send(topic: topic, key: message.key, value: message.value,
                                        headers: headers, timeoutMilliseconds: 30_000)
                logger.warning("message sent to the dead-letter topic after its retries ran out", metadata: [
                    "topic": "\(message.topic)", "partition": "\(message.partition)", "offset": "\(message.offset)",
                    "dead_letter_topic": "\(topic)", "attempts": "\(attempts)", "error": "\(reason)"])
                return true
            } catch {
                failures += 1
                let delay = policy.backoff(beforeRetry: failures)
                logger.error("cannot write to the dead-letter topic; will retry", metadata: [
                    "dead_letter_topic": "\(topic)", "error": "\(error)", "retry_in_ms": "\(delay.nanoseconds / 1_000_000)"])
                do { try await Task.sleep(for: delay) } catch { return false }
            }
        }
        return false
    }
}
