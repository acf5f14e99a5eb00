import ArgumentParser
import Compiler

/// The inputs and output every compiling command shares.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The runtime catalog (Kubeless schema).", valueName: "file"))
    var runtimes = "runtimes/runtimes.jsonnet"

    @Option(name: .long, help: ArgumentHelp("The folder of function folders, each with a function.jsonnet.", valueName: "dir"))
    var functions = "functions"

    @Option(name: .long, help: ArgumentHelp("The jsonnet templates, one per object kind.", valueName: "dir"))
    var templates = "templates"

    @Option(name: .long, help: ArgumentHelp("The output folder kfn owns (files it did not write are never touched).", valueName: "dir"))
    var out = "out"

    @Option(name: .long, help: ArgumentHelp("Build for an environment: passed to jsonnet as std.extVar('env'), written to <out>/<env>/.", valueName: "name"))
    var env = ""

    @Option(name: [.customShort("J"), .customLong("jpath")], help: ArgumentHelp("An extra jsonnet library path (repeatable).", valueName: "dir"))
    var jpath: [String] = []

    @Flag(name: .long, help: "Treat catalog images that are not pinned by digest as errors.")
    var strict = false

    @Option(name: .long, help: ArgumentHelp("The local build cache: file digests by stat, so unchanged files are not read again (never committed, safe to delete).", valueName: "dir"))
    var cacheDir = ".kfn-cache"

    @Flag(name: .long, help: "Build without the local cache: read and hash every file, write no cache (as a fresh clone does).")
    var noCache = false

    func validate() throws {
        if !env.isEmpty, !env.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) {
            throw ValidationError("--env must be lowercase letters, digits and '-' (it names a folder under \(out)/), got '\(env)'")
        }
        if !noCache, buildOptions.cacheIsInsideOutput {
            throw ValidationError("--cache-dir \(cacheDir) is inside \(out)/, which is committed: put the cache elsewhere (default .kfn-cache)")
        }
    }

    var buildOptions: BuildOptions {
        var options = BuildOptions(runtimes: runtimes, functions: functions, templates: templates, out: out, environment: env,
                                   strict: strict, importPaths: jpath)
        options.cacheDirectory = noCache ? nil : cacheDir
        return options
    }
}
