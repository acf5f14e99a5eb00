import Foundation
import Testing

/// Paths of the repository and of the built `kfn` binary, for tests that run the real CLI.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static var updateGoldens: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" }

    /// `kfn` sits next to the test bundle in the build products folder.
    static var kfn: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("kfn")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/kfn")
    }
}

/// A throwaway project folder: runtimes/, functions/, templates/ and out/, removed when released.
final class Workspace {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kfn-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func copy(_ source: URL, to relative: String) throws {
        let dest = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: dest.deletingLastPathComponent(), withIntermediateDirectories: true)
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dest.path, isDirectory: &isDir), !isDir.boolValue {
            try FileManager.default.removeItem(at: dest)
            try FileManager.default.copyItem(at: source, to: dest)
        } else if FileManager.default.fileExists(atPath: dest.path) {
            // Overlay: copy the children one by one.
            for child in try FileManager.default.contentsOfDirectory(atPath: source.path) {
                try copy(source.appendingPathComponent(child), to: relative + "/" + child)
            }
        } else {
            try FileManager.default.copyItem(at: source, to: dest)
        }
    }

    func write(_ text: String, to relative: String) throws {
        let dest = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: dest.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: dest, atomically: true, encoding: .utf8)
    }

    func read(_ relative: String) -> String? {
        try? String(contentsOf: url.appendingPathComponent(relative), encoding: .utf8)
    }

    /// Every file under `relative` with its bytes.
    func snapshot(_ relative: String) -> [String: Data] {
        Workspace.snapshot(of: url.appendingPathComponent(relative).path)
    }

    static func snapshot(of base: String) -> [String: Data] {
        var out: [String: Data] = [:]
        for p in (FileManager.default.enumerator(atPath: base)?.allObjects as? [String]) ?? [] {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + p, isDirectory: &isDir), !isDir.boolValue {
                out[p] = FileManager.default.contents(atPath: base + "/" + p)
            }
        }
        return out
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the real `kfn` binary in the workspace.
    func kfn(_ arguments: String...) throws -> Run {
        try kfn(arguments)
    }

    func kfn(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = Repo.kfn
        process.arguments = arguments
        process.currentDirectoryURL = url
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
