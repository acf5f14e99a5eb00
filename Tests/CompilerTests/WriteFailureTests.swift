import Foundation
import Testing

/// A build whose writes fail (here: a file where kfn needs a folder) exits 1 naming the path,
/// leaves no temporary files behind and does not write the index, so the next build still knows
/// what it owns.
@Suite struct WriteFailureTests {
    @Test func aFileInTheWayOfAFolderFailsTheBuildCleanly() throws {
        let ws = try OutputBehaviourTests.project()
        try ws.write("not a folder\n", to: "out/default/hello")
        let run = try ws.kfn("build")
        #expect(run.status == 1)
        #expect(run.stderr.contains("out/default/hello: a file is in the way of this folder"), "\(run.stderr)")
        let files = ws.snapshot("out").keys
        #expect(!files.contains { $0.contains(".kfn-tmp-") })
        #expect(!files.contains(".kfn-index.json"))
        #expect(ws.read("out/default/hello") == "not a folder\n")

        // Out of the way, the same build succeeds and writes every file.
        try FileManager.default.removeItem(atPath: ws.path + "/out/default/hello")
        #expect(try ws.kfn("build").status == 0)
        #expect(ws.snapshot("out").count == 10)
    }

    @Test func manyFunctionsWrittenInParallelMatchTheirIndex() throws {
        let ws = try OutputBehaviourTests.project()
        for i in 0..<40 {
            try ws.write("{ runtime: 'python3.12', handler: 'h.handler' }\n", to: "functions/fn-\(i)/function.jsonnet")
            try ws.write("def handler(event, context):\n    return \(i)\n", to: "functions/fn-\(i)/h.py")
        }
        #expect(try ws.kfn("build").status == 0)
        let files = ws.snapshot("out")
        // Every file the index owns is on disk with the recorded digest, and nothing else is.
        let index = try JSONSerialization.jsonObject(with: try #require(files[".kfn-index.json"])) as? [String: Any]
        let functions = try #require(index?["functions"] as? [String: [String: Any]])
        var owned: [String: String] = [:]
        for entry in functions.values { owned.merge(entry["files"] as? [String: String] ?? [:]) { a, _ in a } }
        #expect(owned.count == files.count - 2)
        let sums = try Self.sha256sum(owned.keys.sorted(), in: ws.path + "/out")
        for (path, digest) in owned {
            #expect(files[path] != nil, "\(path) missing")
            #expect(sums[path] == digest, "\(path)")
        }
        #expect(!files.keys.contains { $0.contains(".kfn-tmp-") })
    }

    /// Digests by coreutils' sha256sum, independent of kfn's own hashing.
    static func sha256sum(_ paths: [String], in directory: String) throws -> [String: String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", "--"] + paths
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var sums: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2 { sums[String(parts[1].drop { $0 == " " || $0 == "*" })] = String(parts[0]) }
        }
        return sums
    }
}
