import Foundation
import Testing

/// The repository's own examples: `make verify-local` passes on them, and changing what one of
/// them is expected to answer makes the verification fail.
@Suite struct ExampleVerifyTests {
    @Test func changingAnExamplesExpectedOutputFailsItsVerification() throws {
        let dir = URL(fileURLWithPath: "/tmp/kfn-verify-examples-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for folder in ["functions", "runtimes", "templates"] {
            try FileManager.default.copyItem(at: Repo.root.appendingPathComponent(folder), to: dir.appendingPathComponent(folder))
        }
        #expect(try run(Repo.kfn, ["build"], in: dir).status == 0)
        let before = try run(Repo.kfn, ["verify", "--local", "hello-python", "hello-ruby"], in: dir)
        #expect(before.status == 0, "\(before.stdout)\n\(before.stderr)")

        let definition = dir.appendingPathComponent("functions/hello-python/function.jsonnet")
        let text = try String(contentsOf: definition, encoding: .utf8)
        #expect(text.contains("body: 'hello world'"))
        try text.replacingOccurrences(of: "body: 'hello world'", with: "body: 'hello there'").write(to: definition, atomically: true, encoding: .utf8)
        #expect(try run(Repo.kfn, ["build"], in: dir).status == 0)
        let after = try run(Repo.kfn, ["verify", "--local", "hello-python", "hello-ruby"], in: dir)
        #expect(after.status == 1)
        #expect(after.stdout.contains(#"FAIL default/hello-python › says hello: body "hello world", expected "hello there""#))
        #expect(after.stdout.contains("default/hello-ruby    says hello  PASS"))
    }
}
