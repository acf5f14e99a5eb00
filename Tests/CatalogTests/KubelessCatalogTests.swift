import Diagnostics
import Foundation
import Jsonnet
import Testing
@testable import Catalog

/// kfn must accept any catalog in the Kubeless schema unchanged: this fixture has the layout,
/// syntax and content of the published kubeless/runtimes catalog (12 runtimes, 26 runtime strings).
@Suite struct KubelessCatalogTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/kubeless/runtimes.jsonnet").path

    @Test func loadsThePublishedCatalogUnchanged() throws {
        let (catalog, warnings) = try CatalogLoader(path: Self.fixture).load()
        #expect(catalog.runtimes.map(\.id) == ["ballerina", "dotnetcore", "go", "java", "nodejs", "php", "python", "ruby",
                                               "jvm", "nodejs_distroless", "nodejsCE", "vertx"])
        #expect(catalog.runtimeStrings == [
            "ballerina0.981.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore2.2", "dotnetcore3.1", "go1.13", "go1.14",
            "java1.8", "java11", "nodejs10", "nodejs12", "nodejs14", "php7.2", "php7.3", "php7.4", "python3.6", "python3.7",
            "python3.8", "ruby2.3", "ruby2.4", "ruby2.5", "ruby2.6", "jvm1.8", "nodejs_distroless8", "nodejsCE8", "vertx1.8",
        ])
        // Only the tag-pinned images warn (python, ruby, composer install images, dotnetcore 2.2), in one warning.
        #expect(warnings.count == 1)
        #expect(warnings[0].message.hasPrefix("10 catalog image(s) are not pinned by digest"))
        #expect(catalog.inputFiles.count == 13)
    }

    @Test func resolvesRuntimeStringsTheKubelessWay() throws {
        let (catalog, _) = try CatalogLoader(path: Self.fixture).load()
        let cases: [(String, String, String, String)] = [
            ("go1.14", "go", "1.14", "compilation+runtime"),
            ("python3.8", "python", "3.8", "installation+runtime"),
            ("nodejs_distroless8", "nodejs_distroless", "8", "installation+runtime"),
            ("nodejsCE8", "nodejsCE", "8", "installation+runtime"),
            ("ballerina0.981.0", "ballerina", "0.981.0", "compilation+runtime"),
            ("java11", "java", "11", "compilation+runtime"),
        ]
        for (text, id, version, phases) in cases {
            let (rt, v) = try catalog.resolve(text).get()
            #expect(rt.id == id)
            #expect(v.version == version)
            #expect(v.phaseSummary == phases)
        }
        #expect(try catalog.resolve("jvm1.8").get().1.image(for: .compilation)?.command
            == "mv /kubeless/* /kubeless/payload.jar && cp /opt/*.jar /kubeless/ > /dev/termination-log 2>&1")
        #expect(try catalog.resolve("go1.13").get().1.image(for: .compilation)?.env == [EnvVar("GOCACHE", "$(KUBELESS_INSTALL_VOLUME)/.cache")])
        if case .failure(let e) = catalog.resolve("python3.9") {
            #expect(e == .unknownVersion("python3.9", id: "python", versions: ["python3.6", "python3.7", "python3.8"]))
        } else {
            Issue.record("python3.9 resolved")
        }
        if case .failure(.unknownRuntime) = catalog.resolve("cobol1") {} else { Issue.record("cobol1 resolved") }
    }

    @Test(arguments: [
        ("python3.12", "python", "3.12"), ("nodejs_distroless8", "nodejs_distroless", "8"), ("go1.14", "go", "1.14"),
        ("ballerina0.981.0", "ballerina", "0.981.0"), ("nodejsCE8", "nodejsCE", "8"), ("dotnetcore3.1", "dotnetcore", "3.1"),
    ])
    func splitsRuntimeStrings(_ text: String, _ id: String, _ version: String) {
        #expect(RuntimeName(text) == RuntimeName(text))
        #expect(RuntimeName(text)?.id == id)
        #expect(RuntimeName(text)?.version == version)
    }

    @Test(arguments: ["python", "3.12", "python3.7-slim", ""])
    func rejectsStringsThatCannotMatch(_ text: String) {
        #expect(RuntimeName(text) == nil)
    }

    @Test func matchesKeysCaseInsensitivelyLikeKubeless() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kfn-catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("runtimes.jsonnet").path
        try """
        [{ id: 'lua', VERSIONS: [{ Name: 'lua54', Version: '5.4', Images: [{ Phase: 'runtime', Image: 'lua@sha256:\(String(repeating: "a", count: 64))' }] }],
           depname: '', FileNameSuffix: '.lua', compiled: false }]
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let (catalog, warnings) = try CatalogLoader(path: file).load()
        #expect(warnings.isEmpty)
        #expect(catalog.runtimeStrings == ["lua5.4"])
        #expect(catalog.runtimes[0].fileNameSuffix == ".lua")
    }

    @Test func theShippedCatalogOffersPythonNodeAndRuby() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let (catalog, _) = try CatalogLoader(path: root.appendingPathComponent("runtimes/runtimes.jsonnet").path).load()
        #expect(catalog.runtimeStrings == ["python3.11", "python3.12", "nodejs20", "nodejs22", "ruby3.2", "ruby3.3"])
        for rt in catalog.runtimes {
            for v in rt.versions {
                #expect(v.phaseSummary == "installation+runtime")
                #expect(v.image(for: .installation)?.command?.contains("$KUBELESS_DEPS_FILE") == true || rt.id == "nodejs")
            }
        }
    }
}
