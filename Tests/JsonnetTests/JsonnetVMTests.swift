import Foundation
import Testing
@testable import Jsonnet

@Suite struct JsonnetVMTests {
    let dir: String

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("kfn-jsonnet-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/lib", withIntermediateDirectories: true)
        try "{ greeting: 'hi ' + std.extVar('who') }".write(toFile: dir + "/a.jsonnet", atomically: true, encoding: .utf8)
        try "{\n  ok: 1,\n  bad: error 'boom',\n}\n".write(toFile: dir + "/bad.jsonnet", atomically: true, encoding: .utf8)
        try "{ x: 1\n y: 2 }".write(toFile: dir + "/syntax.jsonnet", atomically: true, encoding: .utf8)
        try "{ shared: true }".write(toFile: dir + "/lib/shared.libsonnet", atomically: true, encoding: .utf8)
    }

    @Test func evaluatesFilesWithExtVars() throws {
        let vm = JsonnetVM(JsonnetConfiguration(extVars: ["who": "kfn"]))
        let out = try vm.evaluate(file: dir + "/a.jsonnet")
        #expect(try JSONParser.parse(out) == ["greeting": "hi kfn"])
    }

    @Test func runtimeErrorsPointAtTheInnermostFrame() {
        let vm = JsonnetVM(JsonnetConfiguration())
        #expect {
            _ = try vm.evaluate(file: dir + "/bad.jsonnet")
        } throws: { error in
            let d = (error as! JsonnetError).diagnostic()
            return d.message == "boom" && d.location == .source(file: dir + "/bad.jsonnet", line: 3, column: 8)
        }
    }

    @Test func staticErrorsCarryTheirPosition() {
        let vm = JsonnetVM(JsonnetConfiguration())
        #expect {
            _ = try vm.evaluate(file: dir + "/syntax.jsonnet")
        } throws: { error in
            let d = (error as! JsonnetError).diagnostic()
            return d.message == "expected a comma before next field." && d.location == .source(file: dir + "/syntax.jsonnet", line: 2, column: 2)
        }
    }

    @Test func libraryPathsResolveImportsAndAreRecorded() throws {
        let vm = JsonnetVM(JsonnetConfiguration(importPaths: [dir + "/lib"]))
        let out = try vm.evaluate(snippet: "(import 'shared.libsonnet').shared", filename: dir + "/entry.jsonnet")
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "true")
        #expect(vm.importedFiles == [dir + "/lib/shared.libsonnet"])
    }

    @Test func batchesSplitResultsAndBisectFailures() {
        // 40 units, two of them broken: each gets its own error, the others their values, and
        // bisection needs far fewer evaluations than one per unit.
        let units = (0..<40).map { i in
            BatchEvaluator.Unit(i == 7 || i == 31 ? "error 'unit \(i) failed'" : "{ n: \(i) }")
        }
        let evaluator = BatchEvaluator(configuration: JsonnetConfiguration(), entryFile: dir + "/.batch.jsonnet", parallelism: 2)
        let out = evaluator.evaluate(units)
        #expect(out.results.count == 40)
        for (i, r) in out.results.enumerated() {
            switch r {
            case .success(let v): #expect(v == ["n": .number(Double(i))])
            case .failure(let e):
                #expect(i == 7 || i == 31)
                #expect(e.summary == "unit \(i) failed")
            }
        }
        #expect(out.results.filter { if case .failure = $0 { true } else { false } }.count == 2)
        #expect(out.evaluations < 30)
    }

    @Test func normalizesPaths() {
        #expect(PathNormalizer.normalize("a/./b/../c//d") == "a/c/d")
        #expect(PathNormalizer.normalize("../x") == "../x")
        #expect(PathNormalizer.relative("functions/hello/x.py", to: "functions/hello") == "x.py")
        #expect(PathNormalizer.relative("functions/other/x.py", to: "functions/hello") == nil)
    }
}
