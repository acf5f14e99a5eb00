import Foundation
import Jsonnet
import Testing
@testable import Render

/// Inlining the templates and their libraries into one prelude gives the values importing them
/// gives, shares a file imported from two folders, and declines what it cannot inline.
@Suite struct TemplateBundleTests {
    /// A templates folder with a library in a subfolder, a shared settings file imported from two
    /// folders, an `importstr`, and a library found through a `-J` path.
    static func folder(_ extra: [String: String] = [:]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kfn-bundle-\(UUID().uuidString)")
        let files = [
            "templates/configmap.jsonnet": """
                local settings = import 'settings.libsonnet';
                local lib = import 'lib/meta.libsonnet';
                local vendor = import 'vendor.libsonnet';  // from the -J path
                function(fn) { kind: 'ConfigMap', metadata: lib.meta(fn.name), data: { banner: importstr 'banner.txt', user: std.toString(settings.user) }, v: vendor.v }
                """,
            "templates/service.jsonnet": "local lib = import 'lib/meta.libsonnet';\nfunction(fn) { kind: 'Service', metadata: lib.meta(fn.name) }\n",
            "templates/lib/meta.libsonnet": "local settings = import '../settings.libsonnet';\n{ meta(name):: { name: name, labels: { user: std.toString(settings.user) } } }\n",
            "templates/settings.libsonnet": "{ user: 1000 }\n",
            "templates/banner.txt": "it's 'quoted' \"twice\"\n",
            "jpath/vendor.libsonnet": "{ v: 'vendored' }\n",
        ].merging(extra) { _, b in b }
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return dir
    }

    func evaluate(_ program: String, in dir: URL) throws -> JSONValue {
        let templates = dir.appendingPathComponent("templates").path
        let vm = JsonnetVM(JsonnetConfiguration(importPaths: [templates, dir.appendingPathComponent("jpath").path]))
        return try JSONParser.parse(try vm.evaluate(snippet: program, filename: templates + "/.kfn-render.jsonnet"))
    }

    @Test func inlinedTemplatesGiveWhatImportedOnesGive() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let set = TemplateSet(directory: dir.appendingPathComponent("templates").path)
        let names = ["configmap", "service"]
        let bundle = try #require(TemplateBundle.make(set, names: names, importPaths: [dir.appendingPathComponent("jpath").path]))
        // settings.libsonnet is imported from templates/ and from templates/lib/: one file.
        #expect(bundle.files.filter { $0.hasSuffix("/settings.libsonnet") }.count == 1)
        #expect(bundle.files.count == 6)
        #expect(!bundle.prelude.contains("import"))
        let calls = "[configmap({ name: 'f' }), service({ name: 'f' })]"
        let inlined = try evaluate(bundle.prelude + calls, in: dir)
        let imported = try evaluate(set.prelude(names) + "\n" + calls, in: dir)
        #expect(inlined == imported)
        #expect(inlined.arrayValue?.first?["data"]?["banner"] == .string("it's 'quoted' \"twice\"\n"))
    }

    @Test func templateCodeCannotSeeTheTemplateNames() throws {
        // `service` is a template name in the prelude, but not a variable inside configmap.jsonnet.
        let dir = try Self.folder(["templates/configmap.jsonnet": "function(fn) service(fn)\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let set = TemplateSet(directory: dir.appendingPathComponent("templates").path)
        let bundle = try #require(TemplateBundle.make(set, names: ["configmap", "service"], importPaths: []))
        #expect(throws: JsonnetError.self) { try evaluate(bundle.prelude + "configmap({ name: 'f' })", in: dir) }
    }

    @Test(arguments: [
        "local b = importbin 'banner.txt'; function(fn) { b: b }\n",
        "local x = import 'missing.libsonnet'; function(fn) x\n",
    ])
    func declinesWhatItCannotInline(_ configmap: String) throws {
        let dir = try Self.folder(["templates/configmap.jsonnet": configmap])
        defer { try? FileManager.default.removeItem(at: dir) }
        let set = TemplateSet(directory: dir.appendingPathComponent("templates").path)
        #expect(TemplateBundle.make(set, names: ["configmap"], importPaths: []) == nil)
    }
}
