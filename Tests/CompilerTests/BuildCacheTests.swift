import Compiler
import Foundation
import Testing

/// The local build cache (`.kfn-cache/`): what it saves a build from doing, and that whatever is
/// in it (nothing, garbage, stale entries) the build writes the bytes a build without it writes.
@Suite struct BuildCacheTests {
    static func options(_ ws: Workspace, importPaths: [String] = []) -> BuildOptions {
        var options = BuildOptions(runtimes: ws.path + "/runtimes/runtimes.jsonnet", functions: ws.path + "/functions",
                                   templates: ws.path + "/templates", out: ws.path + "/out", importPaths: importPaths)
        options.cacheDirectory = ws.path + "/.kfn-cache"
        return options
    }

    static func build(_ ws: Workspace, importPaths: [String] = []) throws -> Compiler.Result {
        var result = try Compiler(options: options(ws, importPaths: importPaths)).build()
        try result.apply()
        // File times come from a clock that advances in ticks: a file written in the tick the
        // cache was saved in is racily clean and read again. Waiting a little lets the next build
        // trust what this one wrote, so the counts below do not depend on scheduling.
        Thread.sleep(forTimeInterval: 0.05)
        return result
    }

    /// `out/` must be what a build without any cache makes of the same inputs, index included.
    static func expectSameAsWithoutCache(_ ws: Workspace, importPaths: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let cold = ws.path + "/out-cold"
        try? FileManager.default.removeItem(atPath: cold)
        var options = options(ws, importPaths: importPaths)
        options.cacheDirectory = nil
        options.out = cold
        let result = try Compiler(options: options).build()
        try result.plan.apply()
        #expect(result.filesRead > 0, sourceLocation: sourceLocation)
        #expect(ws.snapshot("out") == ws.snapshot("out-cold"), sourceLocation: sourceLocation)
    }

    /// Edits a file the way that hides best from a stat cache: in place (same inode, unlike
    /// `Workspace.write`, which renames a new file over it), same size, and the modification time
    /// set back to the nanosecond, as `touch -r` would. Only the change time, which no tool can
    /// set, still shows the edit.
    static func editKeepingSizeAndModificationTime(_ ws: Workspace, _ path: String, _ edit: (String) -> String) throws {
        let file = ws.path + "/" + path
        var st = stat()
        try #require(stat(file, &st) == 0)
        let before = try #require(ws.read(path))
        let bytes = Array(edit(before).utf8)
        try #require(bytes.count == before.utf8.count && bytes != Array(before.utf8))
        let fd = open(file, O_WRONLY | O_TRUNC)
        try #require(fd >= 0)
        defer { close(fd) }
        try #require(write(fd, bytes, bytes.count) == bytes.count)
        try #require(futimens(fd, [st.st_mtim, st.st_mtim]) == 0)
        var after = stat()
        try #require(fstat(fd, &after) == 0 && after.st_ino == st.st_ino && after.st_size == st.st_size)
        #expect(after.st_mtim.tv_sec == st.st_mtim.tv_sec && after.st_mtim.tv_nsec == st.st_mtim.tv_nsec)
    }

    /// A project built twice, so that the cache trusts every file (none is racily clean).
    static func warmProject() throws -> Workspace {
        let ws = try IncrementalTests.project()
        _ = try build(ws)
        _ = try build(ws)
        return ws
    }

    @Test func aWarmCacheReadsNoFileAndSkipsTheCatalogEvaluation() throws {
        let ws = try IncrementalTests.project()
        let cold = try Self.build(ws)
        #expect(cold.filesRead > 0)
        #expect(cold.evaluatedCatalog)
        _ = try Self.build(ws)
        let warm = try Self.build(ws)
        #expect(warm.filesRead == 0)
        #expect(!warm.evaluatedCatalog)
        #expect(warm.evaluated == 0)
        #expect(warm.plan.isUpToDate)
        #expect(warm.plan.files.isEmpty, "index and kustomization verified on disk, not serialised again")
        try Self.expectSameAsWithoutCache(ws)
    }

    @Test func aSourceEditedWithItsSizeAndModificationTimeKeptIsSeen() throws {
        let ws = try Self.warmProject()
        try Self.editKeepingSizeAndModificationTime(ws, "functions/hello/hello.py") { $0.replacingOccurrences(of: "'hello'", with: "'HELLO'") }
        let run = try Self.build(ws)
        #expect(run.evaluated == 1)
        #expect(ws.read("out/default/hello/configmap-hello.yaml")?.contains("return 'HELLO'") == true)
        try Self.expectSameAsWithoutCache(ws)
    }

    @Test func anOutputFileEditedWithItsSizeAndModificationTimeKeptIsRepaired() throws {
        let ws = try Self.warmProject()
        let path = "out/default/hello/service-hello.yaml"
        let original = try #require(ws.read(path))
        try Self.editKeepingSizeAndModificationTime(ws, path) { $0.replacingOccurrences(of: "port: 8080", with: "port: 9090") }
        let run = try Self.build(ws)
        #expect(run.plan.changes.map(\.path) == ["default/hello/service-hello.yaml"])
        #expect(ws.read(path) == original)
    }

    @Test func checkSeesAnOutputFileEditedWithItsStampKept() throws {
        let ws = try OutputBehaviourTests.project()
        #expect(try ws.kfn("build").status == 0)
        #expect(try ws.kfn("build").status == 0)
        Thread.sleep(forTimeInterval: 0.05)
        try Self.editKeepingSizeAndModificationTime(ws, "out/default/hello/service-hello.yaml") {
            $0.replacingOccurrences(of: "port: 8080", with: "port: 9090")
        }
        let check = try ws.kfn("build", "--check")
        #expect(check.status == 1)
        #expect(check.stderr.contains("updated out/default/hello/service-hello.yaml"))
        #expect(try ws.kfn("build").status == 0)
        #expect(try ws.kfn("build", "--check").status == 0)
    }

    @Test func everyKindOfChangeGivesTheBytesOfABuildWithoutCache() throws {
        let ws = try Self.warmProject()
        let changes: [(String, () throws -> Void)] = [
            ("touch", { try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: ws.path + "/functions/bye/bye.py") }),
            ("edit source", { try ws.write("def handler(event, context):\n    return 'bye now'\n", to: "functions/bye/bye.py") }),
            ("add function", {
                try ws.write("{ runtime: 'python3.12', handler: 'new.handler' }\n", to: "functions/new/function.jsonnet")
                try ws.write("def handler(event, context):\n    return 'new'\n", to: "functions/new/new.py")
            }),
            ("delete output file", { try FileManager.default.removeItem(atPath: ws.path + "/out/default/new/service-new.yaml") }),
            ("delete function", { try FileManager.default.removeItem(atPath: ws.path + "/functions/new") }),
            ("shared library", { try ws.write("{ team: 'platform' }\n", to: "functions/lib/common.libsonnet") }),
            ("template", {
                let file = ws.path + "/templates/service.jsonnet"
                try (String(contentsOfFile: file, encoding: .utf8) + "\n// edited\n").write(toFile: file, atomically: true, encoding: .utf8)
            }),
            ("catalog", {
                let file = ws.path + "/runtimes/runtimes.jsonnet"
                let text = try String(contentsOfFile: file, encoding: .utf8)
                try text.replacingOccurrences(of: "example/kfn-python:3.12", with: "example/kfn-python-next:3.12")
                    .write(toFile: file, atomically: true, encoding: .utf8)
            }),
            ("delete index", { try FileManager.default.removeItem(atPath: ws.path + "/out/.kfn-index.json") }),
            ("delete kustomization", { try FileManager.default.removeItem(atPath: ws.path + "/out/kustomization.yaml") }),
            ("nothing", {}),
        ]
        for (name, change) in changes {
            try change()
            let run = try Self.build(ws)
            #expect(try Self.build(ws).plan.isUpToDate, "\(name): a second build changes nothing")
            if name == "catalog" { #expect(run.evaluatedCatalog) }
            try Self.expectSameAsWithoutCache(ws)
        }
        #expect(ws.read("out/default/hello/deployment-hello.yaml")?.contains("example/kfn-python-next:3.12") == true)
    }

    @Test func aFileThatShadowsACatalogImportIsSeen() throws {
        let ws = try IncrementalTests.project()
        let catalog = try #require(ws.read("runtimes/runtimes.jsonnet"))
        try ws.write("(import 'images.libsonnet').patch(" + catalog + ")\n", to: "runtimes/runtimes.jsonnet")
        try ws.write("{ patch(c):: c }\n", to: "jlib/images.libsonnet")
        let jpath = [ws.path + "/jlib"]
        _ = try Self.build(ws, importPaths: jpath)
        _ = try Self.build(ws, importPaths: jpath)
        #expect(try !Self.build(ws, importPaths: jpath).evaluatedCatalog)
        // Next to the catalog comes first on the search path: this file now takes the import.
        try ws.write("""
            { patch(c):: [r + { livenessProbeInfo: { exec: { command: ['/shadowed'] } } } for r in c] }
            """, to: "runtimes/images.libsonnet")
        let run = try Self.build(ws, importPaths: jpath)
        #expect(run.evaluatedCatalog)
        #expect(ws.read("out/default/hello/deployment-hello.yaml")?.contains("/shadowed") == true)
        try Self.expectSameAsWithoutCache(ws, importPaths: jpath)
    }

    @Test func aCorruptTruncatedOrForeignCacheIsIgnored() throws {
        let ws = try IncrementalTests.project()
        _ = try Self.build(ws)
        let dir = ws.path + "/.kfn-cache"
        let cacheFiles = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("build-") }
        #expect(cacheFiles.count == 1)
        let file = dir + "/" + cacheFiles[0]
        let valid = try Data(contentsOf: URL(fileURLWithPath: file))
        var foreign = valid
        foreign[foreign.firstIndex(of: UInt8(ascii: "\n"))! + 1] ^= 0xFF  // the format number
        for damaged in [Data("garbage".utf8), valid.prefix(valid.count / 2), valid.prefix(valid.count - 1), foreign, Data()] {
            try damaged.write(to: URL(fileURLWithPath: file))
            try ws.write("def handler(event, context):\n    return 'bye \(damaged.count)'\n", to: "functions/bye/bye.py")
            let run = try Self.build(ws)
            #expect(run.evaluatedCatalog, "nothing usable was loaded")
            try Self.expectSameAsWithoutCache(ws)
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) != damaged, "rewritten")
        }
    }

    @Test func theCacheFolderIgnoresItselfAndStaysOutOfOut() throws {
        let ws = try OutputBehaviourTests.project()
        #expect(try ws.kfn("build").status == 0)
        #expect(ws.read(".kfn-cache/.gitignore")?.contains("\n*\n") == true)
        #expect(ws.read(".kfn-cache/CACHEDIR.TAG")?.hasPrefix("Signature: 8a477f597d28d172789f06886806bc55") == true)
        #expect(ws.snapshot("out").keys.allSatisfy { !$0.contains("cache") })
        let again = try ws.kfn("build")
        #expect(again.stdout.contains("no changes; 0 rendered"))

        let bare = try OutputBehaviourTests.project()
        #expect(try bare.kfn("build", "--no-cache").status == 0)
        #expect(!FileManager.default.fileExists(atPath: bare.path + "/.kfn-cache"))
        #expect(try bare.kfn("build", "--cache-dir", "elsewhere").status == 0)
        #expect(FileManager.default.fileExists(atPath: bare.path + "/elsewhere/CACHEDIR.TAG"))
        #expect(bare.snapshot("out") == ws.snapshot("out"))
        let inside = try bare.kfn("build", "--cache-dir", "out/.cache")
        #expect(inside.status == 64)
        #expect(inside.stderr.contains("inside out/"))
    }
}
