import Foundation
import Testing
@testable import Verify

/// Reads the repository's own out/, which `kfn build --check` keeps in step with the definitions.
@Suite struct ManifestReaderTests {
    let reader = ManifestReader(directory: Repo.root.appendingPathComponent("out").path)

    @Test func functionsAreListedFromTheIndex() throws {
        let keys = try reader.functionKeys()
        #expect(keys.contains("default/table-python"))
        #expect(keys.contains("shop/orders-python"))
        #expect(keys == keys.sorted())
    }

    @Test func aFunctionWithDependenciesHasPrepareAndInstall() throws {
        let m = try reader.read("default/table-python")
        #expect(m.initContainers.map(\.name) == ["prepare", "install"])
        #expect(m.sources.map(\.path).sorted() == ["requirements.txt", "table.py"])
        #expect(m.initContainers[1].script?.contains("pip install") == true)
        #expect(m.initContainers[1].workingDir == "/kubeless")
        let env = m.runtime.resolvedEnv()
        #expect(env["MOD_NAME"] == "table")
        #expect(env["PYTHONPATH"] == "/kubeless/lib/python3.11/site-packages:/kubeless")
        #expect(m.cronTrigger == nil)
        #expect(m.serviceURL == "http://table-python.default.svc.cluster.local:8080")
    }

    @Test func sourcesInSubfoldersKeepTheirPaths() throws {
        let m = try reader.read("default/greet-node")
        #expect(m.sources.map(\.path).contains("greeting/index.js"))
    }

    @Test func aScheduledFunctionHasItsCronJobTrigger() throws {
        let m = try reader.read("default/report-node")
        let trigger = try #require(m.cronTrigger)
        #expect(trigger.script?.contains("curl") == true)
        let env = trigger.resolvedEnv(fields: ["metadata.uid": "u"])
        #expect(env["POD_UID"] == "u")
        #expect(env["KFN_PAYLOAD"]?.contains("\"report\":\"daily\"") == true)
    }

    @Test func kafkaConsumerDeploymentsAreNotMistakenForTheFunction() throws {
        let m = try reader.read("shop/orders-python")
        #expect(m.initContainers.first?.name == "prepare")
        #expect(m.runtime.env.contains { $0.name == "DB_PASSWORD" && $0.value == nil })
    }

    @Test func anUnknownFunctionOrAMissingIndexIsAClearError() {
        #expect(throws: VerifyError.self) { try reader.read("default/nope") }
        #expect((try? ManifestReader(directory: "/nonexistent").functionKeys()) == nil)
    }
}
