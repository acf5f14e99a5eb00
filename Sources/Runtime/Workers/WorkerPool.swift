import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import ServiceLifecycle

/// What `/healthz` reports.
public enum FunctionHealth: Sendable, Equatable {
    case loading
    case ready
    case failed(String)
}

enum PoolError: Error, Equatable {
    /// The deadline passed while every worker was busy; no worker was touched.
    case timedOut
    /// The function cannot run (it failed to load, or the server is stopping).
    case unavailable(String)
}

/// How to start one worker; the pool starts `size` of them and replaces those that die.
struct WorkerLaunch: Sendable {
    var arguments: [String]
    var environment: [String: String]
    var size: Int
}

/// The pool of long-lived workers. Each request takes a free worker (or waits, first come first
/// served, until its deadline) and gives it back when the worker answered; a worker that timed out
/// or died is never given back, and its exit starts a replacement.
///
/// A lock rather than an actor: acquire and release run twice per request on the hot path, and a
/// short critical section is cheaper than two actor hops.
final class WorkerPool: Service, Sendable {
    private struct Waiter {
        var id: Int
        var continuation: CheckedContinuation<Worker, any Error>
        var timer: Scheduled<Void>?
    }

    private struct State {
        var idle: [Worker] = []
        var waiters = CircularBuffer<Waiter>()
        var nextWaiterID = 0
        var nextWorkerID = 0
        var live: [Int: Worker] = [:]
        var health = FunctionHealth.loading
        var stopping = false
        var replacementFailures = 0
    }

    private let launch: WorkerLaunch
    private let group: any EventLoopGroup
    private let logger: Logger
    private let metrics: FunctionMetrics
    private let state = NIOLockedValueBox(State())

    init(launch: WorkerLaunch, group: any EventLoopGroup, logger: Logger, metrics: FunctionMetrics) {
        self.launch = launch
        self.group = group
        self.logger = logger
        self.metrics = metrics
    }

    var health: FunctionHealth { state.withLockedValue { $0.health } }

    // MARK: requests

    /// Runs one request on a free worker. `unavailable` from a worker means nothing was sent (it died
    /// between release and acquire), so the request is retried on another one.
    func invoke(_ frame: ByteBuffer, deadline: NIODeadline) async throws -> WorkerMessage {
        while true {
            let worker = try await acquire(deadline: deadline)
            do {
                let message = try await worker.call(frame, deadline: deadline)
                release(worker)
                return message
            } catch WorkerCallError.unavailable {
                continue
            }
        }
    }

    private func acquire(deadline: NIODeadline) async throws -> Worker {
        try await withCheckedThrowingContinuation { continuation in
            enum Outcome { case worker(Worker), failure(PoolError), waiting(Int) }
            let outcome: Outcome = state.withLockedValue { state in
                if state.stopping { return .failure(.unavailable("the server is shutting down")) }
                if case .failed(let reason) = state.health { return .failure(.unavailable(reason)) }
                while let worker = state.idle.popLast() {
                    if worker.isUsable { return .worker(worker) }
                }
                let id = state.nextWaiterID
                state.nextWaiterID += 1
                state.waiters.append(Waiter(id: id, continuation: continuation))
                return .waiting(id)
            }
            switch outcome {
            case .worker(let worker): continuation.resume(returning: worker)
            case .failure(let error): continuation.resume(throwing: error)
            case .waiting(let id):
                let timer = group.next().scheduleTask(deadline: deadline) { self.expireWaiter(id) }
                let stored = state.withLockedValue { state in
                    guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return false }
                    state.waiters[index].timer = timer
                    return true
                }
                if !stored { timer.cancel() }
            }
        }
    }

    private func expireWaiter(_ id: Int) {
        let waiter = state.withLockedValue { state -> Waiter? in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index)
        }
        waiter?.continuation.resume(throwing: PoolError.timedOut)
    }

    /// Hands the worker to the oldest waiter, or parks it.
    private func release(_ worker: Worker) {
        let waiter = state.withLockedValue { state -> Waiter? in
            guard worker.isUsable, !state.stopping else { return nil }
            if let waiter = state.waiters.popFirst() { return waiter }
            state.idle.append(worker)
            return nil
        }
        if let waiter {
            waiter.timer?.cancel()
            waiter.continuation.resume(returning: worker)
        }
    }

    // MARK: lifecycle

    func run() async throws {
        // Shutdown is awaited beside the start-ups, not after them: a module that never finishes
        // loading must not keep SIGTERM waiting (stop() kills the loading workers).
        await withDiscardingTaskGroup { group in
            for _ in 0..<launch.size {
                group.addTask { await self.startWorker(replacing: false) }
            }
            group.addTask {
                try? await gracefulShutdown()
                await self.stop()
            }
        }
    }

    private func startWorker(replacing: Bool) async {
        let id = state.withLockedValue { state -> Int? in
            guard !state.stopping else { return nil }
            defer { state.nextWorkerID += 1 }
            return state.nextWorkerID
        }
        guard let id else { return }
        let worker: Worker
        do {
            worker = try await Worker.start(
                id: id, arguments: launch.arguments, environment: launch.environment, eventLoop: group.next())
        } catch {
            await loadFailed(reason: "cannot start \(launch.arguments.joined(separator: " ")): \(error)",
                             replacing: replacing)
            return
        }
        let stopping = state.withLockedValue { state in
            state.live[id] = worker
            return state.stopping
        }
        if stopping { return worker.close() }
        do {
            try await worker.ready.get()
        } catch {
            state.withLockedValue { _ = $0.live.removeValue(forKey: id) }
            await loadFailed(reason: "\(error)", replacing: replacing)
            return
        }
        logger.debug("worker ready", metadata: ["worker": "\(id)", "pid": "\(worker.process.pid)"])
        state.withLockedValue { state in
            if state.health == .loading {
                state.health = .ready
                logger.info("function loaded", metadata: ["workers": "\(launch.size)"])
            }
            state.replacementFailures = 0
        }
        worker.exited.whenSuccess { status in self.workerExited(worker, status: status) }
        release(worker)
    }

    /// The first load failure is final (the module or handler is missing, or the code does not
    /// compile; retrying cannot help, and Kubernetes restarts the pod on the failing probe). A
    /// replacement that fails to load is retried with a growing pause instead, since the function
    /// did load before.
    private func loadFailed(reason: String, replacing: Bool) async {
        guard replacing else {
            let first = state.withLockedValue { state -> Bool in
                guard case .loading = state.health else { return false }
                state.health = .failed(reason)
                return true
            }
            if first {
                logger.error("cannot load the function: \(reason)")
                failWaiters(with: .unavailable(reason))
            }
            return
        }
        let failures = state.withLockedValue { state -> Int? in
            guard !state.stopping else { return nil }
            state.replacementFailures += 1
            return state.replacementFailures
        }
        guard let failures else { return }
        logger.error("a replacement worker failed to load: \(reason)")
        try? await Task.sleep(for: .milliseconds(min(5000, 100 << min(failures, 6))))
        await startWorker(replacing: true)
    }

    private func workerExited(_ worker: Worker, status: ExitStatus) {
        let replace = state.withLockedValue { state -> Bool in
            state.live[worker.id] = nil
            state.idle.removeAll { $0 === worker }
            return !state.stopping
        }
        guard replace else { return }
        metrics.workerRestarts.increment()
        logger.warning("worker exited, starting a replacement",
                       metadata: ["worker": "\(worker.id)", "pid": "\(worker.process.pid)", "status": "\(status)"])
        Task { await self.startWorker(replacing: true) }
    }

    private func failWaiters(with error: PoolError) {
        let waiters = state.withLockedValue { state in
            defer { state.waiters.removeAll() }
            return Array(state.waiters)
        }
        for waiter in waiters {
            waiter.timer?.cancel()
            waiter.continuation.resume(throwing: error)
        }
    }

    /// Closes every worker's request pipe (the shims exit on EOF), then kills whatever is still
    /// running after two seconds, and returns once all are reaped.
    func stop() async {
        let workers = state.withLockedValue { state in
            state.stopping = true
            state.idle.removeAll()
            return Array(state.live.values)
        }
        failWaiters(with: .unavailable("the server is shutting down"))
        for worker in workers { worker.close() }
        for worker in workers {
            let killer = worker.channel.eventLoop.scheduleTask(in: .seconds(2)) { worker.kill() }
            _ = try? await worker.exited.get()
            killer.cancel()
        }
        logger.debug("workers stopped", metadata: ["count": "\(workers.count)"])
    }
}
