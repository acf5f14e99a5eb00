import Foundation
import Testing

/// Each folder of Fixtures/ is a case: `input/` is copied into a scratch project, `args` holds the
/// kfn arguments (one per line), `stdin.yaml` is piped when present. `expected/` holds the
/// resulting `functions/` (or `fns/`) tree and `stdout.txt`, `stderr.txt`, `status.txt`, compared both ways.
/// `UPDATE_GOLDENS=1 swift test` rewrites `expected/` and still fails, so the change gets read.
@Suite struct ImportGoldenTests {
    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: ImportRunner.fixtures.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test(arguments: cases)
    func importMatchesGolden(_ name: String) throws {
        let dir = ImportRunner.fixtures.appendingPathComponent(name)
        let runner = try ImportRunner()
        defer { runner.remove() }
        let input = dir.appendingPathComponent("input")
        if FileManager.default.fileExists(atPath: input.path) { try runner.add(contentsOf: input) }
        let args = try String(contentsOf: dir.appendingPathComponent("args"), encoding: .utf8).split(separator: "\n").map(String.init)
        let output = try runner.kfn(args, stdin: FileManager.default.contents(atPath: dir.appendingPathComponent("stdin.yaml").path))

        var actual: [String: Data] = [:]
        for tree in ["functions", "fns"] {
            for (rel, data) in runner.files(under: tree) { actual[tree + "/" + rel] = data }
        }
        actual["stdout.txt"] = Data(output.stdout.utf8)
        actual["stderr.txt"] = Data(output.stderr.utf8)
        actual["status.txt"] = Data("\(output.status)\n".utf8)

        let expectedDir = dir.appendingPathComponent("expected")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try? FileManager.default.removeItem(at: expectedDir)
            for (rel, data) in actual {
                let url = expectedDir.appendingPathComponent(rel)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            Issue.record("rewrote \(expectedDir.path); review the change and run the tests again")
            return
        }
        let expected = ImportRunner.files(under: expectedDir)
        #expect(Set(actual.keys).subtracting(expected.keys).sorted() == [], "files the import wrote that the golden lacks")
        #expect(Set(expected.keys).subtracting(actual.keys).sorted() == [], "golden files the import did not write")
        for key in Set(actual.keys).intersection(expected.keys).sorted() where actual[key] != expected[key] {
            Issue.record("\(name)/\(key) differs:\n--- expected\n\(String(decoding: expected[key]!, as: UTF8.self))\n--- actual\n\(String(decoding: actual[key]!, as: UTF8.self))")
        }
    }
}
