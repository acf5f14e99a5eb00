import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Runtime
import Testing

/// A live `kfn-runtime` process on 127.0.0.1 and a free port, serving one of the test functions in
/// `Functions/<language>/`. Always use it through `withServer`, which stops it whatever happens.
final class RuntimeProcess: @unchecked Sendable {
    let process = Process()
    private let output = OutputCollector()
    private(set) var port = 0

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let functionsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Functions")

    /// The `kfn-runtime` built next to the test bundle (`swift test` builds every product), or
    /// `KFN_RUNTIME_BINARY`.
    static var binary: URL {
        if let explicit = ProcessInfo.processInfo.environment["KFN_RUNTIME_BINARY"] {
            return URL(fileURLWithPath: explicit)
        }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // On macOS the runner sits inside `<bundle>.xctest/Contents/MacOS`.
        while folder.path.contains(".xctest") { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("kfn-runtime")
    }

    init(language: Language, module: String = "functions", handler: String = "main", environment: [String: String] = [:]) {
        let runtime = switch language {
        case .python: "python3.12"
        case .nodejs: "nodejs22"
        case .ruby: "ruby3.3"
        }
        var env: [String: String] = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/tmp",
            "MOD_NAME": module,
            "FUNC_HANDLER": handler,
            "FUNC_RUNTIME": runtime,
            "FUNC_MEMORY_LIMIT": "128Mi",
            "FUNC_HOST": "127.0.0.1",
            "FUNC_PORT": "0",
            "FUNC_CONCURRENCY": "2",
            "KUBELESS_INSTALL_VOLUME": Self.functionsDirectory.appendingPathComponent(language.rawValue).path,
            "KFN_RUNTIMES_DIR": Self.repositoryRoot.appendingPathComponent("runtimes").path,
            // The test functions live in the repository; keep __pycache__ out of it.
            "PYTHONDONTWRITEBYTECODE": "1",
        ]
        env.merge(environment) { $1 }
        process.executableURL = Self.binary
        process.arguments = ["serve"]
        process.environment = env
    }

    func start() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build kfn-runtime first: \(Self.binary.path)")
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        output.collect(stdout, into: \.stdout)
        output.collect(stderr, into: \.stderr)
        try process.run()
        // The server logs the address it bound; with FUNC_PORT=0 that is how the port is learnt.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, process.isRunning {
            if let port = output.listeningPort() {
                self.port = port
                return
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        throw TestFailure("kfn-runtime did not start listening:\n\(stderrText)")
    }

    var stdoutText: String { output.text(\.stdout) }
    var stderrText: String { output.text(\.stderr) }

    /// Waits (bounded) until `/healthz` answers `status`.
    func waitForHealth(_ status: Int = 200, within seconds: Double = 20) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            let response = try await get("/healthz")
            last = "\(response.status) \(response.text)"
            if response.status == status { return response.text }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestFailure("/healthz never answered \(status); last: \(last)\n\(stderrText)")
    }

    /// Waits (bounded) until `/healthz` reports a load failure ("loading" is also a 503) and
    /// returns its text.
    func waitForLoadFailure(within seconds: Double = 20) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            let response = try await get("/healthz")
            last = "\(response.status) \(response.text)"
            if response.status == 503, response.text.hasPrefix("failed: ") { return response.text }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestFailure("/healthz never reported a load failure; last: \(last)\n\(stderrText)")
    }

    func get(_ path: String, headers: [(String, String)] = []) async throws -> HTTPResult {
        try await send(.GET, path, headers: headers)
    }

    func send(_ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil) async throws -> HTTPResult {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return HTTPResult(status: Int(response.status.code), headers: response.headers, body: Array(buffer: bytes))
    }

    /// SIGTERM, then waits (bounded) for the exit; SIGKILL if it does not come.
    func terminate(within seconds: Double = 15) async -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }
}

/// Starts a server, runs `body`, and always stops the server again.
func withServer<T>(
    _ language: Language, module: String = "functions", handler: String = "main",
    environment: [String: String] = [:], waitForHealthy: Bool = true,
    _ body: (RuntimeProcess) async throws -> T
) async throws -> T {
    let server = RuntimeProcess(language: language, module: module, handler: handler, environment: environment)
    try server.start()
    do {
        if waitForHealthy { _ = try await server.waitForHealth() }
        let result = try await body(server)
        _ = await server.terminate()
        return result
    } catch {
        _ = await server.terminate()
        throw error
    }
}

struct HTTPResult {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw TestFailure("not a JSON object: \(text)")
        }
        return object
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Gathers a child's stdout and stderr as they arrive.
final class OutputCollector: @unchecked Sendable {
    struct Streams: Sendable { var stdout = Data(); var stderr = Data() }
    private let lock = NSLock()
    private var streams = Streams()

    func collect(_ pipe: Pipe, into key: WritableKeyPath<Streams, Data> & Sendable) {
        pipe.fileHandleForReading.readabilityHandler = { [self] handle in
            let chunk = handle.availableData
            if chunk.isEmpty {
                handle.readabilityHandler = nil
                return
            }
            lock.lock(); streams[keyPath: key].append(chunk); lock.unlock()
        }
    }

    func text(_ key: KeyPath<Streams, Data>) -> String {
        lock.lock(); defer { lock.unlock() }
        return String(decoding: streams[keyPath: key], as: UTF8.self)
    }

    func listeningPort() -> Int? {
        let log = text(\.stderr)
        guard let range = log.range(of: "listening on 127.0.0.1:") else { return nil }
        let digits = log[range.upperBound...].prefix { $0.isNumber }
        return Int(digits)
    }
}
