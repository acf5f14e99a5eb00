import Foundation
import Testing
import Yams

/// The imported folders are what `kfn build` takes: the objects Kubeless made come out again.
@Suite struct ImportThenBuildTests {
    /// Imports the realistic fixture, builds, and returns the scratch project and the build's output.
    private func importAndBuild() throws -> (ImportRunner, ImportRunner.Output) {
        let runner = try ImportRunner()
        try runner.add(contentsOf: ImportRunner.fixtures.appendingPathComponent("import/input"))
        let imported = try runner.kfn(["import", "kubeless.yaml", "--kafka-brokers", "kafka-0.kafka:9092,kafka-1.kafka:9092"])
        #expect(imported.status == 0, "\(imported.stderr)")
        return (runner, try runner.kfn(["build"]))
    }

    private func object(_ runner: ImportRunner, _ path: String) throws -> [String: Any] {
        let text = try String(contentsOf: runner.folder.appendingPathComponent("out/" + path), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any], "out/\(path) is not a YAML mapping")
    }

    @Test func buildAcceptsTheImportedFunctions() throws {
        let (runner, build) = try importAndBuild()
        defer { runner.remove() }
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("6 functions"), "\(build.stdout)")
    }

    @Test func deploymentCarriesEnvAndSecretReferences() throws {
        let (runner, _) = try importAndBuild()
        defer { runner.remove() }
        let d = try object(runner, "shop/orders/deployment-orders.yaml")
        let pod = try #require(((d["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any])
        let container = try #require((pod["containers"] as? [[String: Any]])?.first)
        let env = try #require(container["env"] as? [[String: Any]])
        func entry(_ name: String) -> [String: Any]? { env.first { $0["name"] as? String == name } }
        #expect(entry("LOG_LEVEL")?["value"] as? String == "info")
        let db = (entry("DB_PASSWORD")?["valueFrom"] as? [String: Any])?["secretKeyRef"] as? [String: Any]
        #expect(db?["name"] as? String == "orders-db" && db?["key"] as? String == "password")
        let token = (entry("API_TOKEN")?["valueFrom"] as? [String: Any])?["secretKeyRef"] as? [String: Any]
        #expect(token?["name"] as? String == "orders-env" && token?["key"] as? String == "API_TOKEN")
        #expect(entry("FUNC_TIMEOUT")?["value"] as? String == "30")
        let text = try String(contentsOf: runner.folder.appendingPathComponent("out/shop/orders/deployment-orders.yaml"), encoding: .utf8)
        #expect(!text.contains("tok-9f8e7d6c"), "a literal credential reached out/")
        let limits = (container["resources"] as? [String: Any])?["limits"] as? [String: Any]
        #expect(limits?["memory"] as? String == "256Mi")
    }

    @Test func cronJobHttpIngressKafkaAndHPAComeBack() throws {
        let (runner, _) = try importAndBuild()
        defer { runner.remove() }
        let cron = try object(runner, "default/report/cronjob-report.yaml")
        #expect((cron["spec"] as? [String: Any])?["schedule"] as? String == "30 6 * * 1-5")
        let ingress = try object(runner, "shop/orders/ingress-orders.yaml")
        let rules = (ingress["spec"] as? [String: Any])?["rules"] as? [[String: Any]]
        #expect(rules?.first?["host"] as? String == "api.example.com")
        let hpa = try object(runner, "shop/orders/horizontalpodautoscaler-orders.yaml")
        #expect((hpa["spec"] as? [String: Any])?["maxReplicas"] as? Int == 10)
        let files = runner.files(under: "out").keys
        #expect(files.contains { $0.hasPrefix("shop/orders/deployment-orders-kafka-orders") }, "\(files.sorted())")
        #expect(files.contains("default/hello/service-hello.yaml"), "\(files.sorted())")
        #expect(files.contains("staging/hello/service-hello.yaml"), "\(files.sorted())")
    }
}
