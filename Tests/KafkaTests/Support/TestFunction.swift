import Foundation
import Hummingbird
import Kafka

/// One request the test function received.
struct ReceivedEvent: Sendable {
    var eventID: String
    var partition: Int32
    var offset: Int64
    var headers: [String: String]
    var body: [UInt8]
    var attempt: Int
    var status: Int
    var at: ContinuousClock.Instant
}

/// A real HTTP function on 127.0.0.1 (Hummingbird), recording every request. `respond` picks the
/// status from the event and its attempt number, so tests script failures per message.
final class TestFunction: Sendable {
    let port: Int
    private let task: Task<Void, any Error>
    private let log: Locked<[ReceivedEvent]>

    static func start(port: Int = 0,
                      respond: @escaping @Sendable (ReceivedEvent) async -> Int = { _ in 200 }) async throws -> TestFunction {
        let log = Locked<[ReceivedEvent]>([])
        let attempts = Locked<[String: Int]>([:])
        let router = Router()
        router.post("/") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 10 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let id = headers["event-id"] ?? ""
            // event-id is <topic>-<partition>-<offset>; the topic may itself contain dashes.
            let parts = id.split(separator: "-")
            let attempt = attempts.withLock { a -> Int in a[id, default: 0] += 1; return a[id]! }
            var event = ReceivedEvent(eventID: id, partition: Int32(parts.dropLast().last ?? "") ?? -1,
                                      offset: Int64(parts.last ?? "") ?? -1, headers: headers,
                                      body: Array(buffer: body), attempt: attempt, status: 0, at: .now)
            event.status = await respond(event)
            let recorded = event
            log.withLock { $0.append(recorded) }
            return Response(status: .init(code: event.status))
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(router: router,
                              configuration: .init(address: .hostname("127.0.0.1", port: port)),
                              onServerRunning: { channel in
                                  continuation.yield(channel.localAddress?.port ?? 0)
                                  continuation.finish()
                              })
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            task.cancel()
            throw TestFailure("test function did not start")
        }
        return TestFunction(port: bound, task: task, log: log)
    }

    private init(port: Int, task: Task<Void, any Error>, log: Locked<[ReceivedEvent]>) {
        self.port = port
        self.task = task
        self.log = log
    }

    var url: String { "http://127.0.0.1:\(port)" }
    var events: [ReceivedEvent] { log.withLock { $0 } }

    /// Offsets answered 2xx, per partition, in the order they were answered.
    func deliveredOffsets() -> [Int32: [Int64]] {
        var result: [Int32: [Int64]] = [:]
        for event in events where (200..<300).contains(event.status) { result[event.partition, default: []].append(event.offset) }
        return result
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A lock for test bookkeeping shared with server handlers.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
