import ArgumentParser
import Compiler
import Diagnostics
import Foundation
import Output

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate out/ from the catalog, the functions and the templates.",
        discussion: """
        Writes one file per object (<out>/<namespace>/<function>/<kind>-<name>.yaml), \
        <out>/kustomization.yaml and the ownership index <out>/.kfn-index.json. Files are replaced \
        atomically; files that are no longer produced are pruned, but only those the index owns. \
        Functions whose inputs did not change are not rendered again. A build with errors writes nothing.

        With --check nothing is written: kfn exits 1 and lists the files that differ when out/ is not \
        what the inputs produce. Use it as the CI gate for stale output.
        """)

    @OptionGroup var project: ProjectOptions

    @Flag(name: .long, help: "Write nothing; exit 1 if out/ is stale, listing the files that differ.")
    var check = false

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Flag(name: .long, help: "Print how long each stage took (wall and CPU time) to standard error.")
    var timings = false

    @Option(name: .long, help: .hidden)
    var dumpModels: String?

    func run() throws {
        var options = project.buildOptions
        options.reuseDefinitions = dumpModels == nil
        var result = try Terminal.compile(options)
        if let dumpModels {
            // The resolved models, for the go-jsonnet baseline of `make bench` (bench/baseline.py).
            try result.modelDump.write(toFile: dumpModels, atomically: true, encoding: .utf8)
        }
        if check {
            let plan = result.plan
            result.saveCache()
            if timings { Terminal.error(result.timings.report) }
            if plan.isUpToDate {
                if !quiet { print("\(project.buildOptions.outputDirectory)/ is up to date (\(result.functions) functions, \(result.objects) objects)") }
                return
            }
            Terminal.error("\(project.buildOptions.outputDirectory)/ is stale: \(plan.changes.count) file(s) differ from what the inputs produce")
            for c in plan.changes { Terminal.error("  \(Terminal.describe(c)) \(plan.directory)/\(c.path)") }
            Terminal.error("run `kfn build` and commit \(project.buildOptions.outputDirectory)/ (see the differences with `kfn diff`)")
            throw ExitCode(1)
        }
        do {
            try result.apply()
        } catch {
            Terminal.error("error: writing \(result.plan.directory)/ failed: \(error)")
            throw ExitCode(1)
        }
        if timings { Terminal.error(result.timings.report) }
        let plan = result.plan
        if !quiet {
            let counts = Dictionary(grouping: plan.changes, by: Terminal.describe).mapValues(\.count)
            let summary = ["created", "updated", "deleted"].compactMap { k in counts[k].map { "\($0) \(k)" } }.joined(separator: ", ")
            print("\(plan.directory)/: \(result.functions) functions, \(result.objects) objects; \(summary.isEmpty ? "no changes" : summary); \(result.rendered) rendered")
        }
    }
}
