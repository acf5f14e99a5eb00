import Foundation

/// The built `kfn-runtime` binary running `consume`, for behaviour that needs a real process:
/// exit statuses, SIGTERM and SIGKILL.
final class ChildProcess: @unchecked Sendable {
    private let process = Process()
    private let output = Locked(Data())
    private let pipe = Pipe()

    /// `KFN_RUNTIME_BINARY` wins; otherwise the binary next to this test bundle, which is where
    /// `swift test` builds it.
    static func binary() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["KFN_RUNTIME_BINARY"] { return URL(fileURLWithPath: path) }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var candidates = [executable.deletingLastPathComponent().appendingPathComponent("kfn-runtime")]
        // macOS test bundles nest the binary in Contents/MacOS.
        candidates.append(executable.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("kfn-runtime"))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/kfn-runtime"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw TestFailure("kfn-runtime is not built (looked at \(candidates.map(\.path))); run `swift build` first")
        }
        return found
    }

    init(arguments: [String] = ["consume"], environment: [String: String]) throws {
        process.executableURL = try Self.binary()
        process.arguments = arguments
        // Only what we pass: a stray KFN_* in the developer's shell must not change the test.
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { a, _ in a }
        process.standardOutput = pipe
        process.standardError = pipe
        let output = self.output
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            output.withLock { $0.append(chunk) }
        }
        try process.run()
    }

    var text: String { String(decoding: output.withLock { $0 }, as: UTF8.self) }
    var isRunning: Bool { process.isRunning }
    var pid: Int32 { process.processIdentifier }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits (bounded) for exit; nil if still running after `seconds`.
    func exitStatus(within seconds: Double) async -> Int32? {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while process.isRunning && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { return nil }
        // The handler may not have seen the last bytes yet; take them before anyone reads `text`.
        pipe.fileHandleForReading.readabilityHandler = nil
        let rest = pipe.fileHandleForReading.readDataToEndOfFile()
        output.withLock { $0.append(rest) }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
