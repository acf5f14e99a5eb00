import Compiler
import Foundation
import Testing

/// Builds that skip evaluating definitions whose inputs did not change: what they skip, what
/// makes them evaluate again, and that the result is always the bytes a cold build writes.
@Suite struct IncrementalTests {
    static func project() throws -> Workspace {
        let ws = try OutputBehaviourTests.project()
        try ws.write("{ team: 'core' }\n", to: "functions/lib/common.libsonnet")
        try ws.write("""
            local common = import 'lib/common.libsonnet';
            { runtime: 'python3.12', handler: 'shared.handler', labels: common }
            """, to: "functions/shared/function.jsonnet")
        try ws.write("def handler(event, context):\n    return 'shared'\n", to: "functions/shared/shared.py")
        return ws
    }

    static func build(_ ws: Workspace) throws -> Compiler.Result {
        let options = BuildOptions(runtimes: ws.path + "/runtimes/runtimes.jsonnet", functions: ws.path + "/functions",
                                   templates: ws.path + "/templates", out: ws.path + "/out")
        let result = try Compiler(options: options).build()
        try result.plan.apply()
        return result
    }

    /// The incremental build's out/ must equal a cold build's, index included.
    static func expectSameAsCold(_ ws: Workspace) throws {
        let incremental = ws.snapshot("out")
        try FileManager.default.removeItem(atPath: ws.path + "/out")
        let cold = try build(ws)
        #expect(cold.evaluated == 3)
        #expect(ws.snapshot("out") == incremental)
    }

    @Test func nothingChangedEvaluatesNoDefinition() throws {
        let ws = try Self.project()
        #expect(try Self.build(ws).evaluated == 3)
        let again = try Self.build(ws)
        #expect(again.evaluated == 0)
        #expect(again.functions == 3)
        #expect(again.plan.isUpToDate)
        try Self.expectSameAsCold(ws)
    }

    @Test func aChangedFolderEvaluatesOnlyItsFunction() throws {
        let ws = try Self.project()
        _ = try Self.build(ws)
        try ws.write("def handler(event, context):\n    return 'bye now'\n", to: "functions/bye/bye.py")
        let run = try Self.build(ws)
        #expect(run.evaluated == 1)
        #expect(run.rendered == 1)
        try Self.expectSameAsCold(ws)
    }

    @Test func anEditedOutputFileIsRepairedByEvaluatingItsFunction() throws {
        let ws = try Self.project()
        _ = try Self.build(ws)
        try ws.write("tampered\n", to: "out/default/hello/service-hello.yaml")
        let run = try Self.build(ws)
        #expect(run.evaluated == 1)
        #expect(run.plan.changes.map(\.path) == ["default/hello/service-hello.yaml"])
    }

    @Test func aSharedLibraryChangeEvaluatesEveryDefinition() throws {
        let ws = try Self.project()
        _ = try Self.build(ws)
        try ws.write("{ team: 'platform' }\n", to: "functions/lib/common.libsonnet")
        let run = try Self.build(ws)
        #expect(run.evaluated == 3)
        #expect(run.rendered == 1, "only the function that imports the library changed")
        try Self.expectSameAsCold(ws)
    }

    @Test func importingAnotherFunctionsFileTurnsSkippingOff() throws {
        let ws = try Self.project()
        try ws.write("""
            local other = import '../shared/function.jsonnet';
            { runtime: 'python3.12', handler: 'bye.handler', labels: other.labels }
            """, to: "functions/bye/function.jsonnet")
        _ = try Self.build(ws)
        #expect(ws.read("out/.kfn-index.json")?.contains("\"inputs\": \"\",\n  \"functions\"") == true)
        // bye depends on shared's folder: a change there must reach bye, so nothing is skipped.
        try ws.write("{ runtime: 'python3.12', handler: 'shared.handler', labels: { team: 'x' } }\n", to: "functions/shared/function.jsonnet")
        let run = try Self.build(ws)
        #expect(run.evaluated == 3)
        #expect(ws.read("out/default/bye/deployment-bye.yaml")?.contains("team: x") == true)
        try Self.expectSameAsCold(ws)
    }
}
