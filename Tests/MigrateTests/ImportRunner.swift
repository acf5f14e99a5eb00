import Foundation
import Testing

/// Runs the real `kfn` in a scratch folder holding a copy of the repository's catalog and templates.
struct ImportRunner {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The `kfn` built beside this test bundle (`.build/<triple>/debug/kfn`).
    static var binary: URL {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [products, products.deletingLastPathComponent(), products.deletingLastPathComponent().deletingLastPathComponent()]
            .map { $0.appendingPathComponent("kfn") } + [repository.appendingPathComponent(".build/debug/kfn")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }

    struct Output: Equatable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kfn-import-test-\(UUID().uuidString)")
        for shared in ["runtimes", "templates"] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Self.repository.appendingPathComponent(shared), to: folder.appendingPathComponent(shared))
        }
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// Copies every child of `source` into the scratch folder.
    func add(contentsOf source: URL) throws {
        for child in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(child), to: folder.appendingPathComponent(child))
        }
    }

    func kfn(_ arguments: [String], stdin: Data? = nil) throws -> Output {
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = arguments
        p.currentDirectoryURL = folder
        p.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { _, new in new }
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        input.fileHandleForWriting.write(stdin ?? Data())
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Output(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// Relative path → bytes of every file below `relative` (empty when it does not exist).
    func files(under relative: String) -> [String: Data] {
        Self.files(under: folder.appendingPathComponent(relative))
    }

    static func files(under root: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let fm = FileManager.default
        for rel in fm.subpaths(atPath: root.path) ?? [] {
            var isDir: ObjCBool = false
            let path = root.appendingPathComponent(rel).path
            if fm.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue { result[rel] = fm.contents(atPath: path) }
        }
        return result
    }
}
