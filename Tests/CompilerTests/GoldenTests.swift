import Foundation
import Testing

/// Golden directories: `Fixtures/<case>/input/functions` built with the project's templates and
/// the test catalog must produce exactly `Fixtures/<case>/expected` (missing and extra files both
/// fail). `UPDATE_GOLDENS=1 swift test` rewrites the expectations and still fails, so the change
/// is read before it is committed.
@Suite struct GoldenTests {
    static let fixtures = Repo.tests.appendingPathComponent("Fixtures")
    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []).filter { !$0.hasPrefix("_") && !$0.hasPrefix(".") }.sorted()
    }

    static func workspace(for name: String) throws -> Workspace {
        let ws = try Workspace()
        let input = fixtures.appendingPathComponent(name).appendingPathComponent("input")
        try ws.copy(Repo.root.appendingPathComponent("templates"), to: "templates")
        let ownCatalog = input.appendingPathComponent("runtimes.jsonnet")
        try ws.copy(FileManager.default.fileExists(atPath: ownCatalog.path) ? ownCatalog : fixtures.appendingPathComponent("_catalog/runtimes.jsonnet"),
                    to: "runtimes/runtimes.jsonnet")
        try ws.copy(input.appendingPathComponent("functions"), to: "functions")
        return ws
    }

    @Test(arguments: cases)
    func buildsExactlyTheExpectedTree(_ name: String) throws {
        let ws = try Self.workspace(for: name)
        let run = try ws.kfn("build", "--strict")
        #expect(run.status == 0, "\(run.stderr)")
        let actual = ws.snapshot("out")
        let expectedDir = Self.fixtures.appendingPathComponent(name).appendingPathComponent("expected")
        if Repo.updateGoldens {
            try? FileManager.default.removeItem(at: expectedDir)
            try FileManager.default.copyItem(at: ws.url.appendingPathComponent("out"), to: expectedDir)
            Issue.record("rewrote \(expectedDir.path); review the change and run the tests again")
            return
        }
        let expected = Workspace.snapshot(of: expectedDir.path)
        #expect(Set(actual.keys).subtracting(expected.keys).sorted() == [], "files produced but not expected")
        #expect(Set(expected.keys).subtracting(actual.keys).sorted() == [], "files expected but not produced")
        for (path, data) in expected where actual[path] != nil && actual[path] != data {
            Issue.record("\(name)/\(path) differs from the golden file:\n\(String(decoding: actual[path]!, as: UTF8.self))")
        }
    }
}

