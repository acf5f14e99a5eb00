/// When to try a failed message again and when to give up on it.
struct RetryPolicy: Sendable {
    var maxRetries: Int
    var initialBackoff: Duration
    var maxBackoff: Duration
    /// Without a dead-letter topic there is nowhere to put a message that keeps failing, and
    /// skipping it would lose it, so the consumer retries it for ever at `maxBackoff`.
    var hasDeadLetterTopic: Bool

    /// Delay before retry number `retry` (1-based): doubling from the initial backoff up to the cap.
    /// No jitter: each partition retries one message at a time, so there is no herd to spread.
    func backoff(beforeRetry retry: Int) -> Duration {
        let doublings = min(max(retry - 1, 0), 40)
        let scaled = initialBackoff * Int(1 << min(doublings, 30))
        return doublings >= 30 || scaled > maxBackoff ? maxBackoff : scaled
    }

    /// Whether the message should go to the dead-letter topic after `failedAttempts` attempts.
    func shouldDeadLetter(afterFailedAttempts failedAttempts: Int) -> Bool {
        hasDeadLetterTopic && failedAttempts > maxRetries
    }
}

/// A counting semaphore for `KFN_CONCURRENCY`: how many partitions may be talking to the function
/// at once. Waiters are served first come, first served so no partition starves.
final class Permits: Sendable {
    private struct State {
        var available: Int
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    private let state: Locked<State>

    init(_ count: Int) { state = Locked(State(available: count)) }

    func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = state.withLock { s -> Bool in
                if s.available > 0 { s.available -= 1; return true }
                s.waiters.append(continuation)
                return false
            }
            if granted { continuation.resume() }
        }
    }

    func release() {
        let next = state.withLock { s -> CheckedContinuation<Void, Never>? in
            if s.waiters.isEmpty { s.available += 1; return nil }
            return s.waiters.removeFirst()
        }
        next?.resume()
    }
}
