import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Why a call to a worker did not produce a message.
enum WorkerCallError: Error, Equatable {
    /// The deadline passed; the worker has been killed.
    case timedOut
    /// The worker process ended (or broke the protocol) while handling the request.
    case exited(String)
    /// The worker was already gone or busy; nothing was sent, so the request may go elsewhere.
    case unavailable
}

/// One long-lived language worker: its process, the NIO channel over its pipes, and a small state
/// machine (starting → idle ⇄ busy → dead) guarded by a lock, because calls arrive from request tasks
/// while replies and closes arrive on the channel's event loop.
final class Worker: Sendable {
    let id: Int
    let process: WorkerProcess
    let channel: any Channel
    /// Completes when the worker reported ready; fails with its load error or exit.
    let ready: EventLoopFuture<Void>
    /// Completes, with how the process ended, once it has been reaped.
    let exited: EventLoopFuture<ExitStatus>
    private let link: WorkerLink

    private init(id: Int, process: WorkerProcess, channel: any Channel, link: WorkerLink) {
        self.id = id
        self.process = process
        self.channel = channel
        self.link = link
        self.ready = link.readyPromise.futureResult
        self.exited = link.exitPromise.futureResult
    }

    /// Spawns the interpreter running the shim and wires its pipes into the event loop.
    static func start(
        id: Int, arguments: [String], environment: [String: String], eventLoop: any EventLoop
    ) async throws -> Worker {
        let process = try WorkerProcess.spawn(arguments: arguments, environment: environment)
        let link = WorkerLink(process: process, eventLoop: eventLoop)
        let channel: any Channel
        do {
            channel = try await NIOPipeBootstrap(group: eventLoop)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(WorkerFrameDecoder()))
                        try channel.pipeline.syncOperations.addHandler(WorkerChannelHandler(link: link))
                    }
                }
                .takingOwnershipOfDescriptors(input: process.replyReadFD, output: process.requestWriteFD)
                .get()
        } catch {
            process.kill()
            link.channelClosed()
            link.readyPromise.futureResult.whenComplete { _ in }
            throw error
        }
        return Worker(id: id, process: process, channel: channel, link: link)
    }

    /// Sends one request and waits for the worker's answer, killing the worker if `deadline` passes.
    func call(_ frame: ByteBuffer, deadline: NIODeadline) async throws -> WorkerMessage {
        let promise = channel.eventLoop.makePromise(of: WorkerMessage.self)
        guard link.begin(promise) else { throw WorkerCallError.unavailable }
        // One hop onto the channel's loop arms the timer and writes: a timer on the loop is far
        // cheaper than a task-group race per request, and doing both in one submission saves a
        // cross-thread wake-up. The reply (on the same loop) cancels the timer.
        let channel = self.channel
        let link = self.link
        channel.eventLoop.execute {
            link.arm(channel.eventLoop.scheduleTask(deadline: deadline) { link.timeOut(promise) }, for: promise)
            channel.writeAndFlush(frame, promise: nil)
        }
        return try await promise.futureResult.get()
    }

    /// True while the worker can take another request (not dead, not killed).
    var isUsable: Bool { link.isUsable }

    /// Stops the worker: closing its request pipe makes the shim exit on EOF; `kill` is the fallback.
    func close() {
        channel.close(promise: nil)
    }

    func kill() {
        link.end(killing: true, reason: "the worker was stopped")
    }
}

/// The state a worker shares between request tasks and its channel handler.
final class WorkerLink: Sendable {
    private enum Phase {
        case starting, idle, busy(EventLoopPromise<WorkerMessage>, Scheduled<Void>?), dead
    }

    let process: WorkerProcess
    let eventLoop: any EventLoop
    let readyPromise: EventLoopPromise<Void>
    let exitPromise: EventLoopPromise<ExitStatus>
    private let phase = NIOLockedValueBox(Phase.starting)

    init(process: WorkerProcess, eventLoop: any EventLoop) {
        self.process = process
        self.eventLoop = eventLoop
        self.readyPromise = eventLoop.makePromise()
        self.exitPromise = eventLoop.makePromise()
    }

    var isUsable: Bool {
        phase.withLockedValue { if case .idle = $0 { true } else { false } }
    }

    func begin(_ promise: EventLoopPromise<WorkerMessage>) -> Bool {
        phase.withLockedValue { phase in
            guard case .idle = phase else { return false }
            phase = .busy(promise, nil)
            return true
        }
    }

    /// Keeps the request's timer so the reply can cancel it; a request that already ended
    /// cancels it at once.
    func arm(_ timer: Scheduled<Void>, for promise: EventLoopPromise<WorkerMessage>) {
        let kept = phase.withLockedValue { phase in
            guard case .busy(let pending, .none) = phase, pending.futureResult === promise.futureResult else { return false }
            phase = .busy(pending, timer)
            return true
        }
        if !kept { timer.cancel() }
    }

    /// A message from the worker (on the event loop).
    func received(_ message: WorkerMessage) {
        enum Action { case ready, loadFailed(String), reply(EventLoopPromise<WorkerMessage>, Scheduled<Void>?), violation }
        let action: Action = phase.withLockedValue { phase in
            switch (phase, message) {
            case (.starting, .ready):
                phase = .idle
                return .ready
            case (.starting, .loadError(let reason)):
                phase = .dead
                return .loadFailed(reason)
            case (.busy(let promise, let timer), .result), (.busy(let promise, let timer), .functionError),
                 (.busy(let promise, let timer), .badRequest):
                phase = .idle
                return .reply(promise, timer)
            default:
                return .violation
            }
        }
        switch action {
        case .ready: readyPromise.succeed(())
        case .loadFailed(let reason):
            readyPromise.fail(WorkerLoadError(reason: reason))
            process.kill()
        case .reply(let promise, let timer):
            timer?.cancel()
            promise.succeed(message)
        case .violation: end(killing: true, reason: "the worker broke the protocol (unexpected message)")
        }
    }

    /// The deadline fired: answer the request with a timeout and kill the worker, whose channel
    /// close then reaps it and lets the pool start a replacement.
    func timeOut(_ promise: EventLoopPromise<WorkerMessage>) {
        let timedOut = phase.withLockedValue { phase in
            guard case .busy(let pending, _) = phase, pending.futureResult === promise.futureResult else { return false }
            phase = .dead
            return true
        }
        guard timedOut else { return }
        promise.fail(WorkerCallError.timedOut)
        process.kill()
    }

    /// Moves to dead, failing whatever waited on the worker with `reason`; every path out of
    /// `starting` and `busy` comes through here or through the branches above, so each promise is
    /// completed exactly once.
    func end(killing: Bool, reason: String) {
        if killing { process.kill() }
        let previous = phase.withLockedValue { phase -> Phase in
            defer { phase = .dead }
            return phase
        }
        switch previous {
        case .starting: readyPromise.fail(WorkerLoadError(reason: reason))
        case .busy(let promise, let timer):
            timer?.cancel()
            promise.fail(WorkerCallError.exited(reason))
        case .idle, .dead: break
        }
    }

    /// The reply pipe closed: the process is ending. Reap it, then fail whatever was waiting.
    func channelClosed() {
        reap(attempt: 0)
    }

    private func reap(attempt: Int) {
        if let status = process.reap() {
            end(killing: false, reason: "the worker exited (\(status))")
            exitPromise.succeed(status)
            return
        }
        // The pipe closes a moment before the process is reapable; a process that closed its pipe
        // yet keeps running is killed after about a second.
        if attempt == 200 { process.kill() }
        let delay: TimeAmount = attempt < 10 ? .milliseconds(1) : .milliseconds(5)
        eventLoop.scheduleTask(in: delay) { self.reap(attempt: attempt + 1) }
    }
}

struct WorkerLoadError: Error, Equatable, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}

/// Feeds decoded frames and the channel's end into the worker's link.
final class WorkerChannelHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    private let link: WorkerLink

    init(link: WorkerLink) {
        self.link = link
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        do {
            link.received(try WorkerMessage(frame: unwrapInboundIn(data)))
        } catch {
            link.end(killing: true, reason: "the worker broke the protocol (\(error))")
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        link.channelClosed()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is WorkerProtocolError {
            link.end(killing: true, reason: "the worker broke the protocol (\(error))")
        }
        context.close(promise: nil)
    }
}
